using System;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Tokens
{
    [TestClass]
    public class CompactClaimsTests
    {
        [TestMethod]
        public void Build_ProducesTheDocumentedLayout()
        {
            string s = CompactClaims.Build("ds1", "thing:01_A-b", 1748736000L, 1748739600L, "AAECAwQFBgcICQoL");
            Assert.AreEqual("ds1.thing:01_A-b.1748736000.1748739600.AAECAwQFBgcICQoL", s);
        }

        [TestMethod]
        public void Parse_RoundTrip()
        {
            CompactClaims c = CompactClaims.Parse("hm1.dev.0.1.abcdefgh");
            Assert.AreEqual("hm1", c.Format);
            Assert.AreEqual("dev", c.DeviceId);
            Assert.AreEqual(0L, c.IssuedAtSeconds);
            Assert.AreEqual(1L, c.ExpiresAtSeconds);
            Assert.AreEqual("abcdefgh", c.Nonce);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("ds1.dev.1.2")]
        [DataRow("ds1.dev.1.2.abcdefgh.x")]
        [DataRow("xx1.dev.1.2.abcdefgh")]
        [DataRow("DS1.dev.1.2.abcdefgh")]
        [DataRow("ds1..1.2.abcdefgh")]
        [DataRow("ds1.dev ice.1.2.abcdefgh")]
        [DataRow("ds1.dev.01.2.abcdefgh")]
        [DataRow("ds1.dev.1.+2.abcdefgh")]
        [DataRow("ds1.dev.-1.2.abcdefgh")]
        [DataRow("ds1.dev.2.2.abcdefgh")]
        [DataRow("ds1.dev.3.2.abcdefgh")]
        [DataRow("ds1.dev.1.1234567890123.abcdefgh")]
        [DataRow("ds1.dev.1.2.abcdefg")]
        [DataRow("ds1.dev.1.2.abcdefg=")]
        [DataRow("ds1.dev.1.2.abcd+fgh")]
        [DataRow("ds1.dev.1.2.")]
        public void Parse_RejectsMalformed(string s)
        {
            Assert.IsNull(CompactClaims.TryParse(s));
            Assert.ThrowsException(typeof(FormatException), () => CompactClaims.Parse(s));
        }

        [TestMethod]
        public void Parse_RejectsTooLongDeviceIdAndNonce()
        {
            string id129 = new string('a', 129);
            Assert.IsNull(CompactClaims.TryParse("ds1." + id129 + ".1.2.abcdefgh"));
            Assert.IsNotNull(CompactClaims.TryParse("ds1." + new string('a', 128) + ".1.2.abcdefgh"));
            Assert.IsNull(CompactClaims.TryParse("ds1.dev.1.2." + new string('n', 65)));
        }

        [TestMethod]
        public void Parse_MessageDoesNotQuoteTheInput()
        {
            try
            {
                CompactClaims.Parse("SECRET.x");
                Assert.IsTrue(false, "no exception");
            }
            catch (FormatException e)
            {
                Assert.DoesNotContains("SECRET", e.Message);
            }
        }

        [TestMethod]
        [DataRow("dev/1")]
        [DataRow("dev.1")]
        [DataRow("")]
        [DataRow("d\u00e9v")]
        public void Build_RejectsInvalidDeviceIds(string deviceId)
        {
            Assert.ThrowsException(typeof(ArgumentException), () => CompactClaims.Build("ds1", deviceId, 1, 2, "abcdefgh"));
        }

        [TestMethod]
        public void CheckTimes_Statuses()
        {
            CompactClaims c = CompactClaims.Parse("ds1.dev.1000.2000.abcdefgh");
            Assert.AreEqual((int)TokenVerificationStatus.Valid, (int)c.CheckTimes(UnixTime.FromSeconds(1000), 3600, 0));
            Assert.AreEqual((int)TokenVerificationStatus.Valid, (int)c.CheckTimes(UnixTime.FromSeconds(1999), 3600, 0));
            Assert.AreEqual((int)TokenVerificationStatus.Expired, (int)c.CheckTimes(UnixTime.FromSeconds(2000), 3600, 0));
            Assert.AreEqual((int)TokenVerificationStatus.Valid, (int)c.CheckTimes(UnixTime.FromSeconds(2029), 3600, 30));
            Assert.AreEqual((int)TokenVerificationStatus.Expired, (int)c.CheckTimes(UnixTime.FromSeconds(2030), 3600, 30));
            Assert.AreEqual((int)TokenVerificationStatus.NotYetValid, (int)c.CheckTimes(UnixTime.FromSeconds(999), 3600, 0));
            Assert.AreEqual((int)TokenVerificationStatus.Valid, (int)c.CheckTimes(UnixTime.FromSeconds(970), 3600, 30));
            Assert.AreEqual((int)TokenVerificationStatus.LifetimeTooLong, (int)c.CheckTimes(UnixTime.FromSeconds(1500), 999, 0));
        }

        [TestMethod]
        public void DeviceSignedToken_VerifyClaims()
        {
            TokenVerificationResult ok = DeviceSignedToken.VerifyClaims("ds1.dev.1000.2000.abcdefgh", UnixTime.FromSeconds(1500), 3600, 0);
            Assert.IsTrue(ok.IsValid);
            Assert.AreEqual("dev", ok.Claims.DeviceId);
            TokenVerificationResult hmacFormat = DeviceSignedToken.VerifyClaims("hm1.dev.1000.2000.abcdefgh", UnixTime.FromSeconds(1500), 3600, 0);
            Assert.AreEqual((int)TokenVerificationStatus.Malformed, (int)hmacFormat.Status);
            Assert.IsNull(hmacFormat.Claims);
        }
    }
}
