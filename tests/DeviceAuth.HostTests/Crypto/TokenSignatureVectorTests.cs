using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using DeviceAuth.Crypto;
using Xunit;

namespace DeviceAuth.HostTests.Crypto
{
    /// <summary>
    /// Every signature of ../shared/vectors/rsa/token-signatures.json (made by openssl dgst -sha256
    /// -sign) reproduced exactly from both PEM forms of each key, and from the DER inside them.
    /// </summary>
    public class TokenSignatureVectorTests
    {
        public static IEnumerable<TheoryDataRow<int, string>> Cases()
        {
            int count = CryptoVectorFiles.TokenSignatures().Count;
            for (int i = 0; i < count; i++)
            {
                yield return new TheoryDataRow<int, string>(i, "pkcs1");
                yield return new TheoryDataRow<int, string>(i, "pkcs8");
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Signature_IsReproduced(int index, string form)
        {
            CryptoVectorFiles.TokenVector v = CryptoVectorFiles.TokenSignatures()[index];
            string keyFile = v.Key.Replace(".pkcs1.", "." + form + ".", StringComparison.Ordinal);
            string pem = CryptoVectorFiles.Read(keyFile);

            using (RsaPrivateKey key = RsaPrivateKey.FromPem(pem))
            using (var signer = new RsaSha256Signer(key))
            {
                Assert.Equal(v.TokenSignature, signer.SignToBase64(v.Token));
                Assert.Equal(Convert.FromBase64String(v.TokenSignature), signer.Sign(System.Text.Encoding.UTF8.GetBytes(v.Token)));
            }

            PemFields fields = PemEncoding.Find(pem);
            byte[] der = Convert.FromBase64String(pem[fields.Base64Data]);
            using (RsaPrivateKey key = form == "pkcs1" ? RsaPrivateKey.FromPkcs1Der(der) : RsaPrivateKey.FromPkcs8Der(der))
            using (var signer = new RsaSha256Signer(key))
            {
                Assert.Equal(v.TokenSignature, signer.SignToBase64(v.Token));
            }
        }

        [Theory]
        [InlineData(2048)]
        [InlineData(3072)]
        [InlineData(4096)]
        public void ExportedPublicKey_EqualsTheVectorFile(int bits)
        {
            string expected = CryptoVectorFiles.Read($"rsa{bits}.pub.pem").Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (string form in new[] { "pkcs1", "pkcs8" })
            {
                using RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectorFiles.Read($"rsa{bits}.{form}.pem"));
                Assert.Equal(bits, key.BitLength);
                Assert.Equal(bits / 8, key.ModulusLength);
                Assert.Equal(expected, key.ExportPublicKeyPem());
            }
        }

        // The exported key is read back by .NET (an independent DER parser) and verifies the vectors.
        [Fact]
        public void ExportedPublicKey_VerifiesInDotNet()
        {
            foreach (CryptoVectorFiles.TokenVector v in CryptoVectorFiles.TokenSignatures())
            {
                using RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectorFiles.Read(v.Key));
                using RSA rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out int read);
                Assert.Equal(key.ExportSubjectPublicKeyInfo().Length, read);
                Assert.True(rsa.VerifyData(System.Text.Encoding.UTF8.GetBytes(v.Token), Convert.FromBase64String(v.TokenSignature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            }
        }
    }
}
