using System;

namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// A hard cap on connection attempts: at most <see cref="MaxAttempts"/> attempts in any window of
    /// <see cref="WindowMilliseconds"/> on the monotonic clock, whatever the backoff computed and
    /// whatever mix of failures, refusals and hang-ups occurred. Keeps the times of the last
    /// attempts in a small ring (no allocation per attempt).
    /// </summary>
    public sealed class AttemptLimiter
    {
        private readonly long[] _times;
        private int _next;
        private int _count;

        /// <summary>Creates a limiter.</summary>
        /// <param name="maxAttempts">Attempts allowed per window, 1-1000.</param>
        /// <param name="windowMilliseconds">The sliding window, 1 ms to one day.</param>
        public AttemptLimiter(int maxAttempts, int windowMilliseconds)
        {
            if (maxAttempts < 1 || maxAttempts > 1000)
            {
                throw new ArgumentOutOfRangeException("maxAttempts", "maxAttempts must be between 1 and 1000.");
            }

            if (windowMilliseconds < 1 || windowMilliseconds > 86400000)
            {
                throw new ArgumentOutOfRangeException("windowMilliseconds", "The window must be between 1 ms and one day.");
            }

            _times = new long[maxAttempts];
            WindowMilliseconds = windowMilliseconds;
        }

        /// <summary>Attempts allowed per window.</summary>
        public int MaxAttempts
        {
            get { return _times.Length; }
        }

        /// <summary>The window, in milliseconds.</summary>
        public int WindowMilliseconds { get; }

        /// <summary>The earliest instant, not before <paramref name="desiredMs"/>, at which another attempt is allowed.</summary>
        /// <param name="desiredMs">When the caller would like to attempt (monotonic ms).</param>
        public long EarliestAttemptAt(long desiredMs)
        {
            if (_count < _times.Length)
            {
                return desiredMs;
            }

            // The ring is full: _next points at the oldest of the last MaxAttempts attempts.
            long allowed = _times[_next] + WindowMilliseconds;
            return allowed > desiredMs ? allowed : desiredMs;
        }

        /// <summary>Records an attempt made at <paramref name="nowMs"/>.</summary>
        /// <param name="nowMs">Monotonic milliseconds.</param>
        public void RecordAttempt(long nowMs)
        {
            _times[_next] = nowMs;
            _next = (_next + 1) % _times.Length;
            if (_count < _times.Length)
            {
                _count++;
            }
        }

        /// <summary>Number of recorded attempts within the window ending at <paramref name="nowMs"/>.</summary>
        /// <param name="nowMs">Monotonic milliseconds.</param>
        public int AttemptsWithinWindow(long nowMs)
        {
            int n = 0;
            for (int i = 0; i < _count; i++)
            {
                if (nowMs - _times[i] < WindowMilliseconds)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
