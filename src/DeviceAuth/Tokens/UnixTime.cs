using System;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Conversions between <see cref="DateTime"/> (UTC) and Unix time in whole seconds, the unit of
    /// every time claim in the token formats (JWT <c>iat/nbf/exp</c>, compact claim strings).
    /// Written on ticks because <c>DateTime.ToUnixTimeSeconds</c> exists on the device but not on .NET.
    /// </summary>
    public static class UnixTime
    {
        /// <summary>Ticks of 1970-01-01T00:00:00Z.</summary>
        public const long EpochTicks = 621355968000000000L;

        /// <summary>Whole seconds since the Unix epoch (rounded down; negative before 1970).</summary>
        /// <param name="utc">An instant in UTC.</param>
        public static long ToSeconds(DateTime utc)
        {
            long ticks = utc.Ticks - EpochTicks;
            long seconds = ticks / TimeSpan.TicksPerSecond;
            if (ticks < 0 && seconds * TimeSpan.TicksPerSecond != ticks)
            {
                seconds--;
            }

            return seconds;
        }

        /// <summary>The UTC instant <paramref name="seconds"/> after the Unix epoch.</summary>
        /// <param name="seconds">Seconds since 1970-01-01T00:00:00Z (0 to 253402300799).</param>
        public static DateTime FromSeconds(long seconds)
        {
            if (seconds < 0 || seconds > 253402300799L)
            {
                throw new ArgumentOutOfRangeException("seconds", "Unix time must be between 1970 and 9999.");
            }

            return new DateTime(EpochTicks + seconds * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        }
    }
}
