using System;
using DeviceAuth.Encoding;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Tokens
{
    [TestClass]
    public class DeviceSignedTokenSourceTests
    {
        private const long Now = 1748736000L;

        [TestMethod]
        public void Token_IsTheCompactClaimString_SignatureIsStandardBase64OfItsSignature()
        {
            DeviceSignedTokenSource source = new DeviceSignedTokenSource("device-1", FakeSigner.Rs256(), new ManualClock(Now), new CountingRandom(), 3600);
            AuthToken token = source.GetToken(0);
            Assert.AreEqual("ds1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL", token.Token);
            byte[] data = System.Text.Encoding.UTF8.GetBytes(token.Token);
            byte[] expected = FakeSigner.Compute(data, 0, data.Length, 256, 7);
            Assert.AreEqual(DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(expected), token.TokenSignature);
            Assert.AreEqual(344, token.TokenSignature.Length);
        }

        [TestMethod]
        public void SuccessiveTokens_HaveFreshNonces()
        {
            ManualClock clock = new ManualClock(Now);
            DeviceSignedTokenSource source = new DeviceSignedTokenSource("device-1", FakeSigner.Rs256(), clock, new CountingRandom(), 3600);
            string first = source.GetToken(0).Token;
            string second = source.Renew().Token;
            Assert.AreEqual("ds1.device-1.1748736000.1748739600.DA0ODxAREhMUFRYX", second);
            Assert.AreNotEqual(first, second);
        }

        [TestMethod]
        public void RejectsNonRsaSigner()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new DeviceSignedTokenSource("device-1", FakeSigner.Hs256(1), new ManualClock(Now), new CountingRandom(), 3600));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("device.1")]
        [DataRow("device 1")]
        [DataRow("device/1")]
        public void RejectsInvalidDeviceId(string deviceId)
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new DeviceSignedTokenSource(deviceId, FakeSigner.Rs256(), new ManualClock(Now), new CountingRandom(), 3600));
        }

        [TestMethod]
        public void RejectsNullCollaborators()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => new DeviceSignedTokenSource("d", null, new ManualClock(Now), new CountingRandom(), 3600));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new DeviceSignedTokenSource("d", FakeSigner.Rs256(), null, new CountingRandom(), 3600));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new DeviceSignedTokenSource("d", FakeSigner.Rs256(), new ManualClock(Now), null, 3600));
        }
    }
}
