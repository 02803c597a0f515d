using System.Security.Cryptography;
using DeviceAuth.Crypto;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Tokens
{
    /// <summary>The library's RFC 7638 thumbprint (the default kid) against Microsoft.IdentityModel's JsonWebKey.ComputeJwkThumbprint.</summary>
    public class JwkThumbprintHostTests
    {
        [Theory]
        [InlineData(2048)]
        [InlineData(3072)]
        [InlineData(4096)]
        public void Matches_Microsoft_IdentityModel_for_fresh_keys(int bits)
        {
            for (int i = 0; i < 3; i++)
            {
                using RSA rsa = RSA.Create(bits);
                RSAParameters p = rsa.ExportParameters(false);
                var jwk = new JsonWebKey { Kty = "RSA", N = Base64UrlEncoder.Encode(p.Modulus), E = Base64UrlEncoder.Encode(p.Exponent) };
                string expected = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
                using RsaPrivateKey key = RsaPrivateKey.FromPem(rsa.ExportPkcs8PrivateKeyPem());
                Assert.Equal(expected, JwkThumbprint.ForRsaKey(key));
                Assert.Equal(expected, JwkThumbprint.ForRsaPublicKey(p.Modulus, p.Exponent));
            }
        }
    }
}
