using System;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 section 8.2, "RS256"), in managed code for devices
    /// without native RSA. Signatures are deterministic and identical to OpenSSL's.
    /// <para>
    /// How: CRT with Garner's recombination; Montgomery arithmetic on 29-bit (28 above 61 limbs) limbs with a dedicated
    /// squaring; fixed 5-bit windows, so the sequence of squarings and multiplications is the same
    /// for every exponent of a given key size (a zero window multiplies by the Montgomery form of 1);
    /// every buffer is allocated once, in the constructor. Each signature is checked with the public
    /// exponent before it is released: a faulty CRT half (a glitch, a bit flip) would otherwise give
    /// away a prime factor. <see cref="LastMontgomeryProducts"/> and <see cref="LastMontgomerySquarings"/>
    /// report the work done, which is fixed for a key size.
    /// </para>
    /// The signer keeps its own copy of the key's CRT parameters; <see cref="Dispose"/> clears them
    /// and every intermediate value. Not thread-safe: use one signer per thread.
    /// </summary>
    public sealed class RsaSha256Signer : ISigner, IDisposable
    {
        private const int WindowBits = 5;
        private const int TableSize = 1 << WindowBits;

        // DER of DigestInfo { AlgorithmIdentifier { id-sha256, NULL }, OCTET STRING (32 bytes) } before the hash (RFC 8017 section 9.2 note 1).
        private static readonly byte[] DigestInfoPrefix = new byte[]
        {
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
        };

        private readonly int _k;
        private readonly int _w;
        private readonly int _kn;
        private readonly int _wn;
        private readonly int _modulusLength;
        private readonly int _pBits;
        private readonly int _qBits;
        private readonly uint _e;
        private readonly Montgomery _mp;
        private readonly Montgomery _mq;
        private readonly Montgomery _mn;
        private readonly uint[] _dp;
        private readonly uint[] _dq;
        private readonly ulong[] _q;
        private readonly ulong[] _qInv;
        private readonly ulong[] _r3p;
        private readonly ulong[] _r3q;
        private readonly ulong[][] _table;
        private readonly ulong[] _x;
        private readonly ulong[] _xn;
        private readonly ulong[] _base;
        private readonly ulong[] _m1;
        private readonly ulong[] _m2;
        private readonly ulong[] _h;
        private readonly ulong[] _one;
        private readonly ulong[] _s;
        private readonly ulong[] _vs;
        private readonly ulong[] _vBase;
        private readonly ulong[] _vAcc;
        private readonly ulong[] _oneN;
        private readonly byte[] _em;
        private readonly byte[] _sig;
        private readonly Sha256 _sha;
        private bool _disposed;
        private int _lastProducts;
        private int _lastSquarings;

        /// <summary>Prepares a signer for <paramref name="key"/> (precomputes the Montgomery constants and allocates all buffers).</summary>
        /// <param name="key">The private key; the signer copies what it needs, so the key may be disposed afterwards.</param>
        public RsaSha256Signer(RsaPrivateKey key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            byte[] p = key.P;
            byte[] q = key.Q;
            byte[] n = key.N;
            int w;
            int k;
            RsaPrivateKey.HalfFormat(p, q, out w, out k);
            _w = w;
            _k = k;
            int nBits = key.BitLength;
            _wn = Montgomery.LimbBits(nBits);
            _kn = Montgomery.LimbCount(nBits, _wn);
            int kn = _kn;
            _modulusLength = key.ModulusLength;
            _e = key.PublicExponent;
            _pBits = Limbs.BitLength(p, 0, p.Length);
            _qBits = Limbs.BitLength(q, 0, q.Length);
            _mp = new Montgomery(p, w, k);
            _mq = new Montgomery(q, w, k);
            _mn = new Montgomery(n, _wn, kn);

            // Exponents as 32-bit words, for reading windows.
            _dp = Limbs.Words(key.DP, (_pBits + 31) >> 5);
            _dq = Limbs.Words(key.DQ, (_qBits + 31) >> 5);
            _q = new ulong[k];
            Limbs.FromBigEndian(q, 0, q.Length, _q, k, w);
            _qInv = new ulong[k];
            byte[] qInv = key.QInv;
            Limbs.FromBigEndian(qInv, 0, qInv.Length, _qInv, k, w);

            // R^3: MonPro(x / R, R^3) = x * R converts a 2k-limb input in two steps.
            _r3p = new ulong[k];
            _r3q = new ulong[k];
            _mp.Multiply(_mp.R2, _mp.R2, _r3p);
            _mq.Multiply(_mq.R2, _mq.R2, _r3q);

            _table = new ulong[TableSize][];
            for (int i = 0; i < TableSize; i++)
            {
                _table[i] = new ulong[k];
            }

            _x = new ulong[2 * k];
            _xn = new ulong[kn];
            _base = new ulong[k];
            _m1 = new ulong[k];
            _m2 = new ulong[k];
            _h = new ulong[k];
            _one = new ulong[k];
            _one[0] = 1;
            _s = new ulong[2 * k];
            _vs = new ulong[kn];
            _vBase = new ulong[kn];
            _vAcc = new ulong[kn];
            _oneN = new ulong[kn];
            _oneN[0] = 1;
            _em = new byte[_modulusLength];
            _sig = new byte[_modulusLength];
            _sha = new Sha256();
        }

        /// <summary>Receives a CRT half's result (Montgomery form) before recombination; tests use it to inject faults.</summary>
        /// <param name="half">0 for the result modulo p, 1 for the result modulo q.</param>
        /// <param name="value">The half's limbs, which the hook may change.</param>
        internal delegate void CrtHook(int half, ulong[] value);

        /// <summary>The JOSE algorithm name: "RS256".</summary>
        public string JwsAlgorithm
        {
            get { return "RS256"; }
        }

        /// <summary>The signature length in bytes (the modulus length: 256 for a 2048-bit key).</summary>
        public int SignatureLength
        {
            get { return _modulusLength; }
        }

        /// <summary>Montgomery multiplications (including reductions and the verification's) in the last signature.</summary>
        public int LastMontgomeryProducts
        {
            get { return _lastProducts; }
        }

        /// <summary>Montgomery squarings (including the verification's) in the last signature.</summary>
        public int LastMontgomerySquarings
        {
            get { return _lastSquarings; }
        }

        /// <summary>Test seam: when set, called with each CRT half's result before recombination.</summary>
        internal CrtHook FaultHook { get; set; }

        /// <summary>Signs <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <param name="data">The buffer holding the message.</param>
        /// <param name="offset">First byte of the message.</param>
        /// <param name="count">Length of the message.</param>
        /// <returns>The signature, <see cref="SignatureLength"/> bytes, big-endian.</returns>
        /// <exception cref="RsaKeyException">The signature failed its check with the public exponent and was withheld (<see cref="RsaKeyError.FaultDetected"/>).</exception>
        public byte[] Sign(byte[] data, int offset, int count)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException("RsaSha256Signer");
            }

            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset", "offset and count must describe a range inside data.");
            }

            // Any exception (the fault check below, or anything unexpected) clears every intermediate
            // before it propagates: the caller may keep the signer, and the scratch holds values
            // derived from the primes.
            try
            {
                int k = _k;
                int w = _w;
                byte[] em = _em;

                // EM = 0x00 0x01 0xFF..0xFF 0x00 DigestInfo(SHA-256, H) (EMSA-PKCS1-v1_5).
                int padEnd = _modulusLength - DigestInfoPrefix.Length - Sha256.HashSize - 1;
                em[0] = 0;
                em[1] = 1;
                for (int i = 2; i < padEnd; i++)
                {
                    em[i] = 0xFF;
                }

                em[padEnd] = 0;
                Array.Copy(DigestInfoPrefix, 0, em, padEnd + 1, DigestInfoPrefix.Length);
                _sha.Append(data, offset, count);
                _sha.Finish(em, _modulusLength - Sha256.HashSize);
                Limbs.FromBigEndian(em, 0, _modulusLength, _x, 2 * k, w);

                Montgomery mp = _mp;
                Montgomery mq = _mq;
                mp.Products = 0;
                mp.Squarings = 0;
                mq.Products = 0;
                mq.Squarings = 0;
                _mn.Products = 0;
                _mn.Squarings = 0;

                // m1 = x^dP mod p, left in Montgomery form.
                mp.Reduce(_x, 2 * k, _base);
                mp.Multiply(_base, _r3p, _base);
                Power(mp, _base, _dp, _pBits, _m1);

                // m2 = x^dQ mod q.
                mq.Reduce(_x, 2 * k, _base);
                mq.Multiply(_base, _r3q, _base);
                Power(mq, _base, _dq, _qBits, _m2);

                CrtHook hook = FaultHook;
                if (hook != null)
                {
                    hook(0, _m1);
                    hook(1, _m2);
                }

                mq.Multiply(_m2, _one, _m2);
                mq.Normalize(_m2);

                // Garner: h = qInv * (m1 - m2) mod p, with (m1 - m2) * R from the Montgomery forms and
                // one more product removing the R; then s = m2 + q * h (< n).
                mp.Normalize(_m1);
                mp.Multiply(_m2, mp.R2, _base);
                mp.Normalize(_base);
                Limbs.SubtractMod(_m1, _base, mp.M, _h, k, w);
                mp.Multiply(_h, _qInv, _h);
                mp.Normalize(_h);
                Limbs.Multiply(_q, k, _h, k, _s, w);
                Limbs.Add(_s, 2 * k, _m2, k, w);
                Limbs.ToBigEndian(_s, 2 * k, w, _sig, 0, _modulusLength);

                bool good = Verify();
                _lastProducts = mp.Products + mq.Products + _mn.Products;
                _lastSquarings = mp.Squarings + mq.Squarings + _mn.Squarings;
                if (!good)
                {
                    throw new RsaKeyException(
                        RsaKeyError.FaultDetected,
                        "The RSA signature failed its check with the public exponent and was withheld (a computation fault, or CRT parameters that do not belong to the key).");
                }
            }
            catch
            {
                WipeScratch();
                _sha.Reset();
                throw;
            }

            byte[] signature = new byte[_modulusLength];
            Array.Copy(_sig, signature, _modulusLength);
            return signature;
        }

        /// <summary>Signs all of <paramref name="data"/>.</summary>
        /// <param name="data">The message.</param>
        /// <returns>The signature, <see cref="SignatureLength"/> bytes, big-endian.</returns>
        public byte[] Sign(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            return Sign(data, 0, data.Length);
        }

        /// <summary>
        /// The AWS IoT tokenSignature of <paramref name="token"/>: standard padded Base64 of the
        /// RSA-SHA256 signature over the token's UTF-8 bytes (what
        /// <c>openssl dgst -sha256 -sign key.pem | openssl base64 -A</c> prints).
        /// </summary>
        /// <param name="token">The token value.</param>
        /// <returns>The Base64 signature.</returns>
        public string SignToBase64(string token)
        {
            if (token == null)
            {
                throw new ArgumentNullException("token");
            }

            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(token);
            byte[] signature = Sign(bytes, 0, bytes.Length);
            return DeviceAuth.Encoding.Base64Url.EncodeStandard(signature, 0, signature.Length);
        }

        /// <summary>Clears the key material and every intermediate value; later calls to Sign throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _mp.Wipe();
            _mq.Wipe();
            _mn.Wipe();
            Limbs.Wipe(_sig);
            Limbs.Wipe(_dp);
            Limbs.Wipe(_dq);
            Limbs.Wipe(_q);
            Limbs.Wipe(_qInv);
            Limbs.Wipe(_r3p);
            Limbs.Wipe(_r3q);
            WipeScratch();
            _sha.Reset();
        }

        /// <summary>Every array holding key material or intermediate values (for tests of <see cref="Dispose"/>).</summary>
        internal ulong[][] SecretBuffers()
        {
            ulong[][] keys = new ulong[][]
            {
                _mp.M, _mp.One, _mp.R2, _mq.M, _mq.One, _mq.R2, _q, _qInv, _r3p, _r3q,
            };
            ulong[][] scratch = ScratchBuffers();
            ulong[][] all = new ulong[keys.Length + scratch.Length][];
            Array.Copy(keys, all, keys.Length);
            Array.Copy(scratch, 0, all, keys.Length, scratch.Length);
            return all;
        }

        /// <summary>Every limb array holding intermediate values of a signature, including each Montgomery object's scratch (cleared after a fault).</summary>
        internal ulong[][] ScratchBuffers()
        {
            ulong[][] list = new ulong[][]
            {
                _x, _xn, _base, _m1, _m2, _h, _s, _vs, _vBase, _vAcc,
            };
            ulong[][] mp = _mp.ScratchBuffers();
            ulong[][] mq = _mq.ScratchBuffers();
            ulong[][] mn = _mn.ScratchBuffers();
            ulong[][] all = new ulong[list.Length + TableSize + 6][];
            Array.Copy(list, all, list.Length);
            Array.Copy(_table, 0, all, list.Length, TableSize);
            int o = list.Length + TableSize;
            all[o] = mp[0];
            all[o + 1] = mp[1];
            all[o + 2] = mq[0];
            all[o + 3] = mq[1];
            all[o + 4] = mn[0];
            all[o + 5] = mn[1];
            return all;
        }

        /// <summary>The secret exponents and byte buffers (for tests of <see cref="Dispose"/>).</summary>
        internal object[] SecretByteAndWordBuffers()
        {
            return new object[] { _dp, _dq, _em, _sig };
        }

        // The 5 bits of the exponent starting at bit position pos (pos is public: it depends only on the key size).
        private static int Window(uint[] exponent, int pos)
        {
            int limb = pos >> 5;
            int shift = pos & 31;
            uint v = exponent[limb] >> shift;
            if (shift > 32 - WindowBits && limb + 1 < exponent.Length)
            {
                v |= exponent[limb + 1] << (32 - shift);
            }

            return (int)(v & (TableSize - 1));
        }

        // result = base^exponent in Montgomery form, base and result in Montgomery form; fixed
        // windows: the same squarings and multiplications for every exponent of `bits` bits.
        private void Power(Montgomery mont, ulong[] baseMont, uint[] exponent, int bits, ulong[] result)
        {
            ulong[][] table = _table;
            int k = _k;
            Array.Copy(mont.One, table[0], k);
            Array.Copy(baseMont, table[1], k);
            for (int i = 2; i < TableSize; i++)
            {
                if ((i & 1) == 0)
                {
                    mont.Square(table[i >> 1], table[i]);
                }
                else
                {
                    mont.Multiply(table[i - 1], table[1], table[i]);
                }
            }

            int pos = ((bits + WindowBits - 1) / WindowBits - 1) * WindowBits;
            Array.Copy(table[Window(exponent, pos)], result, k);
            while (pos > 0)
            {
                pos -= WindowBits;
                mont.Square(result, result);
                mont.Square(result, result);
                mont.Square(result, result);
                mont.Square(result, result);
                mont.Square(result, result);
                mont.Multiply(result, table[Window(exponent, pos)], result);
            }
        }

        // s^e mod n == x, and s < n, for s = _sig. Public values only: plain square-and-multiply.
        private bool Verify()
        {
            int kn = _kn;
            int wn = _wn;
            Montgomery mn = _mn;
            Limbs.FromBigEndian(_sig, 0, _modulusLength, _vs, kn, wn);
            Limbs.FromBigEndian(_em, 0, _modulusLength, _xn, kn, wn);
            if (Limbs.Compare(_vs, mn.M, kn) >= 0)
            {
                return false;
            }

            mn.Multiply(_vs, mn.R2, _vBase);
            Array.Copy(_vBase, _vAcc, kn);
            uint e = _e;
            int top = 31;
            while ((e >> top) == 0)
            {
                top--;
            }

            for (int b = top - 1; b >= 0; b--)
            {
                mn.Square(_vAcc, _vAcc);
                if (((e >> b) & 1) != 0)
                {
                    mn.Multiply(_vAcc, _vBase, _vAcc);
                }
            }

            mn.Multiply(_vAcc, _oneN, _vAcc);
            mn.Normalize(_vAcc);
            return Limbs.Compare(_vAcc, _xn, kn) == 0;
        }

        private void WipeScratch()
        {
            for (int i = 0; i < TableSize; i++)
            {
                Limbs.Wipe(_table[i]);
            }

            Limbs.Wipe(_x);
            Limbs.Wipe(_xn);
            Limbs.Wipe(_sig);
            Limbs.Wipe(_base);
            Limbs.Wipe(_m1);
            Limbs.Wipe(_m2);
            Limbs.Wipe(_h);
            Limbs.Wipe(_s);
            Limbs.Wipe(_vs);
            Limbs.Wipe(_vBase);
            Limbs.Wipe(_vAcc);
            Limbs.Wipe(_em);
            _mp.WipeScratch();
            _mq.WipeScratch();
            _mn.WipeScratch();
        }
    }
}
