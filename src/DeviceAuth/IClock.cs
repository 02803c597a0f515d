using System;

namespace DeviceAuth
{
    /// <summary>
    /// The source of wall-clock time for all pure logic (token minting, expiry checks, schedules).
    /// Production code uses <see cref="SystemClock"/>; tests pass a virtual clock.
    /// </summary>
    public interface IClock
    {
        /// <summary>The current time, in UTC.</summary>
        DateTime UtcNow { get; }
    }
}
