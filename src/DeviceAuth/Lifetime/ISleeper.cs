namespace DeviceAuth.Lifetime
{
    /// <summary>
    /// Blocks the calling thread. Every wait of a session (backoff before a retry, a server's
    /// Retry-After) goes through this interface, so tests run on a virtual clock that the
    /// sleeper advances instead of waiting.
    /// </summary>
    public interface ISleeper
    {
        /// <summary>Waits <paramref name="milliseconds"/> milliseconds (0 returns at once).</summary>
        /// <param name="milliseconds">The wait, non-negative.</param>
        void Sleep(int milliseconds);
    }
}
