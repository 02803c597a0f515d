using System;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// An RSA private key (2048 to 4096 bits) imported from PEM or DER: PKCS#1 <c>RSA PRIVATE KEY</c>
    /// or unencrypted PKCS#8 <c>PRIVATE KEY</c> with rsaEncryption. The importer is strict and
    /// checks that the CRT parameters belong together; every rejection is an
    /// <see cref="RsaKeyException"/> with a specific <see cref="RsaKeyError"/> and a message
    /// without key material. The private exponent d is checked for shape and then discarded:
    /// signing uses the CRT parameters. <see cref="Dispose"/> clears the key material.
    /// </summary>
    public sealed class RsaPrivateKey : IDisposable
    {
        /// <summary>Smallest accepted modulus size in bits.</summary>
        public const int MinimumBits = 2048;

        /// <summary>Largest accepted modulus size in bits.</summary>
        public const int MaximumBits = 4096;

        /// <summary>
        /// How many bits smaller than half the modulus a prime factor may be: each of p and q must
        /// have at least <c>BitLength / 2 - 64</c> bits (960 for a 2048-bit key).
        /// </summary>
        internal const int MaximumPrimeImbalanceBits = 64;

        // 1.2.840.113549.1.1.1 rsaEncryption
        private static readonly byte[] OidRsaEncryption = new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };

        // 1.2.840.10045.2.1 id-ecPublicKey
        private static readonly byte[] OidEcPublicKey = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };

        // 1.2.840.113549.1.1.10 id-RSASSA-PSS (an RSA key restricted to PSS: not usable for PKCS#1 v1.5)
        private static readonly byte[] OidRsaPss = new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A };

        private int _bitLength;
        private int _modulusLength;
        private uint _publicExponent;
        private byte[] _n;
        private byte[] _p;
        private byte[] _q;
        private byte[] _dp;
        private byte[] _dq;
        private byte[] _qInv;

        private RsaPrivateKey(DerReader rsa, object[] observe)
        {
            // Any rejection after the first copy of key material clears every copy before it propagates.
            try
            {
                Read(rsa, observe);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>Number of slots the test seam <see cref="FromPkcs1DerObserved"/> fills.</summary>
        internal const int ObservedSlots = 18;

        private void Read(DerReader rsa, object[] observe)
        {
            // RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qInv, otherPrimeInfos OPTIONAL }
            int version = rsa.ReadSmallInteger("the RSAPrivateKey version");
            if (version == 1 && rsa.HasData && rsa.PeekTag("the key") == DerReader.TagOctetString)
            {
                // SEC1 ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, ... }
                throw new RsaKeyException(RsaKeyError.UnsupportedKeyType, "The DER is an EC private key (SEC1), not an RSA key.");
            }

            if (version != 0)
            {
                throw new RsaKeyException(
                    RsaKeyError.UnsupportedVersion,
                    version == 1 ? "Multi-prime RSA keys (PKCS#1 version 1) are not supported." : "Unknown RSAPrivateKey version " + version.ToString() + ".");
            }

            int nLength;
            int nOffset = rsa.ReadUnsignedInteger("the modulus", out nLength);
            byte[] der = rsa.Data;
            _bitLength = Limbs.BitLength(der, nOffset, nLength);
            if (_bitLength < MinimumBits)
            {
                throw new RsaKeyException(
                    RsaKeyError.KeyTooSmall,
                    "The RSA key has " + _bitLength.ToString() + " bits; at least " + MinimumBits.ToString() + " are required.");
            }

            if (_bitLength > MaximumBits)
            {
                throw new RsaKeyException(
                    RsaKeyError.KeyTooLarge,
                    "The RSA key has " + _bitLength.ToString() + " bits; at most " + MaximumBits.ToString() + " are supported.");
            }

            _modulusLength = nLength;
            _n = Slice(der, nOffset, nLength);
            Observe(observe, 0, _n);
            if ((_n[nLength - 1] & 1) == 0)
            {
                throw new RsaKeyException(RsaKeyError.InconsistentKey, "The RSA modulus is even.");
            }

            int eLength;
            int eOffset = rsa.ReadUnsignedInteger("the public exponent", out eLength);
            if (eLength > 4 || eLength == 0)
            {
                throw new RsaKeyException(RsaKeyError.UnsupportedPublicExponent, "The public exponent must fit in 32 bits.");
            }

            uint e = 0;
            for (int i = 0; i < eLength; i++)
            {
                e = (e << 8) | der[eOffset + i];
            }

            if (e < 3 || (e & 1) == 0)
            {
                throw new RsaKeyException(RsaKeyError.UnsupportedPublicExponent, "The public exponent must be odd and at least 3.");
            }

            _publicExponent = e;

            int length;
            int offset = rsa.ReadUnsignedInteger("the private exponent", out length);
            if (length == 0 || length > nLength)
            {
                throw new RsaKeyException(RsaKeyError.InconsistentKey, "The private exponent is out of range.");
            }

            int pLength;
            int pOffset = rsa.ReadUnsignedInteger("the prime p", out pLength);
            int qLength;
            int qOffset = rsa.ReadUnsignedInteger("the prime q", out qLength);
            if (pLength == 0 || qLength == 0 || pLength > nLength || qLength > nLength)
            {
                throw new RsaKeyException(RsaKeyError.InconsistentKey, "A prime factor is out of range.");
            }

            _p = Slice(der, pOffset, pLength);
            Observe(observe, 1, _p);
            _q = Slice(der, qOffset, qLength);
            Observe(observe, 2, _q);
            _dp = ReadMagnitude(rsa, "the exponent dP", nLength);
            Observe(observe, 3, _dp);
            _dq = ReadMagnitude(rsa, "the exponent dQ", nLength);
            Observe(observe, 4, _dq);
            _qInv = ReadMagnitude(rsa, "the coefficient qInv", nLength);
            Observe(observe, 5, _qInv);
            if (rsa.HasData)
            {
                int tag = rsa.PeekTag("the key");
                throw new RsaKeyException(
                    tag == DerReader.TagSequence ? RsaKeyError.UnsupportedVersion : RsaKeyError.MalformedDer,
                    tag == DerReader.TagSequence ? "Multi-prime RSA keys are not supported." : "The DER has unexpected data after the RSA key fields.");
            }

            CheckConsistency(observe);
        }

        /// <summary>The modulus size in bits.</summary>
        public int BitLength
        {
            get { return _bitLength; }
        }

        /// <summary>The modulus size in bytes, which is also the signature length.</summary>
        public int ModulusLength
        {
            get { return _modulusLength; }
        }

        /// <summary>The public exponent.</summary>
        public uint PublicExponent
        {
            get { return _publicExponent; }
        }

        internal byte[] N
        {
            get { return Live(_n); }
        }

        internal byte[] P
        {
            get { return Live(_p); }
        }

        internal byte[] Q
        {
            get { return Live(_q); }
        }

        internal byte[] DP
        {
            get { return Live(_dp); }
        }

        internal byte[] DQ
        {
            get { return Live(_dq); }
        }

        internal byte[] QInv
        {
            get { return Live(_qInv); }
        }

        /// <summary>
        /// Imports a key from PEM text: <c>RSA PRIVATE KEY</c> (PKCS#1) or <c>PRIVATE KEY</c> (PKCS#8).
        /// Text around the block is ignored; the first block is used.
        /// </summary>
        /// <param name="pem">The PEM text.</param>
        /// <returns>The key.</returns>
        /// <exception cref="RsaKeyException">The text is not an acceptable RSA private key; see <see cref="RsaKeyException.Error"/>.</exception>
        public static RsaPrivateKey FromPem(string pem)
        {
            if (pem == null)
            {
                throw new ArgumentNullException("pem");
            }

            string label;
            int bodyStart;
            int bodyEnd;
            char[] text = Pem.ReadBlock(pem, out label, out bodyStart, out bodyEnd);
            bool pkcs8;
            if (label == "RSA PRIVATE KEY")
            {
                pkcs8 = false;
            }
            else if (label == "PRIVATE KEY")
            {
                pkcs8 = true;
            }
            else if (label == "ENCRYPTED PRIVATE KEY")
            {
                throw new RsaKeyException(RsaKeyError.EncryptedKey, "The key is encrypted (ENCRYPTED PRIVATE KEY); store it unencrypted in the device's protected storage.");
            }
            else if (label == "EC PRIVATE KEY")
            {
                throw new RsaKeyException(RsaKeyError.UnsupportedKeyType, "The PEM holds an EC private key; an RSA private key is required.");
            }
            else if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY" || label == "CERTIFICATE")
            {
                throw new RsaKeyException(RsaKeyError.UnsupportedKeyType, "The PEM holds a " + label + ", not a private key.");
            }
            else
            {
                throw new RsaKeyException(RsaKeyError.UnsupportedKeyType, "The PEM label is not RSA PRIVATE KEY or PRIVATE KEY.");
            }

            if (DeviceAuth.Encoding.AsciiText.IndexOf(text, ':', bodyStart, bodyEnd) >= 0)
            {
                // RFC 1421 headers, as OpenSSL writes for legacy encrypted PKCS#1 keys.
                int encrypted = DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(text, "ENCRYPTED".ToCharArray(), bodyStart);
                if (encrypted >= 0 && encrypted < bodyEnd)
                {
                    throw new RsaKeyException(RsaKeyError.EncryptedKey, "The key is encrypted (Proc-Type: 4,ENCRYPTED); store it unencrypted in the device's protected storage.");
                }

                throw new RsaKeyException(RsaKeyError.InvalidBase64, "The PEM body has headers, which are not supported.");
            }

            byte[] der;
            try
            {
                der = Pem.DecodeBase64(text, bodyStart, bodyEnd);
            }
            finally
            {
                // The characters are the key in Base64: do not leave them on the heap.
                Array.Clear(text, 0, text.Length);
            }

            try
            {
                return pkcs8 ? FromPkcs8Der(der) : FromPkcs1Der(der);
            }
            finally
            {
                Array.Clear(der, 0, der.Length);
            }
        }

        /// <summary>Imports a PKCS#1 RSAPrivateKey in DER.</summary>
        /// <param name="der">The DER bytes (exactly one RSAPrivateKey, nothing after it).</param>
        /// <returns>The key.</returns>
        /// <exception cref="RsaKeyException">The bytes are not an acceptable RSA private key.</exception>
        public static RsaPrivateKey FromPkcs1Der(byte[] der)
        {
            if (der == null)
            {
                throw new ArgumentNullException("der");
            }

            DerReader outer = new DerReader(der, 0, der.Length);
            DerReader rsa = outer.ReadSequence("the RSAPrivateKey");
            outer.ExpectEnd("the RSAPrivateKey");
            return new RsaPrivateKey(rsa, null);
        }

        /// <summary>
        /// Test seam: <see cref="FromPkcs1Der"/> that records in <paramref name="observe"/>
        /// (<see cref="ObservedSlots"/> entries) every array the import allocates for key material or
        /// intermediates, so tests can check that a rejected key leaves nothing behind.
        /// </summary>
        internal static RsaPrivateKey FromPkcs1DerObserved(byte[] der, object[] observe)
        {
            DerReader outer = new DerReader(der, 0, der.Length);
            DerReader rsa = outer.ReadSequence("the RSAPrivateKey");
            outer.ExpectEnd("the RSAPrivateKey");
            return new RsaPrivateKey(rsa, observe);
        }

        /// <summary>Imports an unencrypted PKCS#8 PrivateKeyInfo (rsaEncryption) in DER.</summary>
        /// <param name="der">The DER bytes (exactly one PrivateKeyInfo, nothing after it).</param>
        /// <returns>The key.</returns>
        /// <exception cref="RsaKeyException">The bytes are not an acceptable RSA private key.</exception>
        public static RsaPrivateKey FromPkcs8Der(byte[] der)
        {
            if (der == null)
            {
                throw new ArgumentNullException("der");
            }

            DerReader outer = new DerReader(der, 0, der.Length);
            DerReader info = outer.ReadSequence("the PrivateKeyInfo");
            outer.ExpectEnd("the PrivateKeyInfo");

            // EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier, OCTET STRING }: it starts
            // with a SEQUENCE where PrivateKeyInfo has its version INTEGER.
            if (info.PeekTag("the PrivateKeyInfo version") == DerReader.TagSequence)
            {
                throw new RsaKeyException(RsaKeyError.EncryptedKey, "The DER is an encrypted PKCS#8 key (EncryptedPrivateKeyInfo).");
            }

            int version = info.ReadSmallInteger("the PrivateKeyInfo version");
            if (version > 1)
            {
                throw new RsaKeyException(RsaKeyError.UnsupportedVersion, "Unknown PrivateKeyInfo version " + version.ToString() + ".");
            }

            DerReader algorithm = info.ReadSequence("the private key algorithm");
            int oidOffset;
            int oidLength;
            if (!algorithm.ReadOidEquals(OidRsaEncryption, "the private key algorithm", out oidOffset, out oidLength))
            {
                if (algorithm.Matches(oidOffset, oidLength, OidEcPublicKey))
                {
                    throw new RsaKeyException(RsaKeyError.UnsupportedKeyType, "The PKCS#8 key is an EC key; an RSA key is required.");
                }

                if (algorithm.Matches(oidOffset, oidLength, OidRsaPss))
                {
                    throw new RsaKeyException(RsaKeyError.UnsupportedKeyType, "The PKCS#8 key is restricted to RSASSA-PSS; an rsaEncryption key is required for PKCS#1 v1.5 signatures.");
                }

                throw new RsaKeyException(RsaKeyError.UnsupportedKeyType, "The PKCS#8 key's algorithm is not rsaEncryption.");
            }

            // The parameters MUST be NULL (RFC 8017 appendix A.1); absent parameters are tolerated.
            if (algorithm.HasData)
            {
                algorithm.ReadNull("the rsaEncryption parameters");
            }

            algorithm.ExpectEnd("the private key algorithm");
            int keyLength;
            int keyOffset = info.ReadElement(DerReader.TagOctetString, "the privateKey OCTET STRING", out keyLength);

            // RFC 5958: then optionally attributes [0] IMPLICIT SET (constructed, 0xA0), then, in
            // version 1 only, optionally publicKey [1] IMPLICIT BIT STRING (primitive, 0x81); each at
            // most once, in that order.
            if (info.HasData && info.PeekTag("the PrivateKeyInfo attributes") == 0xA0)
            {
                info.Skip("the PrivateKeyInfo attributes");
            }

            if (info.HasData && info.PeekTag("the PrivateKeyInfo publicKey") == 0x81)
            {
                if (version != 1)
                {
                    throw new RsaKeyException(RsaKeyError.MalformedDer, "The PKCS#8 key has a publicKey field, which only version 1 (RFC 5958) allows.");
                }

                info.Skip("the PrivateKeyInfo publicKey");
            }

            if (info.HasData)
            {
                throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER has unexpected data after the PKCS#8 private key (only [0] attributes then [1] publicKey, each at most once, may follow).");
            }

            DerReader inner = new DerReader(der, keyOffset, keyLength);
            DerReader rsa = inner.ReadSequence("the RSAPrivateKey");
            inner.ExpectEnd("the RSAPrivateKey");
            return new RsaPrivateKey(rsa, null);
        }

        /// <summary>The public key as DER SubjectPublicKeyInfo (rsaEncryption, RFC 5280).</summary>
        /// <returns>The DER bytes.</returns>
        public byte[] ExportSubjectPublicKeyInfo()
        {
            byte[] modulus = Live(_n);

            byte[] exponent = ExponentBytes(_publicExponent);

            // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
            int nInt = DerWriter.IntegerContentLength(modulus);
            int eInt = DerWriter.IntegerContentLength(exponent);
            int rsaContent = DerWriter.HeaderSize(nInt) + nInt + DerWriter.HeaderSize(eInt) + eInt;
            int rsaTotal = DerWriter.HeaderSize(rsaContent) + rsaContent;

            // AlgorithmIdentifier ::= SEQUENCE { rsaEncryption, NULL }
            int algContent = 2 + OidRsaEncryption.Length + 2;
            int algTotal = 2 + algContent;
            int bitContent = 1 + rsaTotal;
            int spkiContent = algTotal + DerWriter.HeaderSize(bitContent) + bitContent;
            byte[] output = new byte[DerWriter.HeaderSize(spkiContent) + spkiContent];

            int o = DerWriter.WriteHeader(output, 0, DerReader.TagSequence, spkiContent);
            o = DerWriter.WriteHeader(output, o, DerReader.TagSequence, algContent);
            o = DerWriter.WriteHeader(output, o, DerReader.TagOid, OidRsaEncryption.Length);
            Array.Copy(OidRsaEncryption, 0, output, o, OidRsaEncryption.Length);
            o += OidRsaEncryption.Length;
            o = DerWriter.WriteHeader(output, o, DerReader.TagNull, 0);
            o = DerWriter.WriteHeader(output, o, DerReader.TagBitString, bitContent);
            output[o] = 0;
            o++;
            o = DerWriter.WriteHeader(output, o, DerReader.TagSequence, rsaContent);
            o = DerWriter.WriteInteger(output, o, modulus);
            DerWriter.WriteInteger(output, o, exponent);
            return output;
        }

        /// <summary>
        /// The public key as PEM <c>-----BEGIN PUBLIC KEY-----</c> (SubjectPublicKeyInfo), the form AWS IoT
        /// expects in an authorizer's tokenSigningPublicKeys. Lines are 64 characters, ending in '\n'.
        /// </summary>
        /// <returns>The PEM text.</returns>
        public string ExportPublicKeyPem()
        {
            return Pem.Encode("PUBLIC KEY", ExportSubjectPublicKeyInfo());
        }

        /// <summary>Clears the key material; the key cannot be used afterwards.</summary>
        public void Dispose()
        {
            Limbs.Wipe(_p);
            Limbs.Wipe(_q);
            Limbs.Wipe(_dp);
            Limbs.Wipe(_dq);
            Limbs.Wipe(_qInv);
            Limbs.Wipe(_n);
            _p = null;
            _q = null;
            _dp = null;
            _dq = null;
            _qInv = null;
            _n = null;
        }

        /// <summary>Limb width and count shared by both CRT halves (so either half's values fit the other's limbs).</summary>
        internal static void HalfFormat(byte[] p, byte[] q, out int w, out int k)
        {
            int pBits = Limbs.BitLength(p, 0, p.Length);
            int qBits = Limbs.BitLength(q, 0, q.Length);
            int bits = pBits > qBits ? pBits : qBits;
            w = Montgomery.LimbBits(bits);
            k = Montgomery.LimbCount(bits, w);
        }

        private static void Observe(object[] observe, int slot, object value)
        {
            if (observe != null)
            {
                observe[slot] = value;
            }
        }

        private static byte[] Live(byte[] value)
        {
            if (value == null)
            {
                throw new ObjectDisposedException("RsaPrivateKey");
            }

            return value;
        }

        private static byte[] Slice(byte[] data, int offset, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(data, offset, copy, 0, length);
            return copy;
        }

        private static byte[] ReadMagnitude(DerReader reader, string what, int maxLength)
        {
            int length;
            int offset = reader.ReadUnsignedInteger(what, out length);
            if (length > maxLength)
            {
                throw new RsaKeyException(RsaKeyError.InconsistentKey, "The CRT parameter " + what + " is out of range.");
            }

            return Slice(reader.Data, offset, length);
        }

        private static byte[] ExponentBytes(uint e)
        {
            int bytes = e > 0xFFFFFF ? 4 : e > 0xFFFF ? 3 : e > 0xFF ? 2 : 1;
            byte[] result = new byte[bytes];
            for (int i = 0; i < bytes; i++)
            {
                result[bytes - 1 - i] = (byte)(e >> (8 * i));
            }

            return result;
        }

        // p*q == n; p, q odd and > 1; each prime at least half the modulus size minus 64 bits;
        // 0 < dP < p; 0 < dQ < q; 0 < qInv < p; q*qInv = 1 mod p. Every limb copy is cleared on
        // every exit.
        private void CheckConsistency(object[] observe)
        {
            byte[] pBytes = _p;
            byte[] qBytes = _q;
            int pBits = Limbs.BitLength(pBytes, 0, pBytes.Length);
            int qBits = Limbs.BitLength(qBytes, 0, qBytes.Length);
            if ((pBytes[pBytes.Length - 1] & 1) == 0 || (qBytes[qBytes.Length - 1] & 1) == 0 || pBits < 2 || qBits < 2)
            {
                throw new RsaKeyException(RsaKeyError.InconsistentKey, "The prime factors must be odd and greater than 1.");
            }

            // A much smaller prime makes the modulus easy to factor (ECM finds small factors); keys
            // from any standard generator have primes of nBits/2 bits (FIPS 186-5 A.1.3).
            int minimumPrimeBits = (_bitLength >> 1) - MaximumPrimeImbalanceBits;
            if (pBits < minimumPrimeBits || qBits < minimumPrimeBits)
            {
                throw new RsaKeyException(
                    RsaKeyError.InconsistentKey,
                    "The prime factors are badly unbalanced: each must have at least " + minimumPrimeBits.ToString() + " bits (half the modulus size minus " + MaximumPrimeImbalanceBits.ToString() + ").");
            }

            int w;
            int k;
            HalfFormat(pBytes, qBytes, out w, out k);
            ulong[] p = null;
            ulong[] q = null;
            ulong[] other = null;
            ulong[] product = null;
            ulong[] n = null;
            ulong[] one = null;
            ulong[] left = null;
            Montgomery mp = null;
            try
            {
                p = new ulong[k];
                Observe(observe, 6, p);
                q = new ulong[k];
                Observe(observe, 7, q);
                other = new ulong[k];
                Observe(observe, 8, other);
                product = new ulong[2 * k];
                Observe(observe, 9, product);
                n = new ulong[2 * k];
                Observe(observe, 10, n);
                Limbs.FromBigEndian(pBytes, 0, pBytes.Length, p, k, w);
                Limbs.FromBigEndian(qBytes, 0, qBytes.Length, q, k, w);
                Limbs.FromBigEndian(_n, 0, _n.Length, n, 2 * k, w);
                Limbs.Multiply(p, k, q, k, product, w);
                if (Limbs.Compare(product, n, 2 * k) != 0 || Limbs.BitLength(_n, 0, _n.Length) > 2 * k * w)
                {
                    throw new RsaKeyException(RsaKeyError.InconsistentKey, "The key's prime factors do not multiply to its modulus (p*q != n).");
                }

                if (!InRange(_dp, p, other, k, w) || !InRange(_dq, q, other, k, w))
                {
                    throw new RsaKeyException(RsaKeyError.InconsistentKey, "The CRT exponents are out of range (0 < dP < p and 0 < dQ < q are required).");
                }

                if (!InRange(_qInv, p, other, k, w))
                {
                    throw new RsaKeyException(RsaKeyError.InconsistentKey, "The CRT coefficient is out of range (0 < qInv < p is required).");
                }

                // Montgomery: MonPro(q, qInv) = q*qInv/R and MonPro(1, 1) = 1/R (mod p) agree iff q*qInv = 1 mod p.
                mp = new Montgomery(pBytes, w, k);
                if (observe != null)
                {
                    ulong[][] scratch = mp.ScratchBuffers();
                    observe[13] = mp.M;
                    observe[14] = mp.One;
                    observe[15] = mp.R2;
                    observe[16] = scratch[0];
                    observe[17] = scratch[1];
                }

                one = new ulong[k];
                Observe(observe, 11, one);
                one[0] = 1;
                left = new ulong[k];
                Observe(observe, 12, left);
                mp.Multiply(q, other, left);
                mp.Multiply(one, one, one);
                mp.Normalize(left);
                mp.Normalize(one);
                if (Limbs.Compare(left, one, k) != 0)
                {
                    throw new RsaKeyException(RsaKeyError.InconsistentKey, "The CRT coefficient is not the inverse of q modulo p.");
                }
            }
            finally
            {
                if (mp != null)
                {
                    mp.Wipe();
                }

                Limbs.Wipe(p);
                Limbs.Wipe(q);
                Limbs.Wipe(other);
                Limbs.Wipe(product);
                Limbs.Wipe(n);
                Limbs.Wipe(one);
                Limbs.Wipe(left);
            }
        }

        // 0 < value < bound; leaves value's limbs in scratch.
        private static bool InRange(byte[] value, ulong[] bound, ulong[] scratch, int k, int w)
        {
            if (Limbs.BitLength(value, 0, value.Length) > k * w)
            {
                return false;
            }

            Limbs.FromBigEndian(value, 0, value.Length, scratch, k, w);
            return !Limbs.IsZero(scratch, k) && Limbs.Compare(scratch, bound, k) < 0;
        }
    }
}
