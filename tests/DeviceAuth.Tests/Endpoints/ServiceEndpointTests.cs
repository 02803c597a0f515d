using System;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Endpoints
{
    [TestClass]
    public class ServiceEndpointTests
    {
        private const string DataEndpoint = "a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com";
        private const string Domain = "mqtt.devices.example.com";

        private static void Unsupported(ServiceEndpoint endpoint, TransportProtocol transport, int port, string mustMention)
        {
            try
            {
                endpoint.Resolve(transport, port);
                Assert.IsTrue(false, "no exception");
            }
            catch (UnsupportedEndpointException e)
            {
                Assert.AreEqual(port, e.Port);
                Assert.AreEqual((int)transport, (int)e.Transport);
                Assert.Contains(mustMention, e.Message);
            }
        }

        // CUSTOM-AUTH pitfall 2: raw MQTT with custom auth on the default endpoint needs ALPN 'mqtt',
        // which nanoFramework cannot send: refused at configuration time with the fix spelled out.
        [TestMethod]
        [DataRow(443)]
        [DataRow(8883)]
        public void Pitfall2_DefaultEndpoint_Mqtt_RefusedWithTheFix(int port)
        {
            ServiceEndpoint endpoint = ServiceEndpoint.IotDefaultDataEndpoint(DataEndpoint);
            Unsupported(endpoint, TransportProtocol.Mqtt, port, "authenticationType CUSTOM_AUTH and applicationProtocol SECURE_MQTT");
            Unsupported(endpoint, TransportProtocol.Mqtt, port, "ALPN");
        }

        [TestMethod]
        public void DefaultEndpoint_HttpsAndWebSockets_On443()
        {
            ServiceEndpoint endpoint = ServiceEndpoint.IotDefaultDataEndpoint(DataEndpoint);
            ConnectionTarget https = endpoint.Resolve(TransportProtocol.Https);
            Assert.AreEqual(DataEndpoint, https.ServerName);
            Assert.AreEqual(443, https.Port);
            Assert.IsNull(https.Path);
            Assert.IsFalse(https.RequiresAlpn);
            ConnectionTarget wss = endpoint.Resolve(TransportProtocol.MqttOverWebSockets);
            Assert.AreEqual("/mqtt", wss.Path);
            Assert.AreEqual("wss://" + DataEndpoint + ":443/mqtt", wss.ToString());
            Unsupported(endpoint, TransportProtocol.Https, 8443, "443");
        }

        [TestMethod]
        [DataRow(8883)]
        [DataRow(443)]
        public void CustomAuthSecureMqttDomain_ReachedBySniAlone(int port)
        {
            ServiceEndpoint endpoint = ServiceEndpoint.IotDomainConfiguration(Domain, IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt);
            ConnectionTarget target = endpoint.Resolve(TransportProtocol.Mqtt, port);
            Assert.AreEqual(Domain, target.ServerName);
            Assert.AreEqual(port, target.Port);
            Assert.IsFalse(target.RequiresAlpn);
            Assert.IsFalse(target.RequiresClientCertificate);
            Assert.AreEqual(8883, endpoint.Resolve(TransportProtocol.Mqtt).Port);
        }

        [TestMethod]
        public void CustomAuthSecureMqttDomain_OtherPortsAndProtocols_Refused()
        {
            ServiceEndpoint endpoint = ServiceEndpoint.IotDomainConfiguration(Domain, IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt);
            Unsupported(endpoint, TransportProtocol.Mqtt, 1883, "8883");
            Unsupported(endpoint, TransportProtocol.Https, 443, "SECURE_MQTT");
            Unsupported(endpoint, TransportProtocol.MqttOverWebSockets, 443, "MQTT_WSS");
        }

        [TestMethod]
        public void DomainWithDefaultProtocol_MqttRefused_HttpsAllowed()
        {
            ServiceEndpoint endpoint = ServiceEndpoint.IotDomainConfiguration(Domain, IotAuthenticationType.CustomAuth, IotApplicationProtocol.Default);
            Unsupported(endpoint, TransportProtocol.Mqtt, 443, "applicationProtocol SECURE_MQTT");
            Assert.AreEqual(443, endpoint.Resolve(TransportProtocol.Https).Port);
        }

        [TestMethod]
        public void DomainWithDefaultAuth_SecureMqtt_Refused()
        {
            ServiceEndpoint endpoint = ServiceEndpoint.IotDomainConfiguration(Domain, IotAuthenticationType.Default, IotApplicationProtocol.SecureMqtt);
            Unsupported(endpoint, TransportProtocol.Mqtt, 8883, "CUSTOM_AUTH");
        }

        [TestMethod]
        [DataRow(3)]
        [DataRow(4)]
        public void NonCustomAuthDomains_Refused(int authenticationType)
        {
            ServiceEndpoint endpoint = ServiceEndpoint.IotDomainConfiguration(Domain, (IotAuthenticationType)authenticationType, IotApplicationProtocol.Https);
            Unsupported(endpoint, TransportProtocol.Https, 443, "CUSTOM_AUTH");
        }

        [TestMethod]
        public void CustomAuthX509_MqttNeedsClientCertificate_HttpsImpossible()
        {
            ServiceEndpoint mqtt = ServiceEndpoint.IotDomainConfiguration(Domain, IotAuthenticationType.CustomAuthX509, IotApplicationProtocol.SecureMqtt);
            Assert.IsTrue(mqtt.Resolve(TransportProtocol.Mqtt).RequiresClientCertificate);
            ServiceEndpoint https = ServiceEndpoint.IotDomainConfiguration(Domain, IotAuthenticationType.CustomAuthX509, IotApplicationProtocol.Https);
            Unsupported(https, TransportProtocol.Https, 443, "client certificate");
        }

        [TestMethod]
        public void HttpsAndWssDomains()
        {
            Assert.AreEqual(443, ServiceEndpoint.IotDomainConfiguration(Domain, IotAuthenticationType.CustomAuth, IotApplicationProtocol.Https).Resolve(TransportProtocol.Https).Port);
            Assert.AreEqual("/mqtt", ServiceEndpoint.IotDomainConfiguration(Domain, IotAuthenticationType.CustomAuth, IotApplicationProtocol.MqttWss).Resolve(TransportProtocol.MqttOverWebSockets).Path);
        }

        [TestMethod]
        public void ApiGateway_HttpsOn443Only()
        {
            ServiceEndpoint endpoint = ServiceEndpoint.ApiGateway("abc123.execute-api.eu-west-1.amazonaws.com");
            Assert.AreEqual("https://abc123.execute-api.eu-west-1.amazonaws.com:443", endpoint.Resolve(TransportProtocol.Https).ToString());
            Unsupported(endpoint, TransportProtocol.Mqtt, 8883, "HTTPS");
            Unsupported(endpoint, TransportProtocol.Https, 8443, "443");
        }

        [TestMethod]
        public void HostNameValidatedAsSni()
        {
            Assert.ThrowsException(typeof(CredentialFormatException), () => ServiceEndpoint.IotDefaultDataEndpoint("10.1.2.3"));
            Assert.ThrowsException(typeof(CredentialFormatException), () => ServiceEndpoint.ApiGateway(new string('a', 254)));
            Assert.ThrowsException(typeof(CredentialFormatException), () => ServiceEndpoint.IotDomainConfiguration("bad_host.example", IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt));
        }

        [TestMethod]
        public void PortRange()
        {
            ServiceEndpoint endpoint = ServiceEndpoint.IotDefaultDataEndpoint(DataEndpoint);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => endpoint.Resolve(TransportProtocol.Https, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => endpoint.Resolve(TransportProtocol.Https, 65536));
        }
    }
}
