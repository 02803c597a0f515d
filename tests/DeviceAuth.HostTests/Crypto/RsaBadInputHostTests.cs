using System;
using System.Formats.Asn1;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DeviceAuth.Crypto;
using Xunit;

namespace DeviceAuth.HostTests.Crypto
{
    /// <summary>
    /// The bad-input table on the shared vector files and on keys written by an independent DER
    /// writer (System.Formats.Asn1) with one parameter changed: each case has its own error code
    /// and no message carries key material. Truncation and mutation sweeps prove that nothing but
    /// <see cref="RsaKeyException"/> escapes the importer.
    /// </summary>
    public class RsaBadInputHostTests
    {
        [Theory]
        [InlineData("rsa2048-encrypted.pkcs8.pem", RsaKeyError.EncryptedKey)]
        [InlineData("ec-p256.sec1.pem", RsaKeyError.UnsupportedKeyType)]
        [InlineData("ec-p256.pkcs8.pem", RsaKeyError.UnsupportedKeyType)]
        [InlineData("rsa1024-too-small.pkcs1.pem", RsaKeyError.KeyTooSmall)]
        [InlineData("rsa2048.pub.pem", RsaKeyError.UnsupportedKeyType)]
        public void VectorFile_HasItsError(string file, RsaKeyError expected)
        {
            string pem = CryptoVectorFiles.Read(file);
            RsaKeyException e = Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPem(pem));
            Assert.Equal(expected, e.Error);
            AssertNoKeyMaterial(e, Der(pem));
        }

