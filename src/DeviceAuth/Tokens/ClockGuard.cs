using System;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Reads a clock for token decisions and refuses readings that show the clock has not been set.
    /// </summary>
    public static class ClockGuard
    {
        /// <summary>2024-01-01T00:00:00Z: any earlier reading means the device clock has not been set.</summary>
        public static readonly DateTime EarliestPlausibleTime = new DateTime(638396640000000000L, DateTimeKind.Utc);

        /// <summary>True when <paramref name="utc"/> is not before <see cref="EarliestPlausibleTime"/>.</summary>
        /// <param name="utc">A clock reading.</param>
        public static bool IsPlausible(DateTime utc)
        {
            return utc >= EarliestPlausibleTime;
        }

        /// <summary>Reads <paramref name="clock"/>; throws when it has clearly not been set.</summary>
        /// <param name="clock">The clock.</param>
        /// <exception cref="ClockNotSetException">The clock reads a time before 2024-01-01.</exception>
        public static DateTime ReadUtc(IClock clock)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            DateTime now = clock.UtcNow;
            if (now < EarliestPlausibleTime)
            {
                throw new ClockNotSetException(now);
            }

            return now;
        }

        /// <summary>
        /// Checks that <paramref name="token"/> may be sent now: a token without expiry always may; a
        /// time-limited one only when the clock is set and the token is not expired.
        /// </summary>
        /// <param name="token">The token.</param>
        /// <param name="clock">The clock.</param>
        /// <exception cref="ClockNotSetException">The token has an expiry and the clock is not set.</exception>
        /// <exception cref="TokenExpiredException">The token is expired.</exception>
        public static void EnsureSendable(AuthToken token, IClock clock)
        {
            if (token == null)
            {
                throw new ArgumentNullException("token");
            }

            if (!token.HasExpiry)
            {
                return;
            }

            DateTime now = ReadUtc(clock);
            if (token.IsExpiredAt(now))
            {
                throw new TokenExpiredException(token.ExpiresAt, now, 0);
            }
        }
    }
}
