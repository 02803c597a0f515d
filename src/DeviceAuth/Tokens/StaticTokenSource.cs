using System;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// A provisioned token (and optional signature and expiry) that the device cannot renew itself.
    /// It is handed out while valid; once it is expired, or would not stay valid as long as required,
    /// <see cref="GetToken"/> throws <see cref="TokenExpiredException"/> instead of replaying it.
    /// </summary>
    public sealed class StaticTokenSource : ITokenSource
    {
        private readonly AuthToken _token;
        private readonly IClock _clock;

        /// <summary>Creates a source for a token that never expires (no clock needed).</summary>
        /// <param name="token">The token.</param>
        /// <param name="tokenSignature">Standard padded Base64 signature of the token, or null when the authorizer has signing disabled.</param>
        public StaticTokenSource(string token, string tokenSignature)
        {
            // IssuedAt is unknown for a provisioned token: DateTime.MinValue says so.
            _token = new AuthToken(token, tokenSignature, DateTime.MinValue, AuthToken.NoExpiry);
            _clock = null;
        }

        /// <summary>Creates a source for a provisioned token with a known validity.</summary>
        /// <param name="token">The token, with its expiry (or <see cref="AuthToken.NoExpiry"/>).</param>
        /// <param name="clock">The clock used to judge the expiry.</param>
        public StaticTokenSource(AuthToken token, IClock clock)
        {
            if (token == null)
            {
                throw new ArgumentNullException("token");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _token = token;
            _clock = clock;
        }

        /// <inheritdoc />
        /// <exception cref="TokenExpiredException">The token is expired or expires within <paramref name="minValiditySeconds"/>.</exception>
        /// <exception cref="ClockNotSetException">The token has an expiry and the clock is not set.</exception>
        public AuthToken GetToken(int minValiditySeconds)
        {
            if (minValiditySeconds < 0)
            {
                throw new ArgumentOutOfRangeException("minValiditySeconds", "minValiditySeconds must not be negative.");
            }

            if (!_token.HasExpiry)
            {
                return _token;
            }

            DateTime now = ClockGuard.ReadUtc(_clock);
            if (_token.IsExpiredAt(now) || _token.SecondsRemaining(now) < minValiditySeconds)
            {
                throw new TokenExpiredException(_token.ExpiresAt, now, minValiditySeconds);
            }

            return _token;
        }

        /// <summary>A static source cannot produce a new token: returns the same token if it is still valid.</summary>
        /// <exception cref="TokenExpiredException">The token is expired.</exception>
        /// <exception cref="ClockNotSetException">The token has an expiry and the clock is not set.</exception>
        public AuthToken Renew()
        {
            return GetToken(0);
        }
    }
}
