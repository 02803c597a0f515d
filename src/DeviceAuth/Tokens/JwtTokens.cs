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
            return token != null && IsCompactJwt(token.ToCharArray());
        }

        private static bool IsCompactJwt(char[] token)
        {
            int length = token.Length;
            int first = AsciiText.IndexOf(token, '.', 0, length);
            if (first <= 0)
            {
                return false;
            }

            int second = AsciiText.IndexOf(token, '.', first + 1, length);
            if (second <= first + 1 || second == length - 1 || AsciiText.IndexOf(token, '.', second + 1, length) >= 0)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
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

            char[] token = jwt.Token.ToCharArray();
            if (jwt.TokenSignature != null || !IsCompactJwt(token))
            {
                throw new FormatException("The token is not a compact JWT (header.payload.signature without a separate signature).");
            }

            int lastDot = AsciiText.LastIndexOf(token, '.', 0, token.Length);
            string signature = Base64Url.ToStandardBase64(new string(token, lastDot + 1, token.Length - lastDot - 1));
            return new AuthToken(new string(token, 0, lastDot), signature, jwt.IssuedAt, jwt.ExpiresAt);
        }
    }
}
