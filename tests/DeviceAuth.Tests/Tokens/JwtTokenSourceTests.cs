using System;
using DeviceAuth.Encoding;
using DeviceAuth.Json;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Tokens
{
    [TestClass]
    public class JwtTokenSourceTests
    {
        private const long Now = 1748736000L;

        private static JwtOptions Options(JwtTokenForm form)
        {
            JwtOptions options = new JwtOptions("https://issuer.example", "device-1", "api", 3600);
            options.KeyId = "k1";
            options.Scope = "telemetry:write";
            options.Form = form;
            return options;
        }

        private static string DecodePart(string part)
        {
            byte[] bytes = Base64Url.Decode(part);
            return Utf8Text.Decode(bytes, 0, bytes.Length);
        }

        [TestMethod]
        public void Compact_HeaderAndClaimsAreExact()
        {
            JwtTokenSource source = new JwtTokenSource(Options(JwtTokenForm.Compact), FakeSigner.Rs256(), new ManualClock(Now), new CountingRandom());
            AuthToken token = source.GetToken(0);
            Assert.IsNull(token.TokenSignature);
            string[] parts = token.Token.Split(new char[] { '.' });
            Assert.AreEqual(3, parts.Length);
            Assert.AreEqual("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", DecodePart(parts[0]));
            Assert.AreEqual("{\"iss\":\"https://issuer.example\",\"sub\":\"device-1\",\"aud\":\"api\",\"iat\":1748736000,\"nbf\":1748736000,\"exp\":1748739600,\"jti\":\"AAECAwQFBgcICQoLDA0ODw\",\"scope\":\"telemetry:write\"}", DecodePart(parts[1]));
            byte[] signed = System.Text.Encoding.UTF8.GetBytes(parts[0] + "." + parts[1]);
            Assert.AreEqual(Base64Url.Encode(FakeSigner.Compute(signed, 0, signed.Length, 256, 7)), parts[2]);
            Assert.IsTrue(JwtTokens.IsCompactJwt(token.Token));
        }

        [TestMethod]
        public void NoPaddingAnywhere()
        {
            JwtTokenSource source = new JwtTokenSource(Options(JwtTokenForm.Compact), FakeSigner.Rs256(), new ManualClock(Now), new CountingRandom());
            Assert.AreEqual(-1, DeviceAuth.Tests.Encoding.TextOf.IndexOf(source.GetToken(0).Token, '='));
        }

        [TestMethod]
        public void AwsIotSigned_TokenIsHeaderDotPayload_SignatureIsStandardBase64()
        {
            ManualClock clock = new ManualClock(Now);
            AuthToken compact = new JwtTokenSource(Options(JwtTokenForm.Compact), FakeSigner.Rs256(), clock, new CountingRandom()).GetToken(0);
            AuthToken iot = new JwtTokenSource(Options(JwtTokenForm.AwsIotSigned), FakeSigner.Rs256(), clock, new CountingRandom()).GetToken(0);
            int lastDot = DeviceAuth.Tests.Encoding.TextOf.LastIndexOf(compact.Token, '.');
            Assert.AreEqual(compact.Token.Substring(0, lastDot), iot.Token);
            Assert.AreEqual(Base64Url.ToStandardBase64(compact.Token.Substring(lastDot + 1)), iot.TokenSignature);
            byte[] signed = System.Text.Encoding.UTF8.GetBytes(iot.Token);
            Assert.AreEqual(DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(FakeSigner.Compute(signed, 0, signed.Length, 256, 7)), iot.TokenSignature);
            Assert.AreEqual(compact.ExpiresAt, iot.ExpiresAt);
        }

        [TestMethod]
        public void OptionalFieldsOmitted_AndNotBeforeLeeway()
        {
            JwtOptions options = new JwtOptions("iss", "sub", "aud", 600);
            options.NotBeforeLeewaySeconds = 30;
            AuthToken token = new JwtTokenSource(options, FakeSigner.Hs256(1), new ManualClock(Now), new CountingRandom()).GetToken(0);
            string[] parts = token.Token.Split(new char[] { '.' });
            Assert.AreEqual("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", DecodePart(parts[0]));
            // iat and nbf are both back-dated (API Gateway requires both in the past); exp = mint time + lifetime.
            Assert.AreEqual("{\"iss\":\"iss\",\"sub\":\"sub\",\"aud\":\"aud\",\"iat\":1748735970,\"nbf\":1748735970,\"exp\":1748736600,\"jti\":\"AAECAwQFBgcICQoLDA0ODw\"}", DecodePart(parts[1]));
            Assert.AreEqual(UnixTime.FromSeconds(Now - 30), token.IssuedAt);
            Assert.AreEqual(UnixTime.FromSeconds(Now + 600), token.ExpiresAt);
        }

        [TestMethod]
        public void ClaimsWithSpecialCharacters_AreEscapedJson()
        {
            JwtOptions options = new JwtOptions("iss\"\\\n\u00e9", "sub", "aud", 600);
            AuthToken token = new JwtTokenSource(options, FakeSigner.Rs256(), new ManualClock(Now), new CountingRandom()).GetToken(0);
            string payload = DecodePart(token.Token.Split(new char[] { '.' })[1]);
            JsonReader reader = new JsonReader(payload);
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.AreEqual("iss", reader.GetString());
            Assert.IsTrue(reader.Read());
            Assert.AreEqual("iss\"\\\n\u00e9", reader.GetString());
        }

        [TestMethod]
        public void AwsIotSignedNeedsRs256()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new JwtTokenSource(Options(JwtTokenForm.AwsIotSigned), FakeSigner.Hs256(1), new ManualClock(Now), new CountingRandom()));
            Assert.ThrowsException(typeof(ArgumentException), () => new JwtTokenSource(Options(JwtTokenForm.Compact), new FakeSigner("ES256", 64, 1), new ManualClock(Now), new CountingRandom()));
        }

        [TestMethod]
        public void OptionsAreCopied()
        {
            JwtOptions options = Options(JwtTokenForm.Compact);
            JwtTokenSource source = new JwtTokenSource(options, FakeSigner.Rs256(), new ManualClock(Now), new CountingRandom());
            options.Form = JwtTokenForm.AwsIotSigned;
            Assert.AreEqual((int)JwtTokenForm.Compact, (int)source.Form);
            Assert.IsNull(source.GetToken(0).TokenSignature);
        }

        [TestMethod]
        public void OptionsValidation()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new JwtOptions("", "s", "a", 600));
            Assert.ThrowsException(typeof(ArgumentException), () => new JwtOptions("i", null, "a", 600));
            Assert.ThrowsException(typeof(ArgumentException), () => new JwtOptions("i", "s", "", 600));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new JwtOptions("i", "s", "a", 10));
            JwtOptions options = new JwtOptions("i", "s", "a", 600);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => options.NotBeforeLeewaySeconds = 301);
            Assert.ThrowsException(typeof(ArgumentException), () => options.KeyId = "");
        }

        [TestMethod]
        public void RefusesUnsetClock()
        {
            JwtTokenSource source = new JwtTokenSource(Options(JwtTokenForm.Compact), FakeSigner.Rs256(), new ManualClock(946684800L), new CountingRandom());
            Assert.ThrowsException(typeof(ClockNotSetException), () => source.GetToken(0));
        }
    }
}
