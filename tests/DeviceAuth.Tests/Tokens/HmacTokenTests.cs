using System;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Tokens
{
    [TestClass]
    public class HmacTokenTests
    {
        private const long Now = 1748736000L;

        private static string Valid()
        {
            return HmacToken.Create(FakeSigner.Hs256(42), "device-1", Now, Now + 3600, "AAECAwQFBgcICQoL");
        }

        [TestMethod]
        public void Create_Layout()
        {
            string token = Valid();
            Assert.StartsWith("hm1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL.", token);
            Assert.AreEqual("hm1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL.".Length + 43, token.Length);
        }

        [TestMethod]
        public void Verify_Valid()
        {
            TokenVerificationResult r = HmacToken.Verify(Valid(), FakeSigner.Hs256(42), UnixTime.FromSeconds(Now + 10), 3600, 60);
            Assert.IsTrue(r.IsValid);
            Assert.AreEqual("device-1", r.Claims.DeviceId);
            Assert.AreEqual(Now + 3600, r.Claims.ExpiresAtSeconds);
        }

        [TestMethod]
        public void Verify_WrongSecret_IsBadSignature()
        {
            TokenVerificationResult r = HmacToken.Verify(Valid(), FakeSigner.Hs256(43), UnixTime.FromSeconds(Now), 3600, 60);
            Assert.AreEqual((int)TokenVerificationStatus.BadSignature, (int)r.Status);
            Assert.IsFalse(r.IsValid);
        }

        // Changing any claim (device id, iat, exp, nonce) invalidates the MAC.
        [TestMethod]
        [DataRow("hm1.device-2.1748736000.1748739600.AAECAwQFBgcICQoL")]
        [DataRow("hm1.device-1.1748736001.1748739600.AAECAwQFBgcICQoL")]
        [DataRow("hm1.device-1.1748736000.1748743200.AAECAwQFBgcICQoL")]
        [DataRow("hm1.device-1.1748736000.1748739600.AAECAwQFBgcICQoM")]
        public void Verify_TamperedClaims_AreBadSignature(string tamperedClaims)
        {
            string token = Valid();
            string mac = token.Substring(token.Length - 43);
            TokenVerificationResult r = HmacToken.Verify(tamperedClaims + "." + mac, FakeSigner.Hs256(42), UnixTime.FromSeconds(Now), 7200, 60);
            Assert.AreEqual((int)TokenVerificationStatus.BadSignature, (int)r.Status);
        }

        [TestMethod]
        public void Verify_Times()
        {
            string token = Valid();
            FakeSigner key = FakeSigner.Hs256(42);
            Assert.AreEqual((int)TokenVerificationStatus.Expired, (int)HmacToken.Verify(token, key, UnixTime.FromSeconds(Now + 3600), 3600, 0).Status);
            Assert.AreEqual((int)TokenVerificationStatus.NotYetValid, (int)HmacToken.Verify(token, key, UnixTime.FromSeconds(Now - 61), 3600, 60).Status);
            Assert.AreEqual((int)TokenVerificationStatus.LifetimeTooLong, (int)HmacToken.Verify(token, key, UnixTime.FromSeconds(Now), 3599, 60).Status);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("hm1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL")]
        [DataRow("ds1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
        [DataRow("hm1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
        [DataRow("hm1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
        [DataRow("hm1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")]
        [DataRow("hm1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
        public void Verify_Malformed(string token)
        {
            TokenVerificationResult r = HmacToken.Verify(token, FakeSigner.Hs256(42), UnixTime.FromSeconds(Now), 3600, 60);
            Assert.AreEqual((int)TokenVerificationStatus.Malformed, (int)r.Status);
            Assert.IsNull(r.Claims);
        }

        [TestMethod]
        public void PeekDeviceId_ForSecretLookup()
        {
            Assert.AreEqual("device-1", HmacToken.PeekDeviceId(Valid()));
            Assert.IsNull(HmacToken.PeekDeviceId("garbage"));
        }

        [TestMethod]
        public void RequiresAnHs256Signer()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => HmacToken.Verify(Valid(), FakeSigner.Rs256(), UnixTime.FromSeconds(Now), 3600, 60));
            Assert.ThrowsException(typeof(ArgumentException), () => HmacToken.Create(FakeSigner.Rs256(), "d", 1, 2, "abcdefgh"));
            Assert.ThrowsException(typeof(ArgumentException), () => new HmacTokenSource("d", FakeSigner.Rs256(), new ManualClock(Now), new CountingRandom(), 3600));
        }

        [TestMethod]
        public void Source_MintsUnsignedTokensThatVerify()
        {
            ManualClock clock = new ManualClock(Now);
            HmacTokenSource source = new HmacTokenSource("device-1", FakeSigner.Hs256(42), clock, new CountingRandom(), 900);
            AuthToken token = source.GetToken(0);
            Assert.IsNull(token.TokenSignature);
            Assert.AreEqual("hm1.device-1.1748736000.1748736900.AAECAwQFBgcICQoL.", token.Token.Substring(0, token.Token.Length - 43));
            Assert.AreEqual(Now + 900, UnixTime.ToSeconds(token.ExpiresAt));
            Assert.IsTrue(HmacToken.Verify(token.Token, FakeSigner.Hs256(42), clock.UtcNow, 900, 0).IsValid);
        }

        [TestMethod]
        public void Source_RefusesUnsetClock()
        {
            HmacTokenSource source = new HmacTokenSource("device-1", FakeSigner.Hs256(42), new ManualClock(0L), new CountingRandom(), 900);
            Assert.ThrowsException(typeof(ClockNotSetException), () => source.GetToken(0));
        }
    }
}
