using System;

namespace DeviceAuth.Tokens
{
    /// <summary>
    /// Thrown instead of minting or judging a time-limited token while the clock reads a time before
    /// <see cref="ClockGuard.EarliestPlausibleTime"/> (2024-01-01): on a device that means SNTP (or
    /// the application) has not set the clock yet, and a token minted now would carry 1970/2000 times
    /// that every verifier rejects. Set the clock (e.g. <c>Sntp.UpdateNow()</c>) and retry.
    /// </summary>
    public sealed class ClockNotSetException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="clockReading">What the clock read (UTC).</param>
        public ClockNotSetException(DateTime clockReading)
            : base("The clock is not set (it reads " + clockReading.ToString("yyyy-MM-ddTHH:mm:ssZ") + ", before 2024-01-01): set the time (SNTP) before minting or sending time-limited tokens.")
        {
            ClockReading = clockReading;
        }

        /// <summary>What the clock read when the operation was refused (UTC).</summary>
        public DateTime ClockReading { get; }
    }
}
