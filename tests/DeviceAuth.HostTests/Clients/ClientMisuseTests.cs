using System;
using System.Net.Http;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.Http;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Lifetime;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Clients
{
    /// <summary>
    /// Every configuration of the device clients that cannot work fails in a factory, a setter or the
    /// client's constructor (before any transport call or request), with the specific exception type, a
    /// message that names the setting, the rule and the fix, and no token, signature or secret in it.
    /// </summary>
    public class ClientMisuseTests
    {
        private const string Thing = "thing-42";
        private const string Secret = "c2VjcmV0LXNpZ25hdHVyZS12YWx1ZQ==";
        private const string SecretToken = "secret-token-value";

        private static readonly ServiceEndpoint Domain = ServiceEndpoint.IotDomainConfiguration("mqtt.example.com", IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt);
        private static readonly ServiceEndpoint Iot = ServiceEndpoint.IotDefaultDataEndpoint("a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com");
        private static readonly ServiceEndpoint Api = ServiceEndpoint.ApiGateway("abc123.execute-api.eu-west-1.amazonaws.com");

        private static T Throws<T>(Action act, string fragment)
            where T : Exception
        {
            T e = Assert.Throws<T>(act);
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretToken, e.Message, StringComparison.Ordinal);
            return e;
        }

        private static CustomAuthMqttOptions Signed() => CustomAuthMqttOptions.ForSignedTokens(Domain, Thing, "device-authorizer", "token", FakeSigner.Rs256());

        /// <summary>Builds the MQTT client over a broker that counts every call: a failure must leave it untouched.</summary>
        private static void BuildMqtt(CustomAuthMqttOptions options)
        {
            var time = new VirtualTime(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), 0);
            var broker = new RecordingBroker(time);
            try
            {
                new CustomAuthMqttClient(options, broker, time, time, new SystemRandomSource(1));
            }
            finally
            {
                Assert.Equal(0, broker.Calls);
            }
        }

        /// <summary>Builds an HTTP client over a handler that counts every request: a failure must send none.</summary>
        private static void BuildHttp(AuthorizedHttpOptions options)
        {
            var world = new HttpRecordingWorld();
            try
            {
                if (options is ApiGatewayOptions api)
                {
                    new ApiGatewayClient(api, world.Client, world.Time, world.Time, new SystemRandomSource(1), world.Time);
                }
                else
                {
                    new CustomAuthHttpClient((CustomAuthHttpOptions)options, world.Client, world.Time, world.Time, new SystemRandomSource(1), world.Time);
                }
            }
            finally
            {
                Assert.Equal(0, world.Handler.Requests);
            }
        }

        // ---- MQTT: the endpoint ----

        [Fact]
        public void Mqtt_OnTheDefaultDataEndpoint_NamesTheDomainConfigurationToCreate()
        {
            var e = Throws<UnsupportedEndpointException>(() => CustomAuthMqttOptions.ForSignedTokens(Iot, Thing, "a", "token", FakeSigner.Rs256()), "ALPN");
            Assert.Contains("CUSTOM_AUTH", e.Message);
            Assert.Contains("SECURE_MQTT", e.Message);
        }

        [Fact]
        public void Mqtt_OnADomainConfigurationWithApplicationProtocolDefault_IsRefused() =>
            Throws<UnsupportedEndpointException>(() => CustomAuthMqttOptions.ForHmacTokens(ServiceEndpoint.IotDomainConfiguration("d.example.com", IotAuthenticationType.CustomAuth, IotApplicationProtocol.Default), Thing, "a", "token", FakeSigner.Hs256(1)), "SECURE_MQTT");

        [Fact]
        public void Mqtt_OnACustomAuthX509Domain_IsRefused_NoClientCertificate() =>
            Throws<NotSupportedException>(() => CustomAuthMqttOptions.ForSignedTokens(ServiceEndpoint.IotDomainConfiguration("x.example.com", IotAuthenticationType.CustomAuthX509, IotApplicationProtocol.SecureMqtt), Thing, "a", "token", FakeSigner.Rs256()), "client certificate");

        [Fact]
        public void Mqtt_OnAnApiGateway_IsRefused() =>
            Throws<UnsupportedEndpointException>(() => CustomAuthMqttOptions.ForSignedTokens(Api, Thing, "a", "token", FakeSigner.Rs256()), "HTTPS on port 443");

        [Fact]
        public void Mqtt_OnPort1883_IsRefused_AtTheSetter()
        {
            CustomAuthMqttOptions options = Signed();
            Throws<UnsupportedEndpointException>(() => options.Port = 1883, "8883 and 443");
            Assert.Equal(8883, options.Port);
        }

        [Fact]
        public void Mqtt_NullEndpoint_IsRefused() =>
            Assert.Equal("endpoint", Assert.Throws<ArgumentNullException>(() => CustomAuthMqttOptions.ForSignedTokens(null, Thing, "a", "token", FakeSigner.Rs256())).ParamName);

        // ---- MQTT: names, signers, placement ----

        [Fact]
        public void Mqtt_SigningEnabledWithoutTokenKeyName_SaysWhy() =>
            Throws<ArgumentException>(() => CustomAuthMqttOptions.ForSignedTokens(Domain, Thing, "a", null, FakeSigner.Rs256()), "tokenKeyName");

        [Fact]
        public void Mqtt_InvalidAuthorizerName_IsACredentialFormatException()
        {
            var e = Throws<CredentialFormatException>(() => CustomAuthMqttOptions.ForSignedTokens(Domain, Thing, "bad name", "token", FakeSigner.Rs256()), "authorizer");
            Assert.Equal(CredentialFormatReason.InvalidAuthorizerName, e.Reason);
        }

        [Fact]
        public void Mqtt_ClientIdThatCannotBeATokenDeviceId_IsRefused() =>
            Throws<ArgumentException>(() => CustomAuthMqttOptions.ForSignedTokens(Domain, "thing 42", "a", "token", FakeSigner.Rs256()), "[A-Za-z0-9:_-]");

        [Fact]
        public void Mqtt_ClientIdOver128Bytes_IsRefused() =>
            Throws<CredentialFormatException>(() => CustomAuthMqttOptions.ForUnsignedTokens(Domain, new string('a', 129), "a", "token", new StaticTokenSource("t", null)), "128");

        [Fact]
        public void Mqtt_AnHmacSignerForSignedTokens_IsRefused() =>
            Throws<ArgumentException>(() => CustomAuthMqttOptions.ForSignedTokens(Domain, Thing, "a", "token", FakeSigner.Hs256(1)), "RS256");

        [Fact]
        public void Mqtt_AnRsaSignerForHmacTokens_IsRefused() =>
            Throws<ArgumentException>(() => CustomAuthMqttOptions.ForHmacTokens(Domain, Thing, "a", "token", FakeSigner.Rs256()), "HS256");

        [Fact]
        public void Mqtt_JwtsWithAnHmacSigner_AreRefused_AwsIotChecksRsa() =>
            Throws<ArgumentException>(() => CustomAuthMqttOptions.ForSignedJwts(Domain, Thing, "a", "token", new JwtOptions("i", Thing, "a", 600), FakeSigner.Hs256(1)), "RS256");

        [Fact]
        public void Mqtt_TokenInThePasswordWithSigningEnabled_IsRefused_AtTheSetter() =>
            Throws<ArgumentException>(() => Signed().TokenPlacement = MqttTokenPlacement.Password, "username");

        [Fact]
        public void Mqtt_UsernamePrefixWithAQuestionMark_IsRefused() =>
            Throws<CredentialFormatException>(() => Signed().UsernamePrefix = "user?x", "'?'");

        [Fact]
        public void Mqtt_TokenInThePasswordWithAnEmptyUsername_FailsAtConstruction_NamingUsernamePrefix()
        {
            // Default authorizer and no tokenKeyName: the username would be empty, which MQTT forbids with a password.
            CustomAuthMqttOptions options = CustomAuthMqttOptions.ForHmacTokens(Domain, Thing, null, null, FakeSigner.Hs256(1));
            var e = Throws<CredentialFormatException>(() => BuildMqtt(options), "UsernamePrefix");
            Assert.Equal(CredentialFormatReason.EmptyUsername, e.Reason);
            options.UsernamePrefix = Thing;
            BuildMqtt(options);
        }

        [Fact]
        public void Mqtt_StaticTokenOverTheServiceLimit_FailsAtConstruction_WithoutQuotingIt()
        {
            string token = SecretToken + new string('x', 6144);
            var e = Throws<CredentialFormatException>(() => BuildMqtt(CustomAuthMqttOptions.ForStaticToken(Domain, Thing, "a", "token", token, Secret)), "6144");
            Assert.Equal(CredentialFormatReason.InvalidTokenLength, e.Reason);
        }

        [Fact]
        public void Mqtt_StaticSignatureThatIsNotBase64_FailsAtConstruction_WithoutQuotingIt()
        {
            var e = Throws<CredentialFormatException>(() => BuildMqtt(CustomAuthMqttOptions.ForStaticToken(Domain, Thing, "a", "token", SecretToken, Secret + "!")), "Base64");
            Assert.Equal(CredentialFormatReason.InvalidTokenSignature, e.Reason);
        }

        // ---- MQTT: numbers that do not fit ----

        [Theory]
        [InlineData("TokenLifetimeSeconds", 59)]
        [InlineData("TokenLifetimeSeconds", 31536001)]
        [InlineData("RefreshAfterInSeconds", 299)]
        [InlineData("DisconnectAfterInSeconds", 86401)]
        [InlineData("ExpectedSigningSeconds", 601)]
        [InlineData("ClockSkewSeconds", -1)]
        [InlineData("KeepAliveSeconds", 29)]
        [InlineData("QueueCapacityMessages", 1025)]
        [InlineData("QueueCapacityBytes", -1)]
        public void Mqtt_OutOfRangeSetting_IsRefused_NamingItAndItsRange(string setting, int value)
        {
            CustomAuthMqttOptions options = Signed();
            var property = typeof(CustomAuthMqttOptions).GetProperty(setting);
            var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => property.SetValue(options, value));
            var inner = Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
            Assert.Equal(setting, inner.ParamName);
            Assert.Contains(setting + " must be between", inner.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Mqtt_TokensThatWouldNotLiveThroughAConnect_FailAtConstruction_NamingTheSettings()
        {
            CustomAuthMqttOptions options = Signed();
            options.ExpectedSigningSeconds = 50;
            options.TokenLifetimeSeconds = 280;
            var e = Throws<ArgumentException>(() => BuildMqtt(options), "must exceed 280 s");
            Assert.Equal("TokenLifetimeSeconds", e.ParamName);
            Assert.Contains("ExpectedSigningSeconds", e.Message);
            options.TokenLifetimeSeconds = 281;
            BuildMqtt(options);
        }

        [Fact]
        public void Mqtt_JwtLifetimeTooShort_FailsAtConstruction_NamingJwtOptions()
        {
            CustomAuthMqttOptions options = CustomAuthMqttOptions.ForSignedJwts(Domain, Thing, "a", "token", new JwtOptions("i", Thing, "a", 120), FakeSigner.Rs256());
            Throws<ArgumentException>(() => BuildMqtt(options), "JwtOptions.LifetimeSeconds");
        }

        [Fact]
        public void Mqtt_MarginsThatDoNotFitTheDisconnectWindow_FailAtConstruction()
        {
            CustomAuthMqttOptions options = Signed();
            options.DisconnectAfterInSeconds = 300;
            options.ExpectedSigningSeconds = 200;
            Throws<ArgumentException>(() => BuildMqtt(options), "disconnectAfterInSeconds");
        }

        [Fact]
        public void Mqtt_TheDeviceConstructor_OnTheHost_ValidatesFirst_ThenSaysWhatToUseInstead()
        {
            CustomAuthMqttOptions options = Signed();
            options.TokenLifetimeSeconds = 60;
            Throws<ArgumentException>(() => new CustomAuthMqttClient(options), "TokenLifetimeSeconds");
            options.TokenLifetimeSeconds = 3600;
            Throws<NotSupportedException>(() => new CustomAuthMqttClient(options), "IMqttTransport");
            Assert.Equal("transport", Assert.Throws<ArgumentNullException>(() => new CustomAuthMqttClient(options, null)).ParamName);
        }

        // ---- AWS IoT HTTPS publish ----

        [Fact]
        public void IotHttp_OnAnApiGateway_PointsToApiGatewayOptions() =>
            Throws<ArgumentException>(() => CustomAuthHttpOptions.ForSignedTokens(Api, Thing, "a", "token", FakeSigner.Rs256()), "ApiGatewayOptions");

        [Fact]
        public void IotHttp_OnACustomAuthX509Domain_IsRefused_NoClientCertificateOverHttps() =>
            Throws<UnsupportedEndpointException>(() => CustomAuthHttpOptions.ForSignedTokens(ServiceEndpoint.IotDomainConfiguration("x.example.com", IotAuthenticationType.CustomAuthX509, IotApplicationProtocol.Https), Thing, "a", "token", FakeSigner.Rs256()), "client certificate");

        [Fact]
        public void IotHttp_OnAnMqttOnlyDomain_IsRefused() =>
            Throws<UnsupportedEndpointException>(() => CustomAuthHttpOptions.ForHmacTokens(Domain, Thing, "a", "token", FakeSigner.Hs256(1)), "SECURE_MQTT");

        [Fact]
        public void IotHttp_WithoutTokenKeyName_IsRefused()
        {
            var e = Throws<CredentialFormatException>(() => CustomAuthHttpOptions.ForHmacTokens(Iot, Thing, "a", null, FakeSigner.Hs256(1)), "tokenKeyName");
            Assert.Equal(CredentialFormatReason.InvalidTokenKeyName, e.Reason);
        }

        [Fact]
        public void IotHttp_StaticTokenThatCannotTravelInAHeader_FailsAtConstruction_PointingToTheQueryString()
        {
            CustomAuthHttpOptions options = CustomAuthHttpOptions.ForStaticToken(Iot, "a", "token", SecretToken + " with spaces\u00e9", null);
            var e = Throws<CredentialFormatException>(() => BuildHttp(options), "query-string");
            Assert.Equal(CredentialFormatReason.InvalidTokenCharacters, e.Reason);
            options.Placement = AwsIotHttpPlacement.QueryString;
            BuildHttp(options);
        }

        [Fact]
        public void IotHttp_InvalidPlacement_IsRefused() =>
            Throws<ArgumentOutOfRangeException>(() => CustomAuthHttpOptions.ForHmacTokens(Iot, Thing, "a", "token", FakeSigner.Hs256(1)).Placement = (AwsIotHttpPlacement)7, "Placement");

        [Fact]
        public void IotHttp_TokensShorterThanTheRenewalMargin_FailAtConstruction()
        {
            CustomAuthHttpOptions options = CustomAuthHttpOptions.ForSignedTokens(Iot, Thing, "a", "token", FakeSigner.Rs256());
            options.ExpectedSigningSeconds = 50;
            options.TokenLifetimeSeconds = 190;
            var e = Throws<ArgumentException>(() => BuildHttp(options), "must exceed 190 s");
            Assert.Equal("TokenLifetimeSeconds", e.ParamName);
        }

        [Fact]
        public void IotHttp_PublishTopicsAndQos_AreCheckedBeforeAnyRequest()
        {
            var world = new HttpRecordingWorld();
            var client = new CustomAuthHttpClient(CustomAuthHttpOptions.ForHmacTokens(Iot, Thing, "a", "token", FakeSigner.Hs256(1)), world.Client, world.Time, world.Time, new SystemRandomSource(1), world.Time);
            Throws<ArgumentException>(() => client.Publish("devices/+/telemetry", new byte[1], 1, "application/json"), "wildcards");
            Throws<ArgumentException>(() => client.Publish(string.Empty, new byte[1], 1, "application/json"), "empty");
            Throws<ArgumentOutOfRangeException>(() => client.Publish("t", new byte[1], 2, "application/json"), "qos");

            // AWS IoT's data-plane topic limits hold for HTTPS publish as for MQTT.
            Throws<ArgumentException>(() => client.Publish(new string('a', 257), new byte[1], 1, "application/json"), "at most 256");
            Throws<ArgumentException>(() => client.Publish("a/b/c/d/e/f/g/h/i", new byte[1], 1, "application/json"), "at most 7");
            Throws<ArgumentException>(() => client.Publish("$sys/x", new byte[1], 1, "application/json"), "reserved");
            Throws<ArgumentException>(() => client.Publish("a\tb", new byte[1], 1, "application/json"), "control characters");
            client.Publish("$aws/rules/telemetry/a/b/c/d/e/f/g", new byte[1], 1, "application/json").Dispose();
            Assert.Equal(1, world.Handler.Requests);
        }

        [Fact]
        public void IotHttp_TheDeviceConstructor_OnTheHost_SaysWhatToUseInstead() =>
            Throws<NotSupportedException>(() => new CustomAuthHttpClient(CustomAuthHttpOptions.ForHmacTokens(Iot, Thing, "a", "token", FakeSigner.Hs256(1))), "HttpClient");

        // ---- API Gateway ----

        [Fact]
        public void Api_OnAnAwsIotEndpoint_PointsToCustomAuthHttpOptions() =>
            Throws<ArgumentException>(() => ApiGatewayOptions.ForSignedJwts(Iot, new JwtOptions("i", Thing, "a", 600) { KeyId = "k" }, FakeSigner.Rs256()), "CustomAuthHttpOptions");

        [Fact]
        public void Api_SignedJwtsWithoutKeyId_AreRefused_ApiGatewayPicksTheKeyByKid() =>
            Throws<ArgumentException>(() => ApiGatewayOptions.ForSignedJwts(Api, new JwtOptions("i", Thing, "a", 600), FakeSigner.Rs256()), "kid");

        [Fact]
        public void Api_AnUnmappedIdentitySource_FailsAtConstruction_NamingTheMapMethods()
        {
            ApiGatewayOptions options = ApiGatewayOptions.ForRequestSignedTokens(Api, new[] { "$request.header.x-device-token", "$request.header.x-device-signature" }, Thing, FakeSigner.Rs256());
            options.MapToken("$request.header.x-device-token");
            var e = Throws<CredentialFormatException>(() => BuildHttp(options), "MapTokenSignature");
            Assert.Equal(CredentialFormatReason.MissingIdentitySource, e.Reason);
            options.MapTokenSignature("$request.header.x-device-signature");
            BuildHttp(options);
        }

        [Fact]
        public void Api_TheSignatureOfAnUnsignedToken_FailsAtConstruction()
        {
            ApiGatewayOptions options = ApiGatewayOptions.ForRequestHmacTokens(Api, new[] { "$request.header.x-device-token", "$request.header.x-device-signature" }, Thing, FakeSigner.Hs256(1));
            options.MapToken("$request.header.x-device-token");
            options.MapTokenSignature("$request.header.x-device-signature");
            var e = Throws<CredentialFormatException>(() => BuildHttp(options), "no signature");
            Assert.Equal(CredentialFormatReason.MissingIdentitySource, e.Reason);
        }

        [Fact]
        public void Api_MappingAnExpressionThatIsNotAnIdentitySource_IsRefused() =>
            Throws<CredentialFormatException>(() => ApiGatewayOptions.ForRequestSignedTokens(Api, new[] { "$request.header.x-device-token" }, Thing, FakeSigner.Rs256()).MapToken("$request.header.other"), "not one of the authorizer's identity sources");

        [Fact]
        public void Api_MappingToAnEmptyValue_IsRefused() =>
            Throws<CredentialFormatException>(() => ApiGatewayOptions.ForRequestSignedTokens(Api, new[] { "$request.header.x-device-token" }, Thing, FakeSigner.Rs256()).MapValue("$request.header.x-device-token", string.Empty), "401");

        [Fact]
        public void Api_OnlyServerSideIdentitySources_AreRefused() =>
            Throws<CredentialFormatException>(() => ApiGatewayOptions.ForRequestSignedTokens(Api, new[] { "$context.identity.sourceIp" }, Thing, FakeSigner.Rs256()), "at least one");

        [Fact]
        public void Api_RequestMembersOnJwtOptions_AndJwtMembersOnRequestOptions_AreRefused()
        {
            ApiGatewayOptions jwt = ApiGatewayOptions.ForJwtSource(Api, new StaticTokenSource("a.b.c", null));
            Throws<InvalidOperationException>(() => jwt.MapToken("$request.header.x"), "JwtIdentitySource");
            ApiGatewayOptions request = ApiGatewayOptions.ForRequestTokens(Api, new[] { "$request.header.x" }, new StaticTokenSource("t", null));
            Throws<InvalidOperationException>(() => request.JwtIdentitySource = "$request.header.Authorization", "MapToken");
        }

        [Fact]
        public void Api_AServerSideJwtIdentitySource_IsRefused() =>
            Throws<CredentialFormatException>(() => ApiGatewayOptions.ForJwtSource(Api, new StaticTokenSource("a.b.c", null)).JwtIdentitySource = "$context.authorizer.x", "header or a query parameter");

        [Fact]
        public void Api_TheDeviceConstructor_OnTheHost_ValidatesFirst_ThenSaysWhatToUseInstead()
        {
            ApiGatewayOptions options = ApiGatewayOptions.ForRequestHmacTokens(Api, new[] { "$request.header.x-device-token" }, Thing, FakeSigner.Hs256(1));
            Throws<CredentialFormatException>(() => new ApiGatewayClient(options), "has no value");
            options.MapToken("$request.header.x-device-token");
            Throws<NotSupportedException>(() => new ApiGatewayClient(options), "HttpClient");
            Assert.Equal("client", Assert.Throws<ArgumentNullException>(() => new ApiGatewayClient(options, (HttpClient)null)).ParamName);
        }
    }
}
