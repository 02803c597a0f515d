using System;

namespace DeviceAuth
{
    /// <summary>
    /// <see cref="IClock"/> backed by <see cref="DateTime.UtcNow"/>. On a device the clock reads
    /// 1970/2000-ish until SNTP (or the application) sets it; token sources refuse to mint until then.
    /// </summary>
    public sealed class SystemClock : IClock
    {
        /// <summary>The shared instance.</summary>
        public static readonly SystemClock Instance = new SystemClock();

        /// <inheritdoc />
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }
    }
}
