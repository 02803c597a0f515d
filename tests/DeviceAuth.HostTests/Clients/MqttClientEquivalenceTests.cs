using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Crypto;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Clients
{
    /// <summary>
    /// CustomAuthMqttClient against the same parts wired by hand (as the samples did before the client
    /// existed): for every token mode, two devices on identical virtual clocks and seeded randomness meet
    /// identical scripted brokers (a refusal, a hang-up, the service's disconnectAfter cuts, publishes
    /// while connected and while not) for two simulated days; every CONNECT (client id, username,
    /// password bytes, flags), every publish and every status report must be the same, in the same order
    /// at the same instants.
    /// </summary>
    public class MqttClientEquivalenceTests
    {
        private const string Thing = "thing-42";
        private const string Authorizer = "device-authorizer";
        private const int Seed = 20261124;

        private static readonly ServiceEndpoint Domain = ServiceEndpoint.IotDomainConfiguration("d-0123456789-ats.iot.eu-west-1.amazonaws.com", IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt);

        public static TheoryData<string> Modes() => new(
            "ds1", "ds1-defaults", "jwt", "hmac-username", "hmac-password-default-authorizer", "hmac-password-placement", "static-signed", "static-unsigned", "unsigned-source");

        /// <summary>The RSA-2048 test key (real signatures, so the usernames carry real tokenSignatures).</summary>
        private static ISigner RsaSigner() => new RsaSha256Signer(RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem));

        private static JwtOptions Claims() => new JwtOptions("https://devices.example.com", Thing, "iot-devices", 1800) { KeyId = "key-1" };

        /// <summary>The session the client builds for <paramref name="mode"/>.</summary>
        private static MqttSession ThroughClient(string mode, MqttRecordingWorld w, IRandomSource random)
        {
            CustomAuthMqttOptions options = mode switch
            {
                "ds1" or "ds1-defaults" => CustomAuthMqttOptions.ForSignedTokens(Domain, Thing, Authorizer, "token", RsaSigner()),
                "jwt" => CustomAuthMqttOptions.ForSignedJwts(Domain, Thing, Authorizer, "token", Claims(), RsaSigner()),
                "hmac-username" or "hmac-password-placement" => CustomAuthMqttOptions.ForHmacTokens(Domain, Thing, Authorizer, "token", FakeSigner.Hs256(9)),
                "hmac-password-default-authorizer" => CustomAuthMqttOptions.ForHmacTokens(Domain, Thing, null, null, FakeSigner.Hs256(9)),
                "static-signed" => CustomAuthMqttOptions.ForStaticToken(Domain, Thing, Authorizer, "token", CryptoVectors.Rsa2048Token(0), CryptoVectors.Rsa2048Signatures[0]),
                "static-unsigned" => CustomAuthMqttOptions.ForStaticToken(Domain, Thing, null, "token", "provisioned-token-1", null),
                "unsigned-source" => CustomAuthMqttOptions.ForUnsignedTokens(Domain, Thing, Authorizer, "token", CompactJwts(w)),
                _ => throw new ArgumentOutOfRangeException(nameof(mode)),
            };
            if (mode == "hmac-password-default-authorizer")
            {
                options.UsernamePrefix = Thing;
            }

            if (mode == "hmac-password-placement")
            {
                options.TokenPlacement = MqttTokenPlacement.Password;
            }

            if (mode != "ds1-defaults")
            {
                options.Port = 443;
                options.TokenLifetimeSeconds = 1800;
                options.RefreshAfterInSeconds = 3600;
                options.DisconnectAfterInSeconds = 7200;
                options.ExpectedSigningSeconds = 50;
                options.ClockSkewSeconds = 30;
                options.KeepAliveSeconds = 300;
                options.QueueCapacityMessages = 5;
                options.QueueCapacityBytes = 4096;
                options.ProtocolLevel = MqttProtocolLevel.Mqtt5;
                options.MaxSessionTakeoversPerHour = 5;
            }

            var client = new CustomAuthMqttClient(options, w.Broker, w.Time, w.Time, random);
            Assert.Equal(Domain.Resolve(TransportProtocol.Mqtt, mode == "ds1-defaults" ? 8883 : 443).ToString(), client.Target.ToString());
            return client.Session;
        }

        /// <summary>The same session wired by hand from the parts.</summary>
        private static MqttSession ByHand(string mode, MqttRecordingWorld w, IRandomSource random)
        {
            int lifetimeSeconds = mode == "ds1-defaults" ? 3600 : 1800;
            ITokenSource tokens;
            AwsIotMqttAuthorization authorization;
            switch (mode)
            {
                case "ds1":
                case "ds1-defaults":
                    tokens = new DeviceSignedTokenSource(Thing, RsaSigner(), w.Time, random, lifetimeSeconds);
                    authorization = new AwsIotMqttAuthorization(Authorizer, "token", false, w.Time);
                    break;
                case "jwt":
                    JwtOptions claims = Claims();
                    claims.Form = JwtTokenForm.AwsIotSigned;
                    tokens = new JwtTokenSource(claims, RsaSigner(), w.Time, random);
                    authorization = new AwsIotMqttAuthorization(Authorizer, "token", false, w.Time);
                    break;
                case "hmac-username":
                case "hmac-password-placement":
                    tokens = new HmacTokenSource(Thing, FakeSigner.Hs256(9), w.Time, random, lifetimeSeconds);
                    authorization = new AwsIotMqttAuthorization(Authorizer, "token", true, w.Time);
                    if (mode == "hmac-password-placement")
                    {
                        authorization.TokenPlacement = MqttTokenPlacement.Password;
                    }

                    break;
                case "hmac-password-default-authorizer":
                    tokens = new HmacTokenSource(Thing, FakeSigner.Hs256(9), w.Time, random, lifetimeSeconds);
                    authorization = AwsIotMqttAuthorization.ForDefaultAuthorizer(null, true, w.Time);
                    authorization.UsernamePrefix = Thing;
                    break;
                case "static-signed":
                    tokens = new StaticTokenSource(CryptoVectors.Rsa2048Token(0), CryptoVectors.Rsa2048Signatures[0]);
                    authorization = new AwsIotMqttAuthorization(Authorizer, "token", false, w.Time);
                    break;
                case "static-unsigned":
                    tokens = new StaticTokenSource("provisioned-token-1", null);
                    authorization = AwsIotMqttAuthorization.ForDefaultAuthorizer("token", true, w.Time);
                    break;
                case "unsigned-source":
                    tokens = CompactJwts(w);
                    authorization = new AwsIotMqttAuthorization(Authorizer, "token", true, w.Time);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mode));
            }

            LifetimeOptions lifetime;
            MqttSessionOptions sessionOptions;
            if (mode == "ds1-defaults")
            {
                lifetime = new LifetimeOptions(3600, 86400);
                sessionOptions = new MqttSessionOptions(Thing, lifetime);
            }
            else
            {
                lifetime = new LifetimeOptions(3600, 7200) { ExpectedSigningSeconds = 50, ClockSkewSeconds = 30 };
                sessionOptions = new MqttSessionOptions(Thing, lifetime) { KeepAliveSeconds = 300, QueueCapacityMessages = 5, QueueCapacityBytes = 4096, ProtocolLevel = MqttProtocolLevel.Mqtt5, MaxSessionTakeoversPerHour = 5 };
            }

            return new MqttSession(w.Broker, tokens, authorization, sessionOptions, w.Time, w.Time, random);
        }

        /// <summary>A compact-JWT source the application builds itself (its own randomness, the world's clock).</summary>
        private static ITokenSource CompactJwts(MqttRecordingWorld w) => new JwtTokenSource(Claims(), FakeSigner.Rs256(), w.Time, new SystemRandomSource(Seed + 1));

        private static SortedList<long, Action<MqttRecordingWorld>> Script(long disconnectAfterMs)
        {
            byte[] payload = System.Text.Encoding.UTF8.GetBytes("{\"t\":1}");
            return new SortedList<long, Action<MqttRecordingWorld>>
            {
                [1] = w => w.Session.Subscribe("devices/thing-42/commands", 1),
                [600_000] = w => w.Session.Publish("devices/thing-42/telemetry", payload, 1, false),
                [2 * 3600_000 + 5] = w => w.Broker.HangUp(),
                [2 * 3600_000 + 10] = w => w.Session.Publish("devices/thing-42/telemetry", payload, 1, true),
                [disconnectAfterMs + 3600_000] = w => w.Session.Publish("devices/thing-42/telemetry", payload, 0, false),
            };
        }

        private static List<string> Run(string mode, bool viaClient)
        {
            var w = new MqttRecordingWorld();
            long cutMs = (mode == "ds1-defaults" ? 86400 : 7200) * 1000L;
            w.Broker.DisconnectAfterMs = cutMs;
            w.Broker.Answer = n => n == 2 ? 5 : 0;
            var random = new SystemRandomSource(Seed);
            w.Attach(viaClient ? ThroughClient(mode, w, random) : ByHand(mode, w, random));
            return w.Run(TimeSpan.FromDays(2), Script(cutMs));
        }

        [Theory]
        [MemberData(nameof(Modes))]
        public void Client_ProducesExactlyWhatTheHandWiredPartsProduce(string mode)
        {
            List<string> byHand = Run(mode, viaClient: false);
            List<string> client = Run(mode, viaClient: true);

            // The scenario exercised what it is meant to (so an equality of two empty logs cannot pass).
            Assert.True(byHand.Count(l => l.Contains(" CONNECT ")) >= 4, string.Join("\n", byHand));
            Assert.Contains(byHand, l => l.Contains("-> 5"));
            Assert.Contains(byHand, l => l.Contains("STATUS MqttSessionStatus(Refused"));
            Assert.Contains(byHand, l => l.Contains(" PUBLISH "));
            Assert.Contains(byHand, l => l.Contains(" SUBSCRIBE "));
            Assert.True(byHand.Any(l => l.Contains("ProactiveReconnect")) || mode.StartsWith("static", StringComparison.Ordinal), "no proactive reconnect:\n" + string.Join("\n", byHand));

            Assert.Equal(byHand.Count, client.Count);
            for (int i = 0; i < byHand.Count; i++)
            {
                Assert.True(byHand[i] == client[i], "line " + i + " differs:\nby hand: " + byHand[i] + "\nclient:  " + client[i]);
            }
        }

        [Fact]
        public void EquivalenceCheck_CanFail_WhenOneSettingIsNotHandedOn()
        {
            // The hand-wired twin with one different setting (keep-alive 60 instead of 300) must differ,
            // or the comparison above could not see a setting the client forgot to copy.
            var w = new MqttRecordingWorld();
            var random = new SystemRandomSource(Seed);
            var tokens = new HmacTokenSource(Thing, FakeSigner.Hs256(9), w.Time, random, 1800);
            var lifetime = new LifetimeOptions(3600, 7200) { ExpectedSigningSeconds = 50, ClockSkewSeconds = 30 };
            var options = new MqttSessionOptions(Thing, lifetime) { QueueCapacityMessages = 5, QueueCapacityBytes = 4096, ProtocolLevel = MqttProtocolLevel.Mqtt5, MaxSessionTakeoversPerHour = 5 };
            w.Attach(new MqttSession(w.Broker, tokens, new AwsIotMqttAuthorization(Authorizer, "token", true, w.Time), options, w.Time, w.Time, random));
            w.Broker.DisconnectAfterMs = 7200_000;
            w.Broker.Answer = n => n == 2 ? 5 : 0;
            List<string> other = w.Run(TimeSpan.FromDays(2), Script(7200_000));
            Assert.NotEqual(Run("hmac-username", viaClient: true), other);
        }
    }
}
