using System;
using System.Threading;

namespace DeviceAuth.Lifetime
{
    /// <summary><see cref="ISleeper"/> over <see cref="Thread.Sleep(int)"/>.</summary>
    public sealed class ThreadSleeper : ISleeper
    {
        /// <summary>The shared instance.</summary>
        public static readonly ThreadSleeper Instance = new ThreadSleeper();

        /// <inheritdoc />
        public void Sleep(int milliseconds)
        {
            if (milliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("milliseconds", "A wait cannot be negative.");
            }

            if (milliseconds > 0)
            {
                Thread.Sleep(milliseconds);
            }
        }
    }
}
