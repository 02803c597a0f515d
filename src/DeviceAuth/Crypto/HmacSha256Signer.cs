using System;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// An <see cref="ISigner"/> producing HMAC-SHA256 MACs ("HS256" JWTs, shared-secret tokens).
    /// Keeps its own copy of the key, cleared by <see cref="Dispose"/>.
    /// </summary>
    public sealed class HmacSha256Signer : ISigner, IDisposable
    {
        private byte[] _key;

        /// <summary>Creates a signer with a copy of <paramref name="key"/>.</summary>
        /// <param name="key">The shared secret; must not be empty.</param>
        public HmacSha256Signer(byte[] key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            if (key.Length == 0)
            {
                throw new ArgumentException("The HMAC key must not be empty.", "key");
            }

            _key = new byte[key.Length];
            Array.Copy(key, _key, key.Length);
        }

        /// <summary>The JOSE algorithm name: "HS256".</summary>
        public string JwsAlgorithm
        {
            get { return "HS256"; }
        }

        /// <summary>The MAC length in bytes (32).</summary>
        public int SignatureLength
        {
            get { return Sha256.HashSize; }
        }

        /// <summary>Computes the HMAC-SHA256 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <param name="data">The buffer holding the message.</param>
        /// <param name="offset">First byte of the message.</param>
        /// <param name="count">Length of the message.</param>
        /// <returns>The 32-byte MAC.</returns>
        public byte[] Sign(byte[] data, int offset, int count)
        {
            byte[] key = _key;
            if (key == null)
            {
                throw new ObjectDisposedException("HmacSha256Signer");
            }

            return HmacSha256.Compute(key, data, offset, count);
        }

        /// <summary>Computes the HMAC-SHA256 of all of <paramref name="data"/>.</summary>
        /// <param name="data">The message.</param>
        /// <returns>The 32-byte MAC.</returns>
        public byte[] Sign(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            return Sign(data, 0, data.Length);
        }

        /// <summary>Clears the key copy; later calls to Sign throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            byte[] key = _key;
            if (key != null)
            {
                Array.Clear(key, 0, key.Length);
                _key = null;
            }
        }
    }
}
