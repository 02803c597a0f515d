using System;
using System.Security.Cryptography;
using DeviceAuth.Crypto;
using Xunit;

namespace DeviceAuth.HostTests.Crypto
{
    /// <summary>SHA-256 and HMAC-SHA256 against .NET's implementations (OpenSSL underneath).</summary>
    public class Sha256HostTests
    {
        // Every length 0..300, random content, appended in random chunks, against SHA256.HashData.
        [Fact]
        public void RandomLengths_RandomChunks_MatchDotNet()
        {
            var random = new Random(20261121);
            var sha = new Sha256();
            for (int length = 0; length <= 300; length++)
            {
                for (int round = 0; round < 3; round++)
                {
                    byte[] data = new byte[length];
                    random.NextBytes(data);
                    int pos = 0;
                    while (pos < length)
                    {
                        int chunk = random.Next(0, Math.Min(length - pos, 130) + 1);
                        sha.Append(data, pos, chunk);
                        pos += chunk;
                    }

                    Assert.Equal(SHA256.HashData(data), sha.Finish());
                    Assert.Equal(SHA256.HashData(data), Sha256.Hash(data));
                }
            }
        }

        [Fact]
        public void LargeInputs_MatchDotNet()
        {
            var random = new Random(7);
            foreach (int length in new[] { 1000, 4096, 65536, 100_003 })
            {
                byte[] data = new byte[length + 10];
                random.NextBytes(data);
                Assert.Equal(SHA256.HashData(data.AsSpan(5, length)), Sha256.Hash(data, 5, length));
            }
        }

        [Fact]
        public void OneMillionA_MatchesDotNetAndFips()
        {
            byte[] data = new byte[1_000_000];
            Array.Fill(data, (byte)'a');
            byte[] ours = Sha256.Hash(data);
            Assert.Equal(SHA256.HashData(data), ours);
            Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(ours));
        }

        [Fact]
        public void Hmac_RandomKeysAndMessages_MatchDotNet()
        {
            var random = new Random(4231);
            for (int i = 0; i < 400; i++)
            {
                byte[] key = new byte[random.Next(0, 200)];
                byte[] data = new byte[random.Next(0, 300)];
                random.NextBytes(key);
                random.NextBytes(data);
                Assert.Equal(HMACSHA256.HashData(key, data), HmacSha256.Compute(key, data));
                if (key.Length > 0)
                {
                    using var signer = new HmacSha256Signer(key);
                    Assert.Equal(HMACSHA256.HashData(key, data), signer.Sign(data));
                }
            }
        }
    }
}
