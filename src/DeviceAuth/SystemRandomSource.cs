using System;

namespace DeviceAuth
{
    /// <summary>
    /// <see cref="IRandomSource"/> over <see cref="Random"/>. Not a cryptographic generator: it is
    /// used for jitter and for nonces whose job is uniqueness, never for keys or secrets.
    /// On ESP32 targets nanoFramework seeds <see cref="Random"/> from the hardware RNG.
    /// </summary>
    public sealed class SystemRandomSource : IRandomSource
    {
        private readonly Random _random;

        /// <summary>Creates a source seeded by the runtime.</summary>
        public SystemRandomSource()
        {
            _random = new Random();
        }

        /// <summary>Creates a reproducible source (tests, simulations).</summary>
        /// <param name="seed">The seed.</param>
        public SystemRandomSource(int seed)
        {
            _random = new Random(seed);
        }

        /// <inheritdoc />
        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 0)
            {
                throw new ArgumentOutOfRangeException("maxExclusive", "maxExclusive must be positive.");
            }

            return _random.Next(maxExclusive);
        }

        /// <inheritdoc />
        public void NextBytes(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            _random.NextBytes(buffer);
        }
    }
}
