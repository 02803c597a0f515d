using System;
using DeviceAuth.Encoding;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Tokens
{
    [TestClass]
    public class JwtTokensTests
    {
        [TestMethod]
        [DataRow("a.b.c", true)]
        [DataRow("eyJ.eyJ.sig-_", true)]
        [DataRow("a.b", false)]
        [DataRow("a.b.c.d", false)]
        [DataRow(".b.c", false)]
        [DataRow("a..c", false)]
        [DataRow("a.b.", false)]
        [DataRow("a.b.c=", false)]
        [DataRow("a.b.c+", false)]
        [DataRow("a b.c.d", false)]
        [DataRow("", false)]
        public void IsCompactJwt(string token, bool expected)
        {
            Assert.AreEqual(expected, JwtTokens.IsCompactJwt(token));
        }

        // CUSTOM-AUTH pitfall 5: padding a base64url signature naively is only right for some key
        // sizes. Signature lengths 255, 256 and 257 bytes cover the three padding cases (1, 2, 0 '=').
        [TestMethod]
        [DataRow(255)]
        [DataRow(256)]
        [DataRow(257)]
        [DataRow(384)]
        [DataRow(512)]
        public void ToAwsIotToken_ReencodesTheSignatureForEveryLength(int signatureLength)
        {
            byte[] signature = new byte[signatureLength];
            for (int i = 0; i < signatureLength; i++)
            {
                signature[i] = (byte)(i * 37 + 251);
            }

            string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkIn0." + Base64Url.Encode(signature);
            AuthToken compact = new AuthToken(jwt, null, UnixTime.FromSeconds(1000), UnixTime.FromSeconds(2000));
            AuthToken iot = JwtTokens.ToAwsIotToken(compact);
            Assert.AreEqual("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkIn0", iot.Token);
            Assert.AreEqual(DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(signature), iot.TokenSignature);
            Assert.AreEqual(0, iot.TokenSignature.Length % 4);
            Assert.AreEqual(compact.ExpiresAt, iot.ExpiresAt);
            Assert.AreEqual(compact.IssuedAt, iot.IssuedAt);
        }

        [TestMethod]
        public void ToAwsIotToken_RejectsNonJwt()
        {
            Assert.ThrowsException(typeof(FormatException), () => JwtTokens.ToAwsIotToken(new AuthToken("ds1.dev.1.2.abcdefgh", null, DateTime.MinValue, AuthToken.NoExpiry)));
            Assert.ThrowsException(typeof(FormatException), () => JwtTokens.ToAwsIotToken(new AuthToken("a.b.c", "c2ln", DateTime.MinValue, AuthToken.NoExpiry)));
        }
    }
}
