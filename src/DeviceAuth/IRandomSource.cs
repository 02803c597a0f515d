namespace DeviceAuth
{
    /// <summary>
    /// Randomness for nonces and jitter, passed in so that pure logic is reproducible in tests.
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>Returns a uniformly distributed integer in [0, <paramref name="maxExclusive"/>).</summary>
        /// <param name="maxExclusive">Exclusive upper bound; must be positive.</param>
        int Next(int maxExclusive);

        /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
        /// <param name="buffer">The buffer to fill.</param>
        void NextBytes(byte[] buffer);
    }
}
