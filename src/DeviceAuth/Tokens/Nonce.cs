using System;
using DeviceAuth.Encoding;

namespace DeviceAuth.Tokens
{
    /// <summary>Random nonces for token uniqueness (jti, compact-claim nonce).</summary>
    public static class Nonce
    {
        /// <summary>Bytes of randomness in a default nonce (96 bits, 16 base64url characters).</summary>
        public const int DefaultBytes = 12;

        /// <summary>Returns <paramref name="byteCount"/> random bytes as unpadded base64url.</summary>
        /// <param name="random">The randomness source.</param>
        /// <param name="byteCount">Number of random bytes (6 to 48).</param>
        public static string Create(IRandomSource random, int byteCount)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            if (byteCount < 6 || byteCount > 48)
            {
                throw new ArgumentOutOfRangeException("byteCount", "A nonce has 6 to 48 random bytes.");
            }

            byte[] bytes = new byte[byteCount];
            random.NextBytes(bytes);
            return Base64Url.Encode(bytes, 0, byteCount);
        }
    }
}
