using System;
using DeviceAuth.Encoding;

namespace DeviceAuth.Tokens
{
    /// <summary>Conversions of compact JWTs between the Bearer form and the AWS IoT token/tokenSignature form.</summary>
    public static class JwtTokens
    {
        /// <summary>
        /// True when <paramref name="token"/> has the shape of a compact JWS: three non-empty base64url
        /// segments separated by two dots.
        /// </summary>
        /// <param name="token">The candidate.</param>
        public static bool IsCompactJwt(string token)
        {
            if (token == null)
            {
                return false;
            }

            int first = token.IndexOf('.');
            if (first <= 0)
            {
                return false;
            }

            int second = token.IndexOf('.', first + 1);
            if (second <= first + 1 || second == token.Length - 1 || token.IndexOf('.', second + 1) >= 0)
            {
                return false;
            }

            for (int i = 0; i < token.Length; i++)
            {
                char c = token[i];
                bool ok = AsciiText.IsAlnum(c) || c == '-' || c == '_' || c == '.';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Splits a compact RS256 JWT (e.g. one fetched from a token service) into the AWS IoT form:
        /// token = <c>header.payload</c>, tokenSignature = the signature re-encoded as standard padded
        /// Base64 (alphabet mapped and padding added as the length requires, right for every key size).
        /// Issued-at and expiry are kept.
        /// </summary>
        /// <param name="jwt">A token whose <see cref="AuthToken.Token"/> is a compact JWT and that has no separate signature.</param>
        /// <exception cref="FormatException">The token is not a compact JWT (the message does not quote it).</exception>
        public static AuthToken ToAwsIotToken(AuthToken jwt)
        {
            if (jwt == null)
            {
                throw new ArgumentNullException("jwt");
            }

            string token = jwt.Token;
            if (jwt.TokenSignature != null || !IsCompactJwt(token))
            {
                throw new FormatException("The token is not a compact JWT (header.payload.signature without a separate signature).");
            }

            int lastDot = token.LastIndexOf('.');
            string signature = Base64Url.ToStandardBase64(token.Substring(lastDot + 1));
            return new AuthToken(token.Substring(0, lastDot), signature, jwt.IssuedAt, jwt.ExpiresAt);
        }
    }
}
