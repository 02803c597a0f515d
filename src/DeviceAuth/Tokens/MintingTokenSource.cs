using System;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Base of the sources that mint their own tokens with a fixed lifetime (device-signed, JWT,
    /// HMAC). It keeps the current token and reuses it while it stays valid long enough, and mints a
    /// new one otherwise. It never hands out an expired token, never mints while the clock is unset
    /// (<see cref="ClockNotSetException"/>), and discards a token that appears to be issued in the
    /// future (the clock was stepped back, e.g. by SNTP). Thread-safe.
    /// </summary>
    public abstract class MintingTokenSource : ITokenSource
    {
        private readonly object _sync = new object();
        private readonly IClock _clock;
        private readonly int _lifetimeSeconds;
        private AuthToken _current;

        /// <summary>Initialises the source.</summary>
        /// <param name="clock">The clock for issued-at/expiry times.</param>
        /// <param name="lifetimeSeconds">Lifetime of each minted token, in seconds (60 to 31,536,000).</param>
        protected MintingTokenSource(IClock clock, int lifetimeSeconds)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (lifetimeSeconds < MinLifetimeSeconds || lifetimeSeconds > MaxLifetimeSeconds)
            {
                throw new ArgumentOutOfRangeException("lifetimeSeconds", "A token lifetime must be between 60 s and 365 days.");
            }

            _clock = clock;
            _lifetimeSeconds = lifetimeSeconds;
        }

        /// <summary>Shortest lifetime accepted (60 s).</summary>
        public const int MinLifetimeSeconds = 60;

        /// <summary>Longest lifetime accepted (365 days).</summary>
        public const int MaxLifetimeSeconds = 31536000;

        /// <summary>Lifetime of each minted token, in seconds.</summary>
        public int LifetimeSeconds
        {
            get { return _lifetimeSeconds; }
        }

        /// <summary>The clock of this source.</summary>
        protected IClock Clock
        {
            get { return _clock; }
        }

        /// <inheritdoc />
        /// <exception cref="ClockNotSetException">The clock reads a time before 2024-01-01.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="minValiditySeconds"/> is negative or exceeds the token lifetime.</exception>
        public AuthToken GetToken(int minValiditySeconds)
        {
            if (minValiditySeconds < 0 || minValiditySeconds >= _lifetimeSeconds)
            {
                throw new ArgumentOutOfRangeException("minValiditySeconds", "minValiditySeconds must be between 0 and the token lifetime (exclusive).");
            }

            lock (_sync)
            {
                DateTime now = ClockGuard.ReadUtc(_clock);
                AuthToken current = _current;
                if (current != null
                    && now >= current.IssuedAt
                    && !current.IsExpiredAt(now)
                    && current.SecondsRemaining(now) >= minValiditySeconds)
                {
                    return current;
                }

                return MintLocked(now);
            }
        }

        /// <inheritdoc />
        /// <exception cref="ClockNotSetException">The clock reads a time before 2024-01-01.</exception>
        public AuthToken Renew()
        {
            lock (_sync)
            {
                return MintLocked(ClockGuard.ReadUtc(_clock));
            }
        }

        /// <summary>
        /// Mints a token issued at <paramref name="issuedAtSeconds"/> and expiring at
        /// <paramref name="expiresAtSeconds"/> (Unix seconds; the expiry is issued-at plus the lifetime).
        /// </summary>
        /// <param name="issuedAtSeconds">Issued-at, Unix seconds.</param>
        /// <param name="expiresAtSeconds">Expiry, Unix seconds.</param>
        /// <returns>The token; its <see cref="AuthToken.ExpiresAt"/> must be that instant and its <see cref="AuthToken.IssuedAt"/> that instant or, for a back-dated token, earlier.</returns>
        protected abstract AuthToken Mint(long issuedAtSeconds, long expiresAtSeconds);

        private AuthToken MintLocked(DateTime now)
        {
            _current = null;
            long iat = UnixTime.ToSeconds(now);
            AuthToken token = Mint(iat, iat + _lifetimeSeconds);
            if (token == null)
            {
                throw new InvalidOperationException("Mint returned no token.");
            }

            _current = token;
            return token;
        }
    }
}
