using System;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Http;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Lifetime;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Clients
{
    /// <summary>A transport that accepts every CONNECT and keeps the last credentials (no network).</summary>
    public sealed class AcceptingTransport : IMqttTransport
    {
        public MqttConnectCredentials LastCredentials;
        public int Connects;

        public bool IsConnected { get; private set; }

        public void SetListener(IMqttTransportListener listener)
        {
        }

        public int Connect(MqttConnectCredentials credentials, MqttProtocolLevel protocolLevel, bool cleanSession, int keepAliveSeconds)
        {
            Connects++;
            LastCredentials = credentials;
            IsConnected = true;
            return 0;
        }

        public void Subscribe(string[] topics, byte[] qosLevels)
        {
        }

        public void Unsubscribe(string[] topics)
        {
        }

        public void Publish(string topic, byte[] payload, byte qos, bool retain)
        {
        }

        public void Disconnect()
        {
            IsConnected = false;
        }
    }

    /// <summary>
    /// The device clients on the device subset (these also run in the nanoFramework emulator): the
    /// documented defaults, a first CONNECT equal to what the parts compose by hand, and the refusals
    /// that must happen before any I/O. The full equivalence runs are host tests (HostTests/Clients).
    /// </summary>
    [TestClass]
    public class DeviceClientTests
    {
        private static ServiceEndpoint Domain()
        {
            return ServiceEndpoint.IotDomainConfiguration("mqtt.example.com", IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt);
        }

        private static VirtualTime Time()
        {
            return new VirtualTime(UnixTime.FromSeconds(1772352000), 1000); // 2026-03-01T08:00:00Z
        }

        [TestMethod]
        public void MqttOptions_Defaults_AreTheDocumentedOnes()
        {
            CustomAuthMqttOptions options = CustomAuthMqttOptions.ForSignedTokens(Domain(), "thing-42", "device-authorizer", "token", FakeSigner.Rs256());
            Assert.AreEqual(8883, options.Port);
            Assert.AreEqual(3600, options.TokenLifetimeSeconds);
            Assert.AreEqual(3600, options.RefreshAfterInSeconds);
            Assert.AreEqual(86400, options.DisconnectAfterInSeconds);
            Assert.AreEqual(15, options.ExpectedSigningSeconds);
            Assert.AreEqual(60, options.ClockSkewSeconds);
            Assert.AreEqual(60, options.KeepAliveSeconds);
            Assert.AreEqual(32, options.QueueCapacityMessages);
            Assert.AreEqual(16384, options.QueueCapacityBytes);
            Assert.IsTrue(options.TokenPlacement == MqttTokenPlacement.UsernameParameter);
            Assert.AreEqual(string.Empty, options.UsernamePrefix);
            Assert.IsNull(options.CaCertificate);
            Assert.AreEqual("mqtts://mqtt.example.com:8883", options.Target.ToString());
        }

        [TestMethod]
        public void HttpOptions_Defaults_AreTheDocumentedOnes()
        {
            CustomAuthHttpOptions iot = CustomAuthHttpOptions.ForHmacTokens(ServiceEndpoint.IotDefaultDataEndpoint("a1-ats.iot.eu-west-1.amazonaws.com"), "thing-42", "device-authorizer", "token", FakeSigner.Hs256(1));
            Assert.AreEqual(3600, iot.TokenLifetimeSeconds);
            Assert.AreEqual(15, iot.ExpectedSigningSeconds);
            Assert.AreEqual(60, iot.ClockSkewSeconds);
            Assert.AreEqual(3, iot.MaxAttempts);
            Assert.AreEqual(60, iot.MaxRetryAfterSeconds);
            Assert.IsTrue(iot.Placement == AwsIotHttpPlacement.Headers);
            Assert.IsTrue(iot.SigningDisabled);
            ApiGatewayOptions api = ApiGatewayOptions.ForJwtSource(ServiceEndpoint.ApiGateway("abc.execute-api.eu-west-1.amazonaws.com"), new StaticTokenSource("a.b.c", null));
            Assert.AreEqual("$request.header.Authorization", api.JwtIdentitySource);
            Assert.IsFalse(api.IsRequestAuthorizer);
        }

        [TestMethod]
        public void MqttClient_FirstConnect_CarriesWhatThePartsComposeByHand()
        {
            VirtualTime time = Time();
            AcceptingTransport transport = new AcceptingTransport();
            CustomAuthMqttOptions options = CustomAuthMqttOptions.ForSignedTokens(Domain(), "thing-42", "device-authorizer", "token", FakeSigner.Rs256());
            CustomAuthMqttClient client = new CustomAuthMqttClient(options, transport, time, time, new SystemRandomSource(3));
            Assert.AreEqual(0, transport.Connects);

            client.Session.Start();
            client.Session.Tick();
            Assert.AreEqual(1, transport.Connects);
            Assert.IsTrue(client.State == MqttSessionState.Connected);

            AuthToken token = client.Tokens.GetToken(0);
            MqttConnectCredentials expected = new AwsIotMqttAuthorization("device-authorizer", "token", false, time).Compose(token, "thing-42");
            Assert.AreEqual(expected.ClientId, transport.LastCredentials.ClientId);
            Assert.AreEqual(expected.Username, transport.LastCredentials.Username);
            Assert.IsNull(transport.LastCredentials.Password);
            Assert.IsTrue(AsciiStartsWith(token.Token, "ds1.thing-42."));
        }

        [TestMethod]
        public void MqttOptions_OnTheDefaultDataEndpoint_AreRefused()
        {
            Assert.ThrowsException(typeof(UnsupportedEndpointException), () => CustomAuthMqttOptions.ForSignedTokens(ServiceEndpoint.IotDefaultDataEndpoint("a1-ats.iot.eu-west-1.amazonaws.com"), "thing-42", "a", "token", FakeSigner.Rs256()));
        }

        [TestMethod]
        public void MqttClient_WithAnEmptyUsername_IsRefused_BeforeAnyConnect()
        {
            VirtualTime time = Time();
            AcceptingTransport transport = new AcceptingTransport();
            CustomAuthMqttOptions options = CustomAuthMqttOptions.ForHmacTokens(Domain(), "thing-42", null, null, FakeSigner.Hs256(1));
            Assert.ThrowsException(typeof(CredentialFormatException), () => new CustomAuthMqttClient(options, transport, time, time, new SystemRandomSource(3)));
            Assert.AreEqual(0, transport.Connects);
        }

        [TestMethod]
        public void MqttClient_WithTokensTooShortForAConnect_IsRefused()
        {
            VirtualTime time = Time();
            CustomAuthMqttOptions options = CustomAuthMqttOptions.ForSignedTokens(Domain(), "thing-42", "a", "token", FakeSigner.Rs256());
            options.TokenLifetimeSeconds = 120;
            Assert.ThrowsException(typeof(ArgumentException), () => new CustomAuthMqttClient(options, new AcceptingTransport(), time, time, new SystemRandomSource(3)));
        }

        [TestMethod]
        public void ApiGatewayOptions_UnmappedIdentitySource_IsRefusedByValidate()
        {
            ApiGatewayOptions options = ApiGatewayOptions.ForRequestSignedTokens(ServiceEndpoint.ApiGateway("abc.execute-api.eu-west-1.amazonaws.com"), new string[] { "$request.header.x-device-token" }, "thing-42", FakeSigner.Rs256());
            Assert.ThrowsException(typeof(CredentialFormatException), () => options.Validate());
            options.MapToken("$request.header.x-device-token");
            options.Validate();
        }

        private static bool AsciiStartsWith(string s, string prefix)
        {
            return DeviceAuth.Encoding.AsciiText.StartsWithOrdinal(s, prefix);
        }
    }
}
