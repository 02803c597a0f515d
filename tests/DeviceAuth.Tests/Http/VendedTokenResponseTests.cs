using System;
using DeviceAuth.Http;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Http
{
    [TestClass]
    public class VendedTokenResponseTests
    {
        private static readonly DateTime Now = new DateTime(2026, 3, 1, 8, 0, 0);

        [TestMethod]
        public void UnixSecondsExpiry_AndSignature()
        {
            // 1772355600 = 2026-03-01T09:00:00Z
            AuthToken token = VendedTokenResponse.Parse("{\"token\":\"abc.def\",\"tokenSignature\":\"c2ln+/=\",\"expiresAt\":1772355600,\"extra\":{\"a\":[1,2]}}", Now);
            Assert.AreEqual("abc.def", token.Token);
            Assert.AreEqual("c2ln+/=", token.TokenSignature);
            Assert.AreEqual(new DateTime(2026, 3, 1, 9, 0, 0).Ticks, token.ExpiresAt.Ticks);
            Assert.AreEqual(Now.Ticks, token.IssuedAt.Ticks);
        }

        [TestMethod]
        public void Rfc3339Expiry_NullSignature()
        {
            AuthToken token = VendedTokenResponse.Parse(" { \"expiresAt\" : \"2026-03-01T08:30:00.250Z\", \"token\" : \"t\", \"tokenSignature\" : null } ", Now);
            Assert.IsNull(token.TokenSignature);
            Assert.AreEqual(new DateTime(2026, 3, 1, 8, 30, 0).Ticks + 2500000, token.ExpiresAt.Ticks);
        }

        [TestMethod]
        [DataRow("[]")]
        [DataRow("{}")]
        [DataRow("{\"token\":\"t\"}")]
        [DataRow("{\"token\":\"\",\"expiresAt\":1772355600}")]
        [DataRow("{\"token\":5,\"expiresAt\":1772355600}")]
        [DataRow("{\"token\":\"t\",\"token\":\"u\",\"expiresAt\":1772355600}")]
        [DataRow("{\"token\":\"t\",\"expiresAt\":1772355600.5}")]
        [DataRow("{\"token\":\"t\",\"expiresAt\":\"2026-03-01 09:00:00\"}")]
        [DataRow("{\"token\":\"t\",\"expiresAt\":\"2026-03-01T09:00:00+01:00\"}")]
        [DataRow("{\"token\":\"t\",\"expiresAt\":\"2026-02-30T09:00:00Z\"}")]
        [DataRow("{\"token\":\"t\",\"expiresAt\":1772352000}")]
        [DataRow("{\"token\":\"t\",\"expiresAt\":1772355600} x")]
        [DataRow("{\"token\":\"t\",\"tokenSignature\":7,\"expiresAt\":1772355600}")]
        [DataRow("{\"token\":\"t\",\"expiresAt\":1772355600000}")]
        [DataRow("{\"token\":\"t\",\"expiresAt\":-1}")]
        public void MalformedOrExpired_IsRejected(string json)
        {
            Assert.ThrowsException(typeof(FormatException), () => VendedTokenResponse.Parse(json, Now));
        }

        [TestMethod]
        public void Errors_NeverQuoteTheToken()
        {
            try
            {
                VendedTokenResponse.Parse("{\"token\":\"SECRET-TOKEN\",\"expiresAt\":1}", Now);
                Assert.IsTrue(false, "expected an exception");
            }
            catch (FormatException e)
            {
                Assert.IsFalse(DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(e.Message, "SECRET") >= 0);
            }
        }
    }
}
