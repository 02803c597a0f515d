using System;
using DeviceAuth.Crypto;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Tokens
{
    /// <summary>Token sources with the library's own RSA and HMAC, compared with values produced by openssl and Python.</summary>
    [TestClass]
    public class RealCryptoTokenTests
    {
        private const long Now = 1748736000L;

        [TestMethod]
        public void DeviceSigned_WithRsaSha256Signer_MatchesOpenssl()
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(TestVectors.Rsa2048Pkcs1Pem);
            RsaSha256Signer signer = new RsaSha256Signer(key);
            DeviceSignedTokenSource source = new DeviceSignedTokenSource("device-1", signer, new ManualClock(Now), new CountingRandom(), 3600);
            AuthToken token = source.GetToken(0);
            Assert.AreEqual(TestVectors.DeviceSignedToken, token.Token);
            Assert.AreEqual(TestVectors.DeviceSignedTokenSignature, token.TokenSignature);
            Assert.AreEqual(TestVectors.DeviceSignedTokenSignature, signer.SignToBase64(token.Token));
        }

        [TestMethod]
        public void JwtAwsIotSigned_WithRsaSha256Signer_MatchesOpenssl()
        {
            JwtOptions options = new JwtOptions("https://issuer.example", "device-1", "api", 3600);
            options.KeyId = "k1";
            options.Scope = "telemetry:write";
            options.Form = JwtTokenForm.AwsIotSigned;
            RsaSha256Signer signer = new RsaSha256Signer(RsaPrivateKey.FromPem(TestVectors.Rsa2048Pkcs1Pem));
            AuthToken token = new JwtTokenSource(options, signer, new ManualClock(Now), new CountingRandom()).GetToken(0);
            Assert.AreEqual(TestVectors.JwtSigningInput, token.Token);
            Assert.AreEqual(TestVectors.JwtSignature, token.TokenSignature);

            options.Form = JwtTokenForm.Compact;
            AuthToken compact = new JwtTokenSource(options, signer, new ManualClock(Now), new CountingRandom()).GetToken(0);
            AuthToken split = JwtTokens.ToAwsIotToken(compact);
            Assert.AreEqual(TestVectors.JwtSigningInput, split.Token);
            Assert.AreEqual(TestVectors.JwtSignature, split.TokenSignature);
        }

        [TestMethod]
        public void Hmac_WithHmacSha256Signer_MatchesPython()
        {
            HmacSha256Signer mac = new HmacSha256Signer(TestVectors.Key0To31());
            HmacTokenSource source = new HmacTokenSource("device-1", mac, new ManualClock(Now), new CountingRandom(), 900);
            Assert.AreEqual(TestVectors.HmacTokenKey0To31, source.GetToken(0).Token);
        }

        [TestMethod]
        public void Hmac_VerifyWithTheSecret()
        {
            byte[] key = TestVectors.Key0To31();
            Assert.IsTrue(HmacToken.Verify(TestVectors.HmacTokenKey0To31, key, UnixTime.FromSeconds(Now + 1), 900, 0).IsValid);
            key[31] ^= 1;
            Assert.AreEqual((int)TokenVerificationStatus.BadSignature, (int)HmacToken.Verify(TestVectors.HmacTokenKey0To31, key, UnixTime.FromSeconds(Now + 1), 900, 0).Status);
        }
    }
}
