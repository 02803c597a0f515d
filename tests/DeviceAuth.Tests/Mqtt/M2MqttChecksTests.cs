using System;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Mqtt;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Mqtt
{
    [TestClass]
    public class M2MqttChecksTests
    {
        [TestMethod]
        public void Utf8Password_BecomesTheSameText()
        {
            byte[] password = new byte[] { 0x73, 0x69, 0x67, 0x3D, 0xC3, 0xA9, 0xE2, 0x82, 0xAC };
            string text = M2MqttChecks.PasswordText(new MqttConnectCredentials("c", "u", password));
            Assert.AreEqual("sig=\u00e9\u20ac", text);
        }

        [TestMethod]
        public void NoPassword_IsNull_WithOrWithoutUsername()
        {
            Assert.IsNull(M2MqttChecks.PasswordText(new MqttConnectCredentials("c", "u", null)));
            Assert.IsNull(M2MqttChecks.PasswordText(new MqttConnectCredentials("c", null, null)));
        }

        // The bytes are given as hex: the device's attribute parser accepts only numbers and strings
        // in a [DataRow] (an array there stops the whole test run), and the bridge refuses the rest.
        [TestMethod]
        [DataRow("FF")]
        [DataRow("61C3")]
        [DataRow("C0AF")]
        [DataRow("EDA080")]
        public void NonUtf8Password_IsRefused_WithoutQuotingIt(string passwordHex)
        {
            byte[] password = DeviceAuth.Tests.Crypto.CryptoTestHelpers.FromHex(passwordHex);
            try
            {
                M2MqttChecks.PasswordText(new MqttConnectCredentials("c", "u", password));
                Assert.IsTrue(false, "expected an exception");
            }
            catch (ArgumentException e)
            {
                Assert.IsTrue(DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(e.Message, "UTF-8") >= 0);
            }
        }

        [TestMethod]
        public void Password_WithoutUsername_IsRefused()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => M2MqttChecks.PasswordText(new MqttConnectCredentials("c", string.Empty, new byte[] { 0x61 })));
            Assert.ThrowsException(typeof(ArgumentException), () => M2MqttChecks.PasswordText(new MqttConnectCredentials("c", null, new byte[0])));
        }

        [TestMethod]
        public void Target_ForSecureMqttCustomAuth_GivesItsServerName()
        {
            ConnectionTarget target = ServiceEndpoint.IotDomainConfiguration("iot.example.com", IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt).Resolve(TransportProtocol.Mqtt);
            Assert.AreEqual("iot.example.com", M2MqttChecks.ServerNameFor(target));
            Assert.AreEqual(8883, target.Port);
        }

        [TestMethod]
        public void Target_NotMqtt_OrNeedingAClientCertificate_IsRefused()
        {
            ConnectionTarget https = ServiceEndpoint.IotDomainConfiguration("iot.example.com", IotAuthenticationType.CustomAuth, IotApplicationProtocol.Https).Resolve(TransportProtocol.Https);
            Assert.ThrowsException(typeof(ArgumentException), () => M2MqttChecks.ServerNameFor(https));
            Assert.ThrowsException(typeof(ArgumentNullException), () => M2MqttChecks.ServerNameFor(null));
            ConnectionTarget x509 = ServiceEndpoint.IotDomainConfiguration("iot.example.com", IotAuthenticationType.CustomAuthX509, IotApplicationProtocol.SecureMqtt).Resolve(TransportProtocol.Mqtt);
            Assert.IsTrue(x509.RequiresClientCertificate);
            Assert.ThrowsException(typeof(NotSupportedException), () => M2MqttChecks.ServerNameFor(x509));
        }
    }
}
