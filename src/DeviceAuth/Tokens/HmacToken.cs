using System;
using DeviceAuth.Crypto;
using DeviceAuth.Encoding;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// HMAC tokens for authorizers with signingDisabled (docs/token-formats.md):
    /// <c>hm1.&lt;deviceId&gt;.&lt;iat&gt;.&lt;exp&gt;.&lt;nonce&gt;.&lt;mac&gt;</c>, where mac is the
    /// unpadded base64url of HMAC-SHA256(per-device secret, ASCII bytes of everything before the last
    /// '.'). <see cref="Create"/> is what the device runs; <see cref="Verify(string, ISigner, DateTime, int, int)"/>
    /// is what the authorizer Lambda, the CLI and the tests run.
    /// </summary>
    public static class HmacToken
    {
        /// <summary>Length of the base64url MAC (32 bytes, unpadded).</summary>
        public const int MacLength = 43;

        /// <summary>Builds an HMAC token.</summary>
        /// <param name="mac">An HS256 signer keyed with the device's secret.</param>
        /// <param name="deviceId">The device id (1-128 of <c>[A-Za-z0-9:_-]</c>).</param>
        /// <param name="issuedAtSeconds">Issued-at, Unix seconds.</param>
        /// <param name="expiresAtSeconds">Expiry, Unix seconds (after issued-at).</param>
        /// <param name="nonce">8-64 base64url characters.</param>
        public static string Create(ISigner mac, string deviceId, long issuedAtSeconds, long expiresAtSeconds, string nonce)
        {
            CheckMac(mac);
            string claims = CompactClaims.Build(CompactClaims.HmacFormat, deviceId, issuedAtSeconds, expiresAtSeconds, nonce);
            byte[] data = System.Text.Encoding.UTF8.GetBytes(claims);
            byte[] tag = mac.Sign(data, 0, data.Length);
            if (tag == null || tag.Length != 32)
            {
                throw new InvalidOperationException("An HS256 signer must return 32 bytes.");
            }

            return claims + "." + Base64Url.Encode(tag, 0, tag.Length);
        }

        /// <summary>
        /// Returns the device id of a well-formed HMAC token without checking its MAC, so a verifier
        /// can look up that device's secret; null when the token is malformed. Never trust it before
        /// <see cref="Verify(string, ISigner, DateTime, int, int)"/> says Valid.
        /// </summary>
        /// <param name="token">The token.</param>
        public static string PeekDeviceId(string token)
        {
            CompactClaims claims = ParseClaims(token == null ? null : token.ToCharArray());
            return claims == null ? null : claims.DeviceId;
        }

        /// <summary>
        /// Verifies an HMAC token: strict format, MAC (compared in constant time), then times
        /// (see <see cref="CompactClaims.CheckTimes"/>). The MAC is checked before the times so that an
        /// unauthenticated token is reported as <see cref="TokenVerificationStatus.BadSignature"/>.
        /// </summary>
        /// <param name="token">The token as received.</param>
        /// <param name="mac">An HS256 signer keyed with the device's secret.</param>
        /// <param name="now">The verifier's time (UTC).</param>
        /// <param name="maxLifetimeSeconds">Longest lifetime accepted (exp - iat).</param>
        /// <param name="allowedClockSkewSeconds">Tolerated clock difference in seconds.</param>
        public static TokenVerificationResult Verify(string token, ISigner mac, DateTime now, int maxLifetimeSeconds, int allowedClockSkewSeconds)
        {
            CheckMac(mac);
            char[] chars = token == null ? null : token.ToCharArray();
            CompactClaims claims = ParseClaims(chars);
            if (claims == null)
            {
                return new TokenVerificationResult(TokenVerificationStatus.Malformed, null);
            }

            int lastDot = chars.Length - MacLength - 1;
            byte[] presented;
            try
            {
                presented = Base64Url.Decode(new string(chars, lastDot + 1, MacLength));
            }
            catch (FormatException)
            {
                return new TokenVerificationResult(TokenVerificationStatus.Malformed, null);
            }

            byte[] data = System.Text.Encoding.UTF8.GetBytes(new string(chars, 0, lastDot));
            byte[] expected = mac.Sign(data, 0, data.Length);
            if (expected == null || expected.Length != 32)
            {
                throw new InvalidOperationException("An HS256 signer must return 32 bytes.");
            }

            int diff = 0;
            for (int i = 0; i < 32; i++)
            {
                diff |= presented[i] ^ expected[i];
            }

            if (diff != 0)
            {
                return new TokenVerificationResult(TokenVerificationStatus.BadSignature, claims);
            }

            return new TokenVerificationResult(claims.CheckTimes(now, maxLifetimeSeconds, allowedClockSkewSeconds), claims);
        }

        /// <summary>
        /// Verifies an HMAC token with the device's secret (HMAC-SHA256 by <see cref="HmacSha256Signer"/>);
        /// see <see cref="Verify(string, ISigner, DateTime, int, int)"/>.
        /// </summary>
        /// <param name="token">The token as received.</param>
        /// <param name="secret">The device's secret.</param>
        /// <param name="now">The verifier's time (UTC).</param>
        /// <param name="maxLifetimeSeconds">Longest lifetime accepted (exp - iat).</param>
        /// <param name="allowedClockSkewSeconds">Tolerated clock difference in seconds.</param>
        public static TokenVerificationResult Verify(string token, byte[] secret, DateTime now, int maxLifetimeSeconds, int allowedClockSkewSeconds)
        {
            HmacSha256Signer mac = new HmacSha256Signer(secret);
            try
            {
                return Verify(token, mac, now, maxLifetimeSeconds, allowedClockSkewSeconds);
            }
            finally
            {
                mac.Dispose();
            }
        }

        private static CompactClaims ParseClaims(char[] token)
        {
            if (token == null || token.Length <= MacLength + 1)
            {
                return null;
            }

            int lastDot = token.Length - MacLength - 1;
            if (token[lastDot] != '.')
            {
                return null;
            }

            CompactClaims claims = CompactClaims.TryParse(token, 0, lastDot);
            if (claims == null || claims.Format != CompactClaims.HmacFormat)
            {
                return null;
            }

            return claims;
        }

        private static void CheckMac(ISigner mac)
        {
            if (mac == null)
            {
                throw new ArgumentNullException("mac");
            }

            if (mac.JwsAlgorithm != "HS256")
            {
                throw new ArgumentException("HMAC tokens use HMAC-SHA256: the signer must be HS256.", "mac");
            }
        }
    }
}
