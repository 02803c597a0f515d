using System;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Verifier side of device-signed tokens (<see cref="DeviceSignedTokenSource"/>). AWS IoT checks
    /// the RSA signature against the authorizer's tokenSigningPublicKeys before the Lambda runs; the
    /// Lambda then checks the claims with <see cref="VerifyClaims"/>.
    /// </summary>
    public static class DeviceSignedToken
    {
        /// <summary>
        /// Parses a device-signed claim string strictly and checks its times. Does not check the
        /// signature (the service does, or use an RSA verifier on the UTF-8 bytes of the token).
        /// </summary>
        /// <param name="token">The token as received.</param>
        /// <param name="now">The verifier's time (UTC).</param>
        /// <param name="maxLifetimeSeconds">Longest lifetime accepted (exp - iat).</param>
        /// <param name="allowedClockSkewSeconds">Tolerated clock difference in seconds.</param>
        public static TokenVerificationResult VerifyClaims(string token, DateTime now, int maxLifetimeSeconds, int allowedClockSkewSeconds)
        {
            CompactClaims claims = CompactClaims.TryParse(token);
            if (claims == null || claims.Format != CompactClaims.DeviceSignedFormat)
            {
                return new TokenVerificationResult(TokenVerificationStatus.Malformed, null);
            }

            return new TokenVerificationResult(claims.CheckTimes(now, maxLifetimeSeconds, allowedClockSkewSeconds), claims);
        }
    }
}
