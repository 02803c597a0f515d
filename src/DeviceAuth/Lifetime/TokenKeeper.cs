using System;
using DeviceAuth.Tokens;

namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// Holds a session's current token and judges its remaining validity by two measures, keeping
    /// the smaller: the wall clock (<see cref="AuthToken.ExpiresAt"/> against <see cref="IClock.UtcNow"/>)
    /// and the monotonic clock (the validity the token had when it was received, minus the time
    /// elapsed since). A wall clock set forward (SNTP at boot) makes the token look expired and
    /// forces one renewal; a wall clock set back cannot make a token look younger than it is.
    /// Not thread-safe: the owner locks.
    /// </summary>
    public sealed class TokenKeeper
    {
        private readonly ITokenSource _source;
        private readonly IClock _clock;
        private readonly ITickSource _ticks;
        private AuthToken _current;
        private long _expiresAtMs;

        /// <summary>Creates a keeper.</summary>
        /// <param name="source">Where tokens come from.</param>
        /// <param name="clock">The wall clock.</param>
        /// <param name="ticks">The monotonic clock.</param>
        public TokenKeeper(ITokenSource source, IClock clock, ITickSource ticks)
        {
            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (ticks == null)
            {
                throw new ArgumentNullException("ticks");
            }

            _source = source;
            _clock = clock;
            _ticks = ticks;
        }

        /// <summary>The token last handed out, or null.</summary>
        public AuthToken Current
        {
            get { return _current; }
        }

        /// <summary>How many tokens the keeper has received that differed from the one before (renewals included).</summary>
        public int TokensReceived { get; private set; }

        /// <summary>Remaining validity of <see cref="Current"/> in milliseconds by the stricter of the two clocks (0 when none or expired; long.MaxValue when it never expires).</summary>
        public long RemainingMilliseconds()
        {
            if (_current == null)
            {
                return 0;
            }

            return RemainingByBothClocks(_current, _expiresAtMs, _clock, _ticks);
        }

        /// <summary>
        /// The monotonic instant at which <paramref name="token"/> expires, judged now by the wall clock
        /// (record it when the token is received; long.MaxValue when it never expires).
        /// </summary>
        /// <param name="token">The token just received.</param>
        /// <param name="clock">The wall clock.</param>
        /// <param name="ticks">The monotonic clock.</param>
        public static long MonotonicExpiry(AuthToken token, IClock clock, ITickSource ticks)
        {
            if (!token.HasExpiry)
            {
                return long.MaxValue;
            }

            long wall = WallRemaining(token, clock.UtcNow);
            return ticks.ElapsedMilliseconds + (wall > 0 ? wall : 0);
        }

        /// <summary>
        /// Remaining validity of <paramref name="token"/> in milliseconds by the stricter of the wall clock
        /// and the monotonic clock (0 when expired; long.MaxValue when it never expires).
        /// </summary>
        /// <param name="token">The token.</param>
        /// <param name="monotonicExpiryMs">What <see cref="MonotonicExpiry"/> returned when the token was received.</param>
        /// <param name="clock">The wall clock.</param>
        /// <param name="ticks">The monotonic clock.</param>
        public static long RemainingByBothClocks(AuthToken token, long monotonicExpiryMs, IClock clock, ITickSource ticks)
        {
            if (!token.HasExpiry)
            {
                return long.MaxValue;
            }

            long byTicks = monotonicExpiryMs - ticks.ElapsedMilliseconds;
            long byWall = WallRemaining(token, clock.UtcNow);
            long remaining = byTicks < byWall ? byTicks : byWall;
            return remaining > 0 ? remaining : 0;
        }

        /// <summary>
        /// Returns a token with at least <paramref name="minValiditySeconds"/> of validity left by both
        /// clocks: asks the source, and asks it to renew when the source's answer is the current token
        /// but the monotonic clock says it is older than the source believes.
        /// </summary>
        /// <param name="minValiditySeconds">Required remaining validity, in seconds.</param>
        /// <returns>The token.</returns>
        public AuthToken Ensure(int minValiditySeconds)
        {
            if (minValiditySeconds < 0)
            {
                throw new ArgumentOutOfRangeException("minValiditySeconds", "minValiditySeconds cannot be negative.");
            }

            long needed = (long)minValiditySeconds * 1000;
            if (_current != null && RemainingMilliseconds() >= needed)
            {
                return _current;
            }

            AuthToken token = _source.GetToken(minValiditySeconds);
            if (token == null)
            {
                throw new InvalidOperationException("The token source returned no token.");
            }

            Accept(token);
            if (RemainingMilliseconds() < needed)
            {
                // The source judged by a wall clock that disagrees with elapsed time: force a new one.
                Accept(_source.Renew());
            }

            return _current;
        }

        /// <summary>Discards the current token and asks the source for a new one now.</summary>
        /// <returns>The new token.</returns>
        public AuthToken Renew()
        {
            AuthToken token = _source.Renew();
            if (token == null)
            {
                throw new InvalidOperationException("The token source returned no token.");
            }

            Accept(token);
            return _current;
        }

        private void Accept(AuthToken token)
        {
            if (token == null)
            {
                throw new InvalidOperationException("The token source returned no token.");
            }

            if (object.ReferenceEquals(token, _current))
            {
                return;
            }

            _current = token;
            TokensReceived++;
            _expiresAtMs = MonotonicExpiry(token, _clock, _ticks);
        }

        private static long WallRemaining(AuthToken token, DateTime nowUtc)
        {
            return (token.ExpiresAt.Ticks - nowUtc.Ticks) / TimeSpan.TicksPerMillisecond;
        }
    }
}
