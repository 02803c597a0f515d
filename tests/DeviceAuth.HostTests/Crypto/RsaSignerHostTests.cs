using System;
using System.Security.Cryptography;
using System.Text;
using DeviceAuth.Crypto;
using Xunit;

namespace DeviceAuth.HostTests.Crypto
{
    /// <summary>
    /// Signer behaviour that needs the host: random fault injection on every key size, the
    /// allocation budget per signature, the fixed operation counts, and Dispose.
    /// </summary>
    public class RsaSignerHostTests
    {
        // A random bit flipped in either CRT half, on each key size: the check with e withholds the
        // signature every time, and the next fault-free signature is right.
        [Theory]
        [InlineData(2048)]
        [InlineData(3072)]
        [InlineData(4096)]
        public void RandomCrtFaults_AreNeverReleased(int bits)
        {
            var random = new Random(bits);
            CryptoVectorFiles.TokenVector vector = CryptoVectorFiles.TokenSignatures()[0];
            using RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectorFiles.Read($"rsa{bits}.pkcs1.pem"));
            using var signer = new RsaSha256Signer(key);
            using RSA rsa = RSA.Create();
            rsa.ImportFromPem(CryptoVectorFiles.Read($"rsa{bits}.pkcs1.pem"));
            byte[] message = System.Text.Encoding.UTF8.GetBytes("fault");
            byte[] good = rsa.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            for (int trial = 0; trial < 6; trial++)
            {
                int faultyHalf = random.Next(2);
                int limb = -1;
                int bit = random.Next(28);
                signer.FaultHook = (half, value) =>
                {
                    if (half == faultyHalf)
                    {
                        limb = random.Next(value.Length);
                        value[limb] ^= 1UL << bit;
                    }
                };
                byte[] released = null;
                RsaKeyException e = Assert.Throws<RsaKeyException>(() => released = signer.Sign(message));
                Assert.Null(released);
                Assert.Equal(RsaKeyError.FaultDetected, e.Error);
                Assert.True(limb >= 0);
                DeviceAuth.Tests.Crypto.RsaSha256SignerTests.AssertScratchCleared(signer);
                signer.FaultHook = null;
                Assert.Equal(good, signer.Sign(message));
            }

            Assert.Equal(vector.Key == $"rsa{bits}.pkcs1.pem" ? vector.TokenSignature : signer.SignToBase64(vector.Token), signer.SignToBase64(vector.Token));
        }

        // Per-signature allocation (the signer's buffers are made once, in its constructor).
        [Fact]
        public void Allocation_PerSignature_IsSmall()
        {
            using RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectorFiles.Read("rsa2048.pkcs1.pem"));
            using var signer = new RsaSha256Signer(key);
            byte[] message = System.Text.Encoding.UTF8.GetBytes("device-42:1795000000:nonce-9f3a");
            signer.Sign(message);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                signer.Sign(message);
            }

            long perSignature = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
            TestContext.Current.TestOutputHelper?.WriteLine($"{perSignature} bytes allocated per 2048-bit signature");
            Assert.True(perSignature <= 12 * 1024, $"{perSignature} bytes");
            Assert.True(perSignature < 1024, "only the returned 256-byte signature is expected");

            before = GC.GetAllocatedBytesForCurrentThread();
            signer.SignToBase64("device-42:1795000000:nonce-9f3a");
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before <= 12 * 1024);
        }

        // Products and squarings per signature by key size: fixed, and within 2,700 for 2048 bits.
        [Theory]
        [InlineData(2048, 2700)]
        [InlineData(3072, 4000)]
        [InlineData(4096, 5200)]
        public void OperationCounts_AreFixed(int bits, int budget)
        {
            using RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectorFiles.Read($"rsa{bits}.pkcs8.pem"));
            using var signer = new RsaSha256Signer(key);
            int total = -1;
            foreach (string token in new[] { "", "a", "allow", new string('z', 1000) })
            {
                signer.SignToBase64(token);
                int now = signer.LastMontgomeryProducts + signer.LastMontgomerySquarings;
                Assert.True(total == -1 || total == now);
                total = now;
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"{bits}: {signer.LastMontgomeryProducts} products + {signer.LastMontgomerySquarings} squarings");
            Assert.True(total <= budget, $"{total}");
        }

        [Fact]
        public void Dispose_ClearsEverySecretBuffer()
        {
            using RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectorFiles.Read("rsa3072.pkcs1.pem"));
            var signer = new RsaSha256Signer(key);
            signer.SignToBase64("allow");
            ulong[][] buffers = signer.SecretBuffers();
            object[] others = signer.SecretByteAndWordBuffers();
            Assert.Contains(buffers, b => Array.Exists(b, v => v != 0));
            signer.Dispose();
            Assert.All(buffers, b => Assert.All(b, v => Assert.Equal(0UL, v)));
            Assert.All((uint[])others[0], v => Assert.Equal(0u, v));
            Assert.All((uint[])others[1], v => Assert.Equal(0u, v));
            Assert.All((byte[])others[2], v => Assert.Equal(0, v));
            Assert.All((byte[])others[3], v => Assert.Equal(0, v));
            Assert.Throws<ObjectDisposedException>(() => signer.Sign(new byte[1]));
        }
    }
}
