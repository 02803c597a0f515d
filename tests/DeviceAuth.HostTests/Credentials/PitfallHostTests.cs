using System;
using System.Web;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Credentials
{
    /// <summary>Pitfalls 1-5 of CUSTOM-AUTH.md, each shown impossible through the public API and independent parsers.</summary>
    public class PitfallHostTests
    {
        private const long Now = 1748736000L;

        /// <summary>1. Metrics never add a second '?': the service-side split at the first '?' sees every authorizer field.</summary>
        [Fact]
        public void Pitfall1_MetricsNeverAddASecondQuestionMark()
        {
            var composer = new AwsIotMqttAuthorization("authorizer", "token", false, new ManualClock(Now)) { UsernamePrefix = "user" };
            composer.AddUsernameParameter("SDK", "DeviceAuth.nano?x=y");
            composer.AddUsernameParameter("Version", "1.0");
            string username = composer.Compose(new AuthToken("tok", "c2ln", DateTime.MinValue, AuthToken.NoExpiry), "c").Username;
            string[] split = username.Split('?');
            Assert.Equal(2, split.Length);
            var q = HttpUtility.ParseQueryString(split[1]);
            Assert.Equal("authorizer", q["x-amz-customauthorizer-name"]);
            Assert.Equal("c2ln", q["x-amz-customauthorizer-signature"]);
            Assert.Equal("tok", q["token"]);
            Assert.Equal("DeviceAuth.nano?x=y", q["SDK"]);
            Assert.Throws<CredentialFormatException>(() => composer.UsernamePrefix = "user?SDK=x");
        }

        /// <summary>2. Raw MQTT on 443 needs ALPN, which nanoFramework lacks: refused at configuration time; the SNI-routed domain works.</summary>
        [Fact]
        public void Pitfall2_NoAlpnConfigurationIsRefusedUpFront()
        {
            var e = Assert.Throws<UnsupportedEndpointException>(() => ServiceEndpoint.IotDefaultDataEndpoint("abc-ats.iot.eu-west-1.amazonaws.com").Resolve(TransportProtocol.Mqtt, 443));
            Assert.Contains("CUSTOM_AUTH", e.Message);
            Assert.Contains("SECURE_MQTT", e.Message);
            ConnectionTarget ok = ServiceEndpoint.IotDomainConfiguration("mqtt.example.com", IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt).Resolve(TransportProtocol.Mqtt, 443);
            Assert.False(ok.RequiresAlpn);
            Assert.Equal("mqtt.example.com", ok.ServerName);
        }

        /// <summary>3. '+', '/', '=' are encoded exactly once: one standard decode restores the signature; an encoded one is refused.</summary>
        [Fact]
        public void Pitfall3_SignatureEncodedOnce()
        {
            const string signature = "a+/b+A==";
            var composer = new AwsIotMqttAuthorization("authorizer", "token", false, new ManualClock(Now));
            string username = composer.Compose(new AuthToken("tok", signature, DateTime.MinValue, AuthToken.NoExpiry), "c").Username;
            Assert.Contains("a%2B%2Fb%2BA%3D%3D", username);
            Assert.DoesNotContain("%25", username);
            Assert.Equal(signature, HttpUtility.ParseQueryString(username.Substring(1))["x-amz-customauthorizer-signature"]);
            var ex = Assert.Throws<CredentialFormatException>(() => composer.Compose(new AuthToken("tok", Uri.EscapeDataString(signature), DateTime.MinValue, AuthToken.NoExpiry), "c"));
            Assert.Equal(CredentialFormatReason.InvalidTokenSignature, ex.Reason);
        }

        /// <summary>4. A reconnect loop on a virtual clock: the stale token is refused, the source hands out a fresh one that composes.</summary>
        [Fact]
        public void Pitfall4_ReconnectNeverReplaysAnExpiredToken()
        {
            var clock = new ManualClock(Now);
            var source = new DeviceSignedTokenSource("thing-1", FakeSigner.Rs256(), clock, new CountingRandom(), 600);
            var composer = new AwsIotMqttAuthorization("authorizer", "token", false, clock);
            AuthToken first = source.GetToken(60);
            composer.Compose(first, "c");
            for (int attempt = 0; attempt < 10; attempt++)
            {
                clock.AdvanceSeconds(300);
                AuthToken current = source.GetToken(60);
                Assert.False(current.IsExpiredAt(clock.UtcNow));
                Assert.True(current.SecondsRemaining(clock.UtcNow) >= 60);
                MqttConnectCredentials c = composer.Compose(current, "c");
                long exp = CompactClaims.Parse(HttpUtility.ParseQueryString(c.Username.Substring(1))["token"]).ExpiresAtSeconds;
                Assert.True(exp > UnixTime.ToSeconds(clock.UtcNow));
                if (first.IsExpiredAt(clock.UtcNow))
                {
                    Assert.Throws<TokenExpiredException>(() => composer.Compose(first, "c"));
                }
            }
        }

        /// <summary>5. See TokenSignatureHostTests.Pitfall5_*: JWT signatures re-encoded for 2048/3072/4096/2056-bit keys verify; here the naive forms are refused.</summary>
        [Fact]
        public void Pitfall5_NaiveSignatureForms_AreRefused()
        {
            byte[] sig = new byte[256];
            new Random(1).NextBytes(sig);
            string standard = Convert.ToBase64String(sig);
            string base64Url = standard.TrimEnd('=').Replace('+', '-').Replace('/', '_');
            string naive = base64Url.Replace('-', '+').Replace('_', '/');
            var composer = new AwsIotMqttAuthorization("authorizer", "token", false, new ManualClock(Now));
            Assert.Equal(CredentialFormatReason.InvalidTokenSignature, Assert.Throws<CredentialFormatException>(() => composer.Compose(new AuthToken("tok", base64Url, DateTime.MinValue, AuthToken.NoExpiry), "c")).Reason);
            Assert.Equal(CredentialFormatReason.InvalidTokenSignature, Assert.Throws<CredentialFormatException>(() => composer.Compose(new AuthToken("tok", naive, DateTime.MinValue, AuthToken.NoExpiry), "c")).Reason);
            Assert.Equal(CredentialFormatReason.InvalidTokenSignature, Assert.Throws<CredentialFormatException>(() => composer.Compose(new AuthToken("tok", naive + "=", DateTime.MinValue, AuthToken.NoExpiry), "c")).Reason);
            composer.Compose(new AuthToken("tok", standard, DateTime.MinValue, AuthToken.NoExpiry), "c");
            Assert.Equal(standard, DeviceAuth.Encoding.Base64Url.ToStandardBase64(base64Url));
        }
    }
}
