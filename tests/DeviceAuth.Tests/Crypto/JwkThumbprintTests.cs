using System;
using DeviceAuth.Crypto;
using DeviceAuth.Encoding;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Crypto
{
    [TestClass]
    public class JwkThumbprintTests
    {
        // RFC 7638 section 3.1: the example RSA key and its thumbprint.
        private const string Rfc7638Modulus =
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

        [TestMethod]
        public void Rfc7638Example()
        {
            byte[] n = Base64Url.Decode(Rfc7638Modulus);
            Assert.AreEqual("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.ForRsaPublicKey(n, new byte[] { 1, 0, 1 }));
        }

        [TestMethod]
        public void LeadingZeroBytesDoNotChangeTheThumbprint()
        {
            byte[] n = Base64Url.Decode(Rfc7638Modulus);
            byte[] padded = new byte[n.Length + 1];
            Array.Copy(n, 0, padded, 1, n.Length);
            Assert.AreEqual("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.ForRsaPublicKey(padded, new byte[] { 0, 0, 1, 0, 1 }));
        }

        // Expected value computed independently: openssl rsa -pubin -modulus on rsa2048.pub.pem, then
        // python3 hashlib.sha256 of {"e":"AQAB","kty":"RSA","n":"<base64url n>"}.
        [TestMethod]
        public void OfThePrivateKeysPublicHalf()
        {
            using (RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs8Pem))
            {
                Assert.AreEqual("jJJjqfNOtsjFSIlEx7758l0GI0OU-LV5ov9fEwp7MUY", JwkThumbprint.ForRsaKey(key));
            }
        }

        [TestMethod]
        public void ZeroExponentIsRefused()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => JwkThumbprint.ForRsaPublicKey(new byte[] { 1, 2, 3 }, new byte[] { 0, 0 }));
        }
    }
}
