using System;

namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// Capped exponential backoff with full jitter above a floor: after the n-th consecutive failure
    /// the wait is uniform in [<see cref="MinimumDelayMilliseconds"/>, min(<see cref="MaximumDelayMilliseconds"/>,
    /// <see cref="BaseDelayMilliseconds"/> * 2^(n-1))]. The floor means a failure is never followed by
    /// an immediate retry (no tight loop); the full jitter spreads a fleet that failed at the same
    /// instant over the whole window instead of retrying in waves. Immutable.
    /// </summary>
    public sealed class BackoffPolicy
    {
        /// <summary>Largest delay a policy may use: one day.</summary>
        public const int MaximumAllowedDelayMilliseconds = 86400000;

        /// <summary>Creates a policy.</summary>
        /// <param name="minimumDelayMilliseconds">Floor of every delay, at least 1 ms.</param>
        /// <param name="baseDelayMilliseconds">Ceiling of the first delay; at least the floor.</param>
        /// <param name="maximumDelayMilliseconds">Cap of the ceiling; at least the base, at most one day.</param>
        public BackoffPolicy(int minimumDelayMilliseconds, int baseDelayMilliseconds, int maximumDelayMilliseconds)
        {
            if (minimumDelayMilliseconds < 1 || minimumDelayMilliseconds > MaximumAllowedDelayMilliseconds)
            {
                throw new ArgumentOutOfRangeException("minimumDelayMilliseconds", "The minimum delay must be between 1 ms and one day.");
            }

            if (baseDelayMilliseconds < minimumDelayMilliseconds || baseDelayMilliseconds > MaximumAllowedDelayMilliseconds)
            {
                throw new ArgumentOutOfRangeException("baseDelayMilliseconds", "The base delay must be at least the minimum delay and at most one day.");
            }

            if (maximumDelayMilliseconds < baseDelayMilliseconds || maximumDelayMilliseconds > MaximumAllowedDelayMilliseconds)
            {
                throw new ArgumentOutOfRangeException("maximumDelayMilliseconds", "The maximum delay must be at least the base delay and at most one day.");
            }

            MinimumDelayMilliseconds = minimumDelayMilliseconds;
            BaseDelayMilliseconds = baseDelayMilliseconds;
            MaximumDelayMilliseconds = maximumDelayMilliseconds;
        }

        /// <summary>Floor of every delay.</summary>
        public int MinimumDelayMilliseconds { get; }

        /// <summary>Ceiling of the delay after the first failure.</summary>
        public int BaseDelayMilliseconds { get; }

        /// <summary>Cap of the ceiling.</summary>
        public int MaximumDelayMilliseconds { get; }

        /// <summary>The ceiling of the delay after <paramref name="failureCount"/> consecutive failures.</summary>
        /// <param name="failureCount">Consecutive failures so far, at least 1.</param>
        public int CeilingMilliseconds(int failureCount)
        {
            if (failureCount < 1)
            {
                throw new ArgumentOutOfRangeException("failureCount", "The failure count starts at 1.");
            }

            long ceiling = BaseDelayMilliseconds;
            for (int i = 1; i < failureCount && ceiling < MaximumDelayMilliseconds; i++)
            {
                ceiling *= 2;
            }

            return ceiling > MaximumDelayMilliseconds ? MaximumDelayMilliseconds : (int)ceiling;
        }

        /// <summary>Draws the delay that follows <paramref name="failureCount"/> consecutive failures.</summary>
        /// <param name="failureCount">Consecutive failures so far, at least 1.</param>
        /// <param name="random">The randomness for the jitter.</param>
        /// <returns>A delay in [minimum, ceiling] milliseconds.</returns>
        public int DelayMilliseconds(int failureCount, IRandomSource random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            int ceiling = CeilingMilliseconds(failureCount);
            int span = ceiling - MinimumDelayMilliseconds;
            return MinimumDelayMilliseconds + (span == 0 ? 0 : random.Next(span + 1));
        }
    }
}