        [Fact]
        public void DotNetEncryptedPkcs8_IsEncryptedKey()
        {
            using RSA rsa = RSA.Create(2048);
            var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000);
            byte[] der = rsa.ExportEncryptedPkcs8PrivateKey("pw", pbe);
            Assert.Equal(RsaKeyError.EncryptedKey, Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPkcs8Der(der)).Error);
            Assert.Equal(RsaKeyError.EncryptedKey, Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPem(rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", pbe))).Error);
        }

        [Fact]
        public void DotNetEcKeys_AreUnsupportedKeyType()
        {
            using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Assert.Equal(RsaKeyError.UnsupportedKeyType, Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPkcs8Der(ec.ExportPkcs8PrivateKey())).Error);
            Assert.Equal(RsaKeyError.UnsupportedKeyType, Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPkcs1Der(ec.ExportECPrivateKey())).Error);
            Assert.Equal(RsaKeyError.UnsupportedKeyType, Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPem(ec.ExportECPrivateKeyPem())).Error);
        }

        public static TheoryData<string, RsaKeyError> ParameterCases() => new()
        {
            { "n+2 (p*q != n)", RsaKeyError.InconsistentKey },
            { "q swapped for another prime", RsaKeyError.InconsistentKey },
            { "qInv+1", RsaKeyError.InconsistentKey },
            { "qInv=p", RsaKeyError.InconsistentKey },
            { "qInv=0", RsaKeyError.InconsistentKey },
            { "dP=0", RsaKeyError.InconsistentKey },
            { "dQ=q", RsaKeyError.InconsistentKey },
            { "p even", RsaKeyError.InconsistentKey },
            { "e=1", RsaKeyError.UnsupportedPublicExponent },
            { "e=65538", RsaKeyError.UnsupportedPublicExponent },
            { "e=2^32+1", RsaKeyError.UnsupportedPublicExponent },
            { "n of 4104 bits", RsaKeyError.KeyTooLarge },
            { "version 2", RsaKeyError.UnsupportedVersion },
            { "otherPrimeInfos", RsaKeyError.UnsupportedVersion },
            { "negative d", RsaKeyError.MalformedDer },
        };

        [Theory]
        [MemberData(nameof(ParameterCases))]
        public void ChangedParameter_HasItsError(string change, RsaKeyError expected)
        {
            RSAParameters k = SharedKey.Value;
            BigInteger n = U(k.Modulus), e = U(k.Exponent), d = U(k.D), p = U(k.P), q = U(k.Q), dp = U(k.DP), dq = U(k.DQ), qi = U(k.InverseQ);
            int version = 0;
            bool otherPrimes = false;
            switch (change)
            {
                case "n+2 (p*q != n)": n += 2; break;
                case "q swapped for another prime": q = U(SecondKey.Value.Q); break;
                case "qInv+1": qi += 1; break;
                case "qInv=p": qi = p; break;
                case "qInv=0": qi = 0; break;
                case "dP=0": dp = 0; break;
                case "dQ=q": dq = q; break;
                case "p even": p += 1; break;
                case "e=1": e = 1; break;
                case "e=65538": e = 65538; break;
                case "e=2^32+1": e = (BigInteger.One << 32) + 1; break;
                case "n of 4104 bits": n <<= 2056; break;
                case "version 2": version = 2; break;
                case "otherPrimeInfos": otherPrimes = true; break;
                case "negative d": d = -d; break;
            }

            byte[] der = WritePkcs1(version, n, e, d, p, q, dp, dq, qi, otherPrimes);
            RsaKeyException ex = Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPkcs1Der(der));
            Assert.Equal(expected, ex.Error);
            AssertNoKeyMaterial(ex, der);
            foreach (BigInteger secret in new[] { d, p, q, dp, dq, qi })
            {
                string dec = BigInteger.Abs(secret).ToString();
                if (dec.Length >= 12)
                {
                    Assert.DoesNotContain(dec.Substring(0, 12), ex.Message, StringComparison.Ordinal);
                }
            }
        }

        // p < q (the roles swapped, with the matching coefficient): still a valid key, and the
        // signature equals .NET's.
        [Fact]
        public void PrimesInEitherOrder_SignLikeDotNet()
        {
            RSAParameters k = SharedKey.Value;
            BigInteger p = U(k.P), q = U(k.Q);
            BigInteger qInvSwapped = MontgomeryHostTests.ModInverse(p, q);
            byte[] der = WritePkcs1(0, U(k.Modulus), U(k.Exponent), U(k.D), q, p, U(k.DQ), U(k.DP), qInvSwapped, false);
            using RSA rsa = RSA.Create();
            rsa.ImportParameters(k);
            byte[] message = System.Text.Encoding.UTF8.GetBytes("order of the primes");
            using RsaPrivateKey key = RsaPrivateKey.FromPkcs1Der(der);
            using var signer = new RsaSha256Signer(key);
            Assert.Equal(rsa.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), signer.Sign(message));
        }

        // Primes of different sizes (960 and 1088 bits): .NET will not import such a key, but its
        // public half verifies our signature, and PKCS#1 v1.5 has only one valid signature.
        [Fact]
        public void UnbalancedPrimes_SignVerifiably()
        {
            var random = new Random(1088);
            BigInteger e = 65537;
            BigInteger p = RandomPrime(random, 960, e), q = RandomPrime(random, 1088, e);
            BigInteger n = p * q;
            BigInteger lambda = (p - 1) * (q - 1) / BigInteger.GreatestCommonDivisor(p - 1, q - 1);
            BigInteger d = MontgomeryHostTests.ModInverse(e, lambda);
            foreach (bool swap in new[] { false, true })
            {
                BigInteger a = swap ? q : p, b = swap ? p : q;
                byte[] der = WritePkcs1(0, n, e, d, a, b, d % (a - 1), d % (b - 1), MontgomeryHostTests.ModInverse(b, a), false);
                using RsaPrivateKey key = RsaPrivateKey.FromPkcs1Der(der);
                using var signer = new RsaSha256Signer(key);
                byte[] message = System.Text.Encoding.UTF8.GetBytes("unbalanced " + swap);
                byte[] signature = signer.Sign(message);
                using RSA pub = RSA.Create();
                pub.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
                Assert.True(pub.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            }
        }

        // The balance bound: each prime needs at least nBits/2 - 64 bits. 960 + 1088 (above) is
        // exactly at the bound for 2048 bits; 959 + 1089 is just past it, and a 64-bit prime with a
        // 1990-bit one (trivially factorable: the small prime falls to Pollard rho or ECM)
        // is far past it. Both orders of the primes are checked.
        [Theory]
        [InlineData(959, 1089)]
        [InlineData(64, 1990)]
        public void BadlyUnbalancedPrimes_AreInconsistentKey(int smallBits, int largeBits)
        {
            var random = new Random(smallBits);
            BigInteger e = 65537;
            BigInteger p = RandomPrime(random, smallBits, e), q = RandomPrime(random, largeBits, e);
            BigInteger n = p * q;
            Assert.True(n.GetBitLength() >= 2048);
            BigInteger lambda = (p - 1) * (q - 1) / BigInteger.GreatestCommonDivisor(p - 1, q - 1);
            BigInteger d = MontgomeryHostTests.ModInverse(e, lambda);
            foreach (bool swap in new[] { false, true })
            {
                BigInteger a = swap ? q : p, b = swap ? p : q;
                byte[] der = WritePkcs1(0, n, e, d, a, b, d % (a - 1), d % (b - 1), MontgomeryHostTests.ModInverse(b, a), false);
                RsaKeyException ex = Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPkcs1Der(der));
                Assert.Equal(RsaKeyError.InconsistentKey, ex.Error);
                Assert.Contains("unbalanced", ex.Message, StringComparison.Ordinal);
                Assert.Contains(((int)(n.GetBitLength() / 2) - 64).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
                AssertNoKeyMaterial(ex, der);
            }
        }

        // A key rejected after its CRT parameters were copied leaves nothing behind: every copy
        // the import made (the byte copies of n, p, q, dP, dQ, qInv and the limb arrays and
        // Montgomery constants of the consistency check) is cleared when the exception leaves.
        [Theory]
        [InlineData("qInv+1", 18)]
        [InlineData("qInv=0", 11)]
        [InlineData("dP=0", 11)]
        [InlineData("n+2 (p*q != n)", 11)]
        [InlineData("unbalanced", 6)]
        [InlineData("trailing field", 6)]
        public void RejectedKey_ClearsEveryCopy(string change, int expectedSlots)
        {
            RSAParameters k = SharedKey.Value;
            BigInteger n = U(k.Modulus), e = U(k.Exponent), d = U(k.D), p = U(k.P), q = U(k.Q), dp = U(k.DP), dq = U(k.DQ), qi = U(k.InverseQ);
            switch (change)
            {
                case "qInv+1": qi += 1; break;
                case "qInv=0": qi = 0; break;
                case "dP=0": dp = 0; break;
                case "n+2 (p*q != n)": n += 2; break;
                case "unbalanced": p = 65537; q = n; break;
            }

            byte[] der = WritePkcs1(0, n, e, d, p, q, dp, dq, qi, false);
            if (change == "trailing field")
            {
                // An INTEGER after qInv: rejected after every parameter was copied.
                var writer = new AsnWriter(AsnEncodingRules.DER);
                using (writer.PushSequence())
                {
                    foreach (BigInteger v in new[] { BigInteger.Zero, n, e, d, p, q, dp, dq, qi, BigInteger.One })
                    {
                        writer.WriteInteger(v);
                    }
                }

                der = writer.Encode();
            }

            object[] observed = new object[RsaPrivateKey.ObservedSlots];
            RsaKeyException ex = Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPkcs1DerObserved(der, observed));
            Assert.Equal(change == "trailing field" ? RsaKeyError.MalformedDer : RsaKeyError.InconsistentKey, ex.Error);
            Assert.Equal(expectedSlots, observed.Count(o => o != null));
            for (int slot = 0; slot < observed.Length; slot++)
            {
                switch (observed[slot])
                {
                    case null: break;
                    case byte[] bytes: Assert.True(bytes.All(x => x == 0), $"byte copy in slot {slot} cleared"); break;
                    case ulong[] limbs: Assert.True(limbs.All(x => x == 0), $"limbs in slot {slot} cleared"); break;
                    default: Assert.Fail($"unexpected slot type {observed[slot].GetType()}"); break;
                }
            }
        }

        // RFC 5958 OneAsymmetricKey: after privateKey come optionally attributes [0] (constructed,
        // 0xA0), then optionally publicKey [1] IMPLICIT BIT STRING (primitive, 0x81) only in
        // version 1, each at most once and in that order.
        public static TheoryData<string, int, string, RsaKeyError?> Pkcs8TrailerCases() => new()
        {
            { "v0, nothing", 0, "", null },
            { "v0, attributes", 0, "A000", null },
            { "v1, nothing", 1, "", null },
            { "v1, attributes", 1, "A000", null },
            { "v1, publicKey", 1, "8103000102", null },
            { "v1, attributes then publicKey", 1, "A000 8103000102", null },
            { "v0, publicKey", 0, "8103000102", RsaKeyError.MalformedDer },
            { "v0, attributes then publicKey", 0, "A000 8103000102", RsaKeyError.MalformedDer },
            { "v1, publicKey then attributes", 1, "8103000102 A000", RsaKeyError.MalformedDer },
            { "v1, attributes twice", 1, "A000 A000", RsaKeyError.MalformedDer },
            { "v1, publicKey twice", 1, "8103000102 8103000102", RsaKeyError.MalformedDer },
            { "v1, constructed [1]", 1, "A1050303000102", RsaKeyError.MalformedDer },
            { "v0, primitive [0]", 0, "8000", RsaKeyError.MalformedDer },
            { "v1, [2]", 1, "8200", RsaKeyError.MalformedDer },
            { "v0, INTEGER", 0, "020100", RsaKeyError.MalformedDer },
        };

        [Theory]
        [MemberData(nameof(Pkcs8TrailerCases))]
        public void Pkcs8OptionalFields_AreStrict(string name, int version, string trailerHex, RsaKeyError? expected)
        {
            byte[] pkcs1 = Der(CryptoVectorFiles.Read("rsa2048.pkcs1.pem"));
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(version);
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                    writer.WriteNull();
                }

                writer.WriteOctetString(pkcs1);
                foreach (string element in trailerHex.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    writer.WriteEncodedValue(Convert.FromHexString(element));
                }
            }

            byte[] der = writer.Encode();
            if (expected == null)
            {
                using RsaPrivateKey key = RsaPrivateKey.FromPkcs8Der(der);
                using RsaPrivateKey reference = RsaPrivateKey.FromPkcs1Der(pkcs1);
                Assert.Equal(reference.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
            }
            else
            {
                RsaKeyException ex = Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPkcs8Der(der));
                Assert.True(expected == ex.Error, $"{name}: {ex.Error}");
                AssertNoKeyMaterial(ex, der);
            }
        }

        [Fact]
        public void EveryTruncation_IsTruncatedDer()
        {
            foreach (string file in new[] { "rsa2048.pkcs1.pem", "rsa2048.pkcs8.pem" })
            {
                byte[] der = Der(CryptoVectorFiles.Read(file));
                for (int length = 0; length < der.Length; length++)
                {
                    byte[] cut = der.AsSpan(0, length).ToArray();
                    RsaKeyException e = Assert.Throws<RsaKeyException>(() => Import(file, cut));
                    Assert.Equal(RsaKeyError.TruncatedDer, e.Error);
                }
            }
        }

        // Random single-byte changes: the importer either rejects with RsaKeyException or imports a
        // key whose signatures verify (a change in d, which signing does not use); a change it cannot
        // see at import (in dP or dQ) is caught by the check before release. Nothing else escapes.
        [Fact]
        public void RandomMutations_OnlyRsaKeyExceptionEscapes()
        {
            var random = new Random(77);
            byte[] message = System.Text.Encoding.UTF8.GetBytes("mutation");
            foreach (string file in new[] { "rsa2048.pkcs1.pem", "rsa2048.pkcs8.pem" })
            {
                byte[] original = Der(CryptoVectorFiles.Read(file));
                for (int round = 0; round < 150; round++)
                {
                    byte[] der = (byte[])original.Clone();
                    int at = random.Next(der.Length);
                    der[at] ^= (byte)random.Next(1, 256);
                    try
                    {
                        using RsaPrivateKey key = Import(file, der);
                        using var signer = new RsaSha256Signer(key);
                        byte[] signature = signer.Sign(message);
                        using RSA pub = RSA.Create();
                        pub.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
                        Assert.True(pub.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), $"byte {at}");
                    }
                    catch (RsaKeyException e)
                    {
                        AssertNoKeyMaterial(e, original);
                    }
                }
            }
        }

        [Theory]
        [InlineData("-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----\n", RsaKeyError.InvalidBase64)]
        [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY", RsaKeyError.MissingPemArmor)]
        [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----\n", RsaKeyError.MismatchedPemArmor)]
        [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n", RsaKeyError.UnsupportedKeyType)]
        [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", RsaKeyError.UnsupportedKeyType)]
        [InlineData("-----BEGIN PRIVATE KEY-----\nAA==AA==\n-----END PRIVATE KEY-----\n", RsaKeyError.InvalidBase64)]
        [InlineData("-----BEGIN PRIVATE KEY-----\nAB==\n-----END PRIVATE KEY-----\n", RsaKeyError.InvalidBase64)]
        [InlineData("-----BEGIN PRIVATE KEY-----\nA===\n-----END PRIVATE KEY-----\n", RsaKeyError.InvalidBase64)]
        [InlineData("-----BEGIN PRIVATE KEY-----\nAA-_\n-----END PRIVATE KEY-----\n", RsaKeyError.InvalidBase64)]
        [InlineData("-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n", RsaKeyError.TruncatedDer)]
        [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n", RsaKeyError.TruncatedDer)]
        [InlineData("no armor at all", RsaKeyError.MissingPemArmor)]
        public void PemShapes_HaveTheirErrors(string pem, RsaKeyError expected)
        {
            Assert.Equal(expected, Assert.Throws<RsaKeyException>(() => RsaPrivateKey.FromPem(pem)).Error);
        }

        private static readonly Lazy<RSAParameters> SharedKey = new(() => Params("rsa2048.pkcs1.pem"));
        private static readonly Lazy<RSAParameters> SecondKey = new(() => Params("rsa3072.pkcs1.pem"));

        private static RSAParameters Params(string file)
        {
            using RSA rsa = RSA.Create();
            rsa.ImportFromPem(CryptoVectorFiles.Read(file));
            return rsa.ExportParameters(true);
        }

        private static RsaPrivateKey Import(string file, byte[] der) =>
            file.Contains("pkcs8", StringComparison.Ordinal) ? RsaPrivateKey.FromPkcs8Der(der) : RsaPrivateKey.FromPkcs1Der(der);

        private static BigInteger U(byte[] bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

        private static byte[] Der(string pem)
        {
            PemFields f = PemEncoding.Find(pem);
            return Convert.FromBase64String(pem[f.Base64Data]);
        }

        private static byte[] WritePkcs1(int version, BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger dp, BigInteger dq, BigInteger qi, bool otherPrimes)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(otherPrimes ? 1 : version);
                foreach (BigInteger v in new[] { n, e, d, p, q, dp, dq, qi })
                {
                    writer.WriteInteger(v);
                }

                if (otherPrimes)
                {
                    using (writer.PushSequence())
                    using (writer.PushSequence())
                    {
                        writer.WriteInteger(3);
                        writer.WriteInteger(1);
                        writer.WriteInteger(1);
                    }
                }
            }

            return writer.Encode();
        }

        private static BigInteger RandomPrime(Random random, int bits, BigInteger e)
        {
            while (true)
            {
                byte[] bytes = new byte[bits / 8];
                random.NextBytes(bytes);
                BigInteger c = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) | (BigInteger.One << (bits - 1)) | (BigInteger.One << (bits - 2)) | 1;
                if (BigInteger.GreatestCommonDivisor(c - 1, e) == 1 && IsProbablePrime(c, random))
                {
                    return c;
                }
            }
        }

        private static bool IsProbablePrime(BigInteger n, Random random)
        {
            foreach (int small in new[] { 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47 })
            {
                if (n % small == 0)
                {
                    return false;
                }
            }

            BigInteger d = n - 1;
            int s = 0;
            while (d.IsEven)
            {
                d >>= 1;
                s++;
            }

            for (int i = 0; i < 12; i++)
            {
                BigInteger a = 2 + (new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true) % (n - 4));
                BigInteger x = BigInteger.ModPow(a, d, n);
                if (x == 1 || x == n - 1)
                {
                    continue;
                }

                bool composite = true;
                for (int r = 1; r < s; r++)
                {
                    x = BigInteger.ModPow(x, 2, n);
                    if (x == n - 1)
                    {
                        composite = false;
                        break;
                    }
                }

                if (composite)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The message holds no key material: no 6-byte window of the DER in hex (either case) or
        /// Base64, and no long run of hex digits or Base64 characters at all.
        /// </summary>
        internal static void AssertNoKeyMaterial(Exception e, byte[] der)
        {
            string message = e.Message;
            Assert.False(string.IsNullOrWhiteSpace(message));
            Assert.DoesNotMatch(new Regex("[0-9A-Fa-f]{12,}"), message);
            Assert.DoesNotMatch(new Regex("[A-Za-z0-9+/]{24,}"), message);
            string base64 = Convert.ToBase64String(der);
            for (int i = 0; i + 6 <= der.Length; i++)
            {
                string hex = Convert.ToHexString(der, i, 6);
                Assert.DoesNotContain(hex, message, StringComparison.OrdinalIgnoreCase);
            }

            for (int i = 0; i + 12 <= base64.Length; i += 4)
            {
                Assert.DoesNotContain(base64.Substring(i, 12), message, StringComparison.Ordinal);
            }
        }
    }
}
