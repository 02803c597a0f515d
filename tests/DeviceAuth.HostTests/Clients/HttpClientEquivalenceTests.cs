using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.Http;
using DeviceAuth.Tests.Crypto;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Clients
{
    /// <summary>
    /// CustomAuthHttpClient and ApiGatewayClient against the same parts wired by hand (as the samples
    /// did): for every mode, two devices on identical virtual clocks and seeded randomness send the same
    /// requests for three simulated hours (a 401 that renews, a 503 that backs off, renewals before
    /// expiry); every request (instant, method, URL with query, every header, body) and every renewal
    /// decision must be the same.
    /// </summary>
    public class HttpClientEquivalenceTests
    {
        private const string Thing = "thing-42";
        private const string Authorizer = "device-authorizer";
        private const int Seed = 77;
        private const string TokenHeader = "$request.header.x-device-token";
        private const string SignatureHeader = "$request.header.x-device-signature";
        private const string DeviceQuery = "$request.querystring.device";

        private static readonly ServiceEndpoint Iot = ServiceEndpoint.IotDefaultDataEndpoint("a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com");
        private static readonly ServiceEndpoint Api = ServiceEndpoint.ApiGateway("abc123.execute-api.eu-west-1.amazonaws.com");
        private static readonly byte[] Body = System.Text.Encoding.UTF8.GetBytes("{\"thing\":\"thing-42\"}");

        public static TheoryData<string> IotModes() => new("ds1-headers", "ds1-query-default-authorizer", "ds1-defaults", "jwt", "hmac", "static-unsigned", "unsigned-source");

        public static TheoryData<string> ApiModes() => new("jwt-bearer", "jwt-source-query", "request-ds1", "request-hmac", "request-source");

        private static ISigner RsaSigner() => new RsaSha256Signer(RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem));

        private static JwtOptions Claims() => new JwtOptions("https://devices.example.com", Thing, "device-api", 1800) { KeyId = "key-1" };

        private static ITokenSource CompactJwts(HttpRecordingWorld w) => new JwtTokenSource(Claims(), FakeSigner.Rs256(), w.Time, new SystemRandomSource(Seed + 1));

        private static string[] RequestSources(string mode) => mode == "request-hmac"
            ? new[] { "$request.querystring.token" }
            : new[] { TokenHeader, SignatureHeader, DeviceQuery, "$context.identity.sourceIp" };

        private static void Configure(AuthorizedHttpOptions options)
        {
            options.TokenLifetimeSeconds = 1800;
            options.ExpectedSigningSeconds = 50;
            options.ClockSkewSeconds = 30;
            options.MaxAttempts = 4;
            options.MaxRetryAfterSeconds = 120;
        }

        private static HttpSessionOptions SessionOptions(ServiceEndpoint endpoint, bool defaults)
        {
            var options = new HttpSessionOptions("https://" + endpoint.Resolve(TransportProtocol.Https).ServerName);
            if (!defaults)
            {
                options.ExpectedSigningSeconds = 50;
                options.ClockSkewSeconds = 30;
                options.MaxAttempts = 4;
                options.MaxRetryAfterSeconds = 120;
            }

            return options;
        }

        private static List<string> RunIot(string mode, bool viaClient)
        {
            var w = new HttpRecordingWorld();
            w.Handler.Answer = n => n == 3 ? 401 : n == 10 ? 503 : 200;
            var random = new SystemRandomSource(Seed);
            bool defaults = mode == "ds1-defaults";
            if (viaClient)
            {
                CustomAuthHttpOptions options = mode switch
                {
                    "ds1-headers" or "ds1-defaults" => CustomAuthHttpOptions.ForSignedTokens(Iot, Thing, Authorizer, "token", RsaSigner()),
                    "ds1-query-default-authorizer" => CustomAuthHttpOptions.ForSignedTokens(Iot, Thing, null, "token", RsaSigner()),
                    "jwt" => CustomAuthHttpOptions.ForSignedJwts(Iot, Authorizer, "token", Claims(), RsaSigner()),
                    "hmac" => CustomAuthHttpOptions.ForHmacTokens(Iot, Thing, Authorizer, "token", FakeSigner.Hs256(3)),
                    "static-unsigned" => CustomAuthHttpOptions.ForStaticToken(Iot, Authorizer, "token", "provisioned-token-1", null),
                    "unsigned-source" => CustomAuthHttpOptions.ForUnsignedTokens(Iot, Authorizer, "token", CompactJwts(w)),
                    _ => throw new ArgumentOutOfRangeException(nameof(mode)),
                };
                if (!defaults)
                {
                    Configure(options);
                }

                if (mode == "ds1-query-default-authorizer")
                {
                    options.Placement = AwsIotHttpPlacement.QueryString;
                }

                var client = new CustomAuthHttpClient(options, w.Client, w.Time, w.Time, random, w.Time);
                return w.Run(40, 300, client.RenewIfDue, i => client.Publish("devices/thing-42/telemetry", Body, i % 2, "application/json"));
            }

            int lifetime = defaults ? 3600 : 1800;
            ITokenSource tokens = mode switch
            {
                "ds1-headers" or "ds1-defaults" or "ds1-query-default-authorizer" => new DeviceSignedTokenSource(Thing, RsaSigner(), w.Time, random, lifetime),
                "jwt" => new JwtTokenSource(new JwtOptions("https://devices.example.com", Thing, "device-api", 1800) { KeyId = "key-1", Form = JwtTokenForm.AwsIotSigned }, RsaSigner(), w.Time, random),
                "hmac" => new HmacTokenSource(Thing, FakeSigner.Hs256(3), w.Time, random, lifetime),
                "static-unsigned" => new StaticTokenSource("provisioned-token-1", null),
                "unsigned-source" => CompactJwts(w),
                _ => throw new ArgumentOutOfRangeException(nameof(mode)),
            };
            bool signingDisabled = mode is "hmac" or "static-unsigned" or "unsigned-source";
            var authorization = mode == "ds1-query-default-authorizer"
                ? new AwsIotHttpAuthorization(null, "token", false, AwsIotHttpPlacement.QueryString, w.Time)
                : new AwsIotHttpAuthorization(Authorizer, "token", signingDisabled, AwsIotHttpPlacement.Headers, w.Time);
            var session = new HttpSession(w.Client, tokens, authorization, SessionOptions(Iot, defaults), w.Time, w.Time, random, w.Time);
            return w.Run(40, 300, session.RenewIfDue, i => session.Post("/topics/devices/thing-42/telemetry?qos=" + (i % 2), Body, "application/json"));
        }

        private static HttpResponseMessage Call(int i, Func<string, HttpResponseMessage> get, Func<string, byte[], string, HttpResponseMessage> post) =>
            i % 5 == 4 ? post("/telemetry", Body, "application/json") : get("/config?n=" + i);

        private static List<string> RunApi(string mode, bool viaClient)
        {
            var w = new HttpRecordingWorld();
            w.Handler.Answer = n => n == 3 ? 401 : n == 10 ? 503 : 200;
            var random = new SystemRandomSource(Seed);
            bool request = mode.StartsWith("request", StringComparison.Ordinal);
            if (viaClient)
            {
                ApiGatewayOptions options = mode switch
                {
                    "jwt-bearer" => ApiGatewayOptions.ForSignedJwts(Api, Claims(), RsaSigner()),
                    "jwt-source-query" => ApiGatewayOptions.ForJwtSource(Api, CompactJwts(w)),
                    "request-ds1" => ApiGatewayOptions.ForRequestSignedTokens(Api, RequestSources(mode), Thing, RsaSigner()),
                    "request-hmac" => ApiGatewayOptions.ForRequestHmacTokens(Api, RequestSources(mode), Thing, FakeSigner.Hs256(3)),
                    "request-source" => ApiGatewayOptions.ForRequestTokens(Api, RequestSources(mode), new StaticTokenSource("provisioned-token-1", "c2ln")),
                    _ => throw new ArgumentOutOfRangeException(nameof(mode)),
                };
                Configure(options);
                if (mode == "jwt-source-query")
                {
                    options.JwtIdentitySource = "$request.querystring.access_token";
                }

                if (request)
                {
                    options.MapToken(mode == "request-hmac" ? "$request.querystring.token" : TokenHeader);
                    if (mode != "request-hmac")
                    {
                        options.MapTokenSignature(SignatureHeader);
                        options.MapValue(DeviceQuery, Thing);
                    }
                }

                var client = new ApiGatewayClient(options, w.Client, w.Time, w.Time, random, w.Time);
                return w.Run(40, 300, client.RenewIfDue, i => Call(i, client.Get, client.Post));
            }

            ITokenSource tokens = mode switch
            {
                "jwt-bearer" => new JwtTokenSource(Claims(), RsaSigner(), w.Time, random),
                "jwt-source-query" => CompactJwts(w),
                "request-ds1" => new DeviceSignedTokenSource(Thing, RsaSigner(), w.Time, random, 1800),
                "request-hmac" => new HmacTokenSource(Thing, FakeSigner.Hs256(3), w.Time, random, 1800),
                "request-source" => new StaticTokenSource("provisioned-token-1", "c2ln"),
                _ => throw new ArgumentOutOfRangeException(nameof(mode)),
            };
            IHttpAuthorization authorization;
            if (request)
            {
                var r = new ApiGatewayRequestAuthorization(RequestSources(mode), w.Time);
                r.MapToken(mode == "request-hmac" ? "$request.querystring.token" : TokenHeader);
                if (mode != "request-hmac")
                {
                    r.MapTokenSignature(SignatureHeader);
                    r.MapValue(DeviceQuery, Thing);
                }

                authorization = r;
            }
            else
            {
                authorization = mode == "jwt-bearer" ? new ApiGatewayJwtAuthorization(w.Time) : new ApiGatewayJwtAuthorization("$request.querystring.access_token", w.Time);
            }

            var session = new HttpSession(w.Client, tokens, authorization, SessionOptions(Api, false), w.Time, w.Time, random, w.Time);
            return w.Run(40, 300, session.RenewIfDue, i => Call(i, session.Get, session.Post));
        }

        private static void AssertSame(List<string> byHand, List<string> client)
        {
            // The scenario exercised what it is meant to (so two empty logs cannot pass).
            Assert.Contains(byHand, l => l.EndsWith("-> 401", StringComparison.Ordinal));
            Assert.Contains(byHand, l => l.EndsWith("-> 503", StringComparison.Ordinal));
            Assert.True(byHand.Count(l => l.Contains(" https://", StringComparison.Ordinal)) >= 40, string.Join("\n", byHand));
            Assert.Equal(byHand.Count, client.Count);
            for (int i = 0; i < byHand.Count; i++)
            {
                Assert.True(byHand[i] == client[i], "line " + i + " differs:\nby hand: " + byHand[i] + "\nclient:  " + client[i]);
            }
        }

        [Theory]
        [MemberData(nameof(IotModes))]
        public void CustomAuthHttpClient_SendsExactlyWhatTheHandWiredPartsSend(string mode)
        {
            List<string> byHand = RunIot(mode, viaClient: false);
            AssertSame(byHand, RunIot(mode, viaClient: true));
            Assert.Contains(byHand, l => l.Contains("POST https://a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com/topics/devices/thing-42/telemetry?qos=1", StringComparison.Ordinal));
            if (mode != "static-unsigned")
            {
                Assert.Contains(byHand, l => l.Contains("renewed=True", StringComparison.Ordinal));
            }
        }

        [Theory]
        [MemberData(nameof(ApiModes))]
        public void ApiGatewayClient_SendsExactlyWhatTheHandWiredPartsSend(string mode)
        {
            List<string> byHand = RunApi(mode, viaClient: false);
            AssertSame(byHand, RunApi(mode, viaClient: true));
            Assert.Contains(byHand, l => l.Contains("GET https://abc123.execute-api.eu-west-1.amazonaws.com/config?n=0", StringComparison.Ordinal));
        }

        [Fact]
        public void EquivalenceCheck_CanFail_WhenOneSettingIsNotHandedOn()
        {
            // The same publish with another ClockSkewSeconds (600, not 30) renews at other instants.
            var w = new HttpRecordingWorld();
            w.Handler.Answer = n => n == 3 ? 401 : n == 10 ? 503 : 200;
            var random = new SystemRandomSource(Seed);
            HttpSessionOptions options = SessionOptions(Iot, false);
            options.ClockSkewSeconds = 600;
            var session = new HttpSession(w.Client, new HmacTokenSource(Thing, FakeSigner.Hs256(3), w.Time, random, 1800), new AwsIotHttpAuthorization(Authorizer, "token", true, AwsIotHttpPlacement.Headers, w.Time), options, w.Time, w.Time, random, w.Time);
            List<string> other = w.Run(40, 300, session.RenewIfDue, i => session.Post("/topics/devices/thing-42/telemetry?qos=" + (i % 2), Body, "application/json"));
            Assert.NotEqual(RunIot("hmac", viaClient: true), other);
        }
    }
}
