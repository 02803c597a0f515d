using System;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// SHA-256 (FIPS 180-4), managed, for devices whose firmware has no SHA-256 class. Streaming:
    /// <see cref="Append(byte[], int, int)"/> any number of times, then <see cref="Finish()"/>.
    /// An instance allocates its state once; hashing allocates nothing per block (whole blocks are
    /// compressed straight from the caller's buffer). Not thread-safe: use one instance per thread.
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>The size of a SHA-256 digest in bytes.</summary>
        public const int HashSize = 32;

        private const int BlockSize = 64;

        // FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots
        // of the first 64 primes.
        private static readonly uint[] RoundConstants = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _buffer = new byte[BlockSize];
        private int _buffered;
        private long _length;

        /// <summary>Creates a hash in its initial state.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <summary>Computes the SHA-256 digest of <paramref name="data"/>.</summary>
        /// <param name="data">The message.</param>
        /// <returns>The 32-byte digest.</returns>
        public static byte[] Hash(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            return Hash(data, 0, data.Length);
        }

        /// <summary>Computes the SHA-256 digest of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <param name="data">The buffer holding the message.</param>
        /// <param name="offset">First byte of the message.</param>
        /// <param name="count">Length of the message.</param>
        /// <returns>The 32-byte digest.</returns>
        public static byte[] Hash(byte[] data, int offset, int count)
        {
            Sha256 sha = new Sha256();
            sha.Append(data, offset, count);
            return sha.Finish();
        }

        /// <summary>Discards everything appended so far and starts a new message.</summary>
        public void Reset()
        {
            uint[] s = _state;
            s[0] = 0x6a09e667;
            s[1] = 0xbb67ae85;
            s[2] = 0x3c6ef372;
            s[3] = 0xa54ff53a;
            s[4] = 0x510e527f;
            s[5] = 0x9b05688c;
            s[6] = 0x1f83d9ab;
            s[7] = 0x5be0cd19;
            _buffered = 0;
            _length = 0;
            Array.Clear(_buffer, 0, BlockSize);
            Array.Clear(_schedule, 0, 64);
        }

        /// <summary>Appends all of <paramref name="data"/> to the message.</summary>
        /// <param name="data">The bytes to append.</param>
        public void Append(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            Append(data, 0, data.Length);
        }

        /// <summary>Appends <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/> to the message.</summary>
        /// <param name="data">The buffer.</param>
        /// <param name="offset">First byte to append.</param>
        /// <param name="count">Number of bytes to append.</param>
        public void Append(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset", "offset and count must describe a range inside data.");
            }

            _length += count;
            if (_buffered > 0)
            {
                int take = BlockSize - _buffered;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(data, offset, _buffer, _buffered, take);
                _buffered += take;
                offset += take;
                count -= take;
                if (_buffered < BlockSize)
                {
                    return;
                }

                Compress(_buffer, 0);
                _buffered = 0;
            }

            while (count >= BlockSize)
            {
                Compress(data, offset);
                offset += BlockSize;
                count -= BlockSize;
            }

            if (count > 0)
            {
                Array.Copy(data, offset, _buffer, 0, count);
                _buffered = count;
            }
        }

        /// <summary>Completes the digest, returns it and resets the instance for a new message.</summary>
        /// <returns>The 32-byte digest.</returns>
        public byte[] Finish()
        {
            byte[] digest = new byte[HashSize];
            Finish(digest, 0);
            return digest;
        }

        /// <summary>Completes the digest into <paramref name="output"/> at <paramref name="outputOffset"/> and resets the instance.</summary>
        /// <param name="output">Receives the 32-byte digest.</param>
        /// <param name="outputOffset">Where the digest starts in <paramref name="output"/>.</param>
        public void Finish(byte[] output, int outputOffset)
        {
            if (output == null)
            {
                throw new ArgumentNullException("output");
            }

            if (outputOffset < 0 || outputOffset > output.Length - HashSize)
            {
                throw new ArgumentOutOfRangeException("outputOffset", "The output needs 32 bytes from outputOffset.");
            }

            long bits = _length << 3;
            byte[] buffer = _buffer;
            int n = _buffered;
            buffer[n] = 0x80;
            n++;
            if (n > BlockSize - 8)
            {
                Array.Clear(buffer, n, BlockSize - n);
                Compress(buffer, 0);
                n = 0;
            }

            Array.Clear(buffer, n, BlockSize - 8 - n);
            buffer[56] = (byte)(bits >> 56);
            buffer[57] = (byte)(bits >> 48);
            buffer[58] = (byte)(bits >> 40);
            buffer[59] = (byte)(bits >> 32);
            buffer[60] = (byte)(bits >> 24);
            buffer[61] = (byte)(bits >> 16);
            buffer[62] = (byte)(bits >> 8);
            buffer[63] = (byte)bits;
            Compress(buffer, 0);

            uint[] s = _state;
            int o = outputOffset;
            for (int i = 0; i < 8; i++)
            {
                uint v = s[i];
                output[o] = (byte)(v >> 24);
                output[o + 1] = (byte)(v >> 16);
                output[o + 2] = (byte)(v >> 8);
                output[o + 3] = (byte)v;
                o += 4;
            }

            Reset();
        }

        // One 64-byte block. The message schedule is expanded into a buffer allocated once; the 64
        // rounds run eight at a time with the working variables renamed instead of shifted, which
        // saves eight moves per round on an interpreter.
        private void Compress(byte[] block, int offset)
        {
            uint[] w = _schedule;
            uint[] k = RoundConstants;
            int o = offset;
            for (int i = 0; i < 16; i++)
            {
                w[i] = ((uint)block[o] << 24) | ((uint)block[o + 1] << 16) | ((uint)block[o + 2] << 8) | block[o + 3];
                o += 4;
            }

            for (int i = 16; i < 64; i++)
            {
                uint x = w[i - 15];
                uint y = w[i - 2];
                w[i] = w[i - 16] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3))
                    + w[i - 7] + (((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10));
            }

            uint[] s = _state;
            uint a = s[0];
            uint b = s[1];
            uint c = s[2];
            uint d = s[3];
            uint e = s[4];
            uint f = s[5];
            uint g = s[6];
            uint h = s[7];
            uint t1;
            for (int i = 0; i < 64; i += 8)
            {
                t1 = h + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + k[i] + w[i];
                d += t1;
                h = t1 + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
                t1 = g + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + ((d & e) ^ (~d & f)) + k[i + 1] + w[i + 1];
                c += t1;
                g = t1 + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
                t1 = f + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + ((c & d) ^ (~c & e)) + k[i + 2] + w[i + 2];
                b += t1;
                f = t1 + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
                t1 = e + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + ((b & c) ^ (~b & d)) + k[i + 3] + w[i + 3];
                a += t1;
                e = t1 + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
                t1 = d + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + ((a & b) ^ (~a & c)) + k[i + 4] + w[i + 4];
                h += t1;
                d = t1 + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
                t1 = c + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + ((h & a) ^ (~h & b)) + k[i + 5] + w[i + 5];
                g += t1;
                c = t1 + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
                t1 = b + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + ((g & h) ^ (~g & a)) + k[i + 6] + w[i + 6];
                f += t1;
                b = t1 + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
                t1 = a + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + ((f & g) ^ (~f & h)) + k[i + 7] + w[i + 7];
                e += t1;
                a = t1 + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
            }

            s[0] += a;
            s[1] += b;
            s[2] += c;
            s[3] += d;
            s[4] += e;
            s[5] += f;
            s[6] += g;
            s[7] += h;
        }
    }
}
