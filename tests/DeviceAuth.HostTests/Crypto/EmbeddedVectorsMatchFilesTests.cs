using System.Collections.Generic;
using System.Linq;
using DeviceAuth.Tests.Crypto;
using Xunit;

namespace DeviceAuth.HostTests.Crypto
{
    /// <summary>
    /// The nanoFramework tests embed copies of the shared vectors (the device cannot read files);
    /// these must equal the files, so the copies cannot drift.
    /// </summary>
    public class EmbeddedVectorsMatchFilesTests
    {
        [Theory]
        [InlineData(nameof(CryptoVectors.Rsa2048Pkcs1Pem), "rsa2048.pkcs1.pem")]
        [InlineData(nameof(CryptoVectors.Rsa2048Pkcs8Pem), "rsa2048.pkcs8.pem")]
        [InlineData(nameof(CryptoVectors.Rsa2048PublicPem), "rsa2048.pub.pem")]
        [InlineData(nameof(CryptoVectors.Rsa2048EncryptedPkcs8Pem), "rsa2048-encrypted.pkcs8.pem")]
        [InlineData(nameof(CryptoVectors.Rsa1024Pkcs1Pem), "rsa1024-too-small.pkcs1.pem")]
        [InlineData(nameof(CryptoVectors.EcP256Sec1Pem), "ec-p256.sec1.pem")]
        [InlineData(nameof(CryptoVectors.EcP256Pkcs8Pem), "ec-p256.pkcs8.pem")]
        public void PemConstant_EqualsFile(string constant, string file)
        {
            string embedded = (string)typeof(CryptoVectors).GetField(constant).GetRawConstantValue();
            Assert.Equal(CryptoVectorFiles.Read(file), embedded);
        }

        [Fact]
        public void TokenSignatures_EqualTheJsonEntries()
        {
            List<CryptoVectorFiles.TokenVector> file = CryptoVectorFiles.TokenSignatures().Where(v => v.Key == CryptoVectors.Rsa2048KeyFile).ToList();
            Assert.Equal(CryptoVectors.Rsa2048VectorCount, file.Count);
            Assert.Equal(file.Count, CryptoVectors.Rsa2048Signatures.Length);
            for (int i = 0; i < file.Count; i++)
            {
                Assert.Equal(file[i].Token, CryptoVectors.Rsa2048Token(i));
                Assert.Equal(file[i].TokenSignature, CryptoVectors.Rsa2048Signatures[i]);
            }
        }
    }
}
