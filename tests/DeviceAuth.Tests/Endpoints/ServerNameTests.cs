using System;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Endpoints
{
    [TestClass]
    public class ServerNameTests
    {
        [TestMethod]
        [DataRow("a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com")]
        [DataRow("iot.example.com")]
        [DataRow("localhost")]
        [DataRow("xn--bcher-kva.example")]
        [DataRow("a.b-c.d")]
        [DataRow("1a.example.com")]
        [DataRow("EXAMPLE.COM")]
        public void Valid(string host)
        {
            Assert.IsTrue(ServerName.IsValid(host));
            ServerName.Validate(host);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("example.com.")]
        [DataRow(".example.com")]
        [DataRow("a..b")]
        [DataRow("-a.example.com")]
        [DataRow("a-.example.com")]
        [DataRow("under_score.example.com")]
        [DataRow("space .example.com")]
        [DataRow("b\u00fccher.example")]
        [DataRow("10.0.0.1")]
        [DataRow("192.168.1.1")]
        [DataRow("[::1]")]
        [DataRow("host:8883")]
        [DataRow("https://host")]
        public void Invalid(string host)
        {
            Assert.IsFalse(ServerName.IsValid(host));
            try
            {
                ServerName.Validate(host);
                Assert.IsTrue(false, "no exception");
            }
            catch (CredentialFormatException e)
            {
                Assert.AreEqual((int)CredentialFormatReason.InvalidServerName, (int)e.Reason);
            }
        }

        [TestMethod]
        public void Lengths()
        {
            string label63 = new string('a', 63);
            Assert.IsTrue(ServerName.IsValid(label63 + ".com"));
            Assert.IsFalse(ServerName.IsValid(new string('a', 64) + ".com"));
            // 253 characters: 63.63.63.61
            string max = label63 + "." + label63 + "." + label63 + "." + new string('b', 61);
            Assert.AreEqual(253, max.Length);
            Assert.IsTrue(ServerName.IsValid(max));
            Assert.IsFalse(ServerName.IsValid(max + "b"));
            Assert.IsFalse(ServerName.IsValid(null));
        }
    }
}
