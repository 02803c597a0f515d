using System;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) on the managed <see cref="Sha256"/>, for firmware built without the
    /// native <c>System.Security.Cryptography.HMACSHA256</c>. Results are identical to it.
    /// </summary>
    public static class HmacSha256
    {
        private const int BlockSize = 64;

        /// <summary>Computes HMAC-SHA256 of all of <paramref name="data"/> under <paramref name="key"/>.</summary>
        /// <param name="key">The secret key (any length; keys longer than 64 bytes are hashed first).</param>
        /// <param name="data">The message.</param>
        /// <returns>The 32-byte MAC.</returns>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            return Compute(key, data, 0, data.Length);
        }

        /// <summary>Computes HMAC-SHA256 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <param name="key">The secret key (any length; keys longer than 64 bytes are hashed first).</param>
        /// <param name="data">The buffer holding the message.</param>
        /// <param name="offset">First byte of the message.</param>
        /// <param name="count">Length of the message.</param>
        /// <returns>The 32-byte MAC.</returns>
        public static byte[] Compute(byte[] key, byte[] data, int offset, int count)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset", "offset and count must describe a range inside data.");
            }

            Sha256 sha = new Sha256();
            byte[] pad = new byte[BlockSize];
            if (key.Length > BlockSize)
            {
                sha.Append(key, 0, key.Length);
                sha.Finish(pad, 0);
            }
            else
            {
                Array.Copy(key, pad, key.Length);
            }

            for (int i = 0; i < BlockSize; i++)
            {
                pad[i] ^= 0x36;
            }

            sha.Append(pad, 0, BlockSize);
            sha.Append(data, offset, count);
            byte[] inner = sha.Finish();

            // 0x36 ^ 0x5c turns the inner pad into the outer pad.
            for (int i = 0; i < BlockSize; i++)
            {
                pad[i] ^= 0x36 ^ 0x5c;
            }

            sha.Append(pad, 0, BlockSize);
            sha.Append(inner, 0, Sha256.HashSize);
            sha.Finish(inner, 0);
            Array.Clear(pad, 0, BlockSize);
            return inner;
        }
    }
}
