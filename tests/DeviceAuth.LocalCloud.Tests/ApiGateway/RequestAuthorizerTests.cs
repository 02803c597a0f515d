using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.LocalCloud.Functions;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Tests.ApiGateway;

/// <summary>
/// The local HTTP API's REQUEST authorizer with test Lambdas (C# delegates through ILambdaFunction):
/// device-composed identity sources (ApiGatewayRequestAuthorization with a ds1 token and its RSA
/// signature), 401 without invocation, the TTL cache and ResetAuthorizersCache, simple and IAM-policy
/// responses, function failures, and the 1.0 / 2.0 events.
/// </summary>
public class RequestAuthorizerTests
{
    private const string TokenHeader = "$request.header.x-device-token";
    private const string SignatureHeader = "$request.header.x-device-signature";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:device-request-authorizer";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class World : IAsyncDisposable
    {
        public VirtualTime Time { get; } = new(Start);

        public LocalHttpApiHost Host { get; private set; }

        public string Api { get; private set; }

        public string AuthorizerId { get; private set; }

        public DelegateLambda Lambda { get; private set; }

        public static async Task<World> StartAsync(DelegateLambda lambda, string version = "2.0", bool simple = true, int ttl = 300, string stage = "$default", params string[] identitySources)
        {
            var w = new World { Lambda = lambda };
            w.Host = await LocalHttpApiHost.StartAsync(w.Time);
            w.Host.Gateway.Functions.Register(FunctionArn, lambda);
            w.Api = w.Host.CreateApi(stage, new JsonObject { ["fleet"] = "alpha" });
            var body = new JsonObject
            {
                ["name"] = "device-request",
                ["authorizerType"] = "REQUEST",
                ["identitySource"] = new JsonArray((identitySources.Length == 0 ? new[] { TokenHeader, SignatureHeader } : identitySources).Select(s => (JsonNode)s).ToArray()),
                ["authorizerUri"] = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FunctionArn}/invocations",
                ["authorizerPayloadFormatVersion"] = version,
                ["authorizerResultTtlInSeconds"] = ttl,
            };
            if (simple)
            {
                body["enableSimpleResponses"] = true;
            }

            w.AuthorizerId = w.Host.CreateAuthorizer(w.Api, body);
            w.Host.CreateRoute(w.Api, "GET /telemetry", "CUSTOM", w.AuthorizerId);
            w.Host.CreateRoute(w.Api, "POST /devices/{id}/telemetry", "CUSTOM", w.AuthorizerId);
            return w;
        }

        /// <summary>A ds1 token signed by the library's RSA signer, composed into the two headers by the library.</summary>
        public HttpRequestMessage DeviceRequest(HttpMethod method, string path, string pem = null)
        {
            var signer = new RsaSha256Signer(RsaPrivateKey.FromPem(pem ?? TestKeys.PrivatePem));
            AuthToken token = new DeviceSignedTokenSource("thing-42", signer, Time, new SystemRandomSource(), 3600).GetToken(0);
            var composer = new ApiGatewayRequestAuthorization(new[] { TokenHeader, SignatureHeader }, Time);
            composer.MapToken(TokenHeader);
            composer.MapTokenSignature(SignatureHeader);
            HttpAuthorizationParts parts = composer.Compose(token);
            var request = new HttpRequestMessage(method, path.TrimStart('/'));
            for (int i = 0; i < parts.HeaderCount; i++)
            {
                request.Headers.TryAddWithoutValidation(parts.GetHeaderName(i), parts.GetHeaderValue(i));
            }

            return request;
        }

        public static HttpRequestMessage Raw(HttpMethod method, string path, params (string Name, string Value)[] headers)
        {
            var request = new HttpRequestMessage(method, path.TrimStart('/'));
            foreach (var (n, v) in headers)
            {
                request.Headers.TryAddWithoutValidation(n, v);
            }

            return request;
        }

        public Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request) => Host.SendAsync(Api, request);

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    /// <summary>A Lambda that checks the device's RSA signature over its token with .NET's RSA, as a deployed authorizer would.</summary>
    private static DelegateLambda SignatureChecker() => new(e =>
    {
        string token = (string)e["headers"]["x-device-token"];
        byte[] signature = Convert.FromBase64String((string)e["headers"]["x-device-signature"]);
        bool ok = TestKeys.Key.VerifyData(System.Text.Encoding.UTF8.GetBytes(token), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return DelegateLambda.Simple(ok);
    });

    [Fact]
    public async Task A_device_composed_request_is_accepted_and_a_foreign_signature_gets_403()
    {
        await using var w = await World.StartAsync(SignatureChecker());
        var ok = await w.SendAsync(w.DeviceRequest(HttpMethod.Get, "/telemetry"));
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("thing-42", (string)ok.Body["authorizer"]["lambda"]["device"]);
        var foreign = await w.SendAsync(w.DeviceRequest(HttpMethod.Get, "/telemetry", TestKeys.OtherKey.ExportPkcs8PrivateKeyPem()));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.Equal("{\"message\":\"Forbidden\"}", foreign.Body.ToJsonString());
        Assert.Equal(2, w.Lambda.Invocations);
    }

    [Fact]
    public async Task A_missing_or_empty_identity_source_is_401_without_invoking_the_function()
    {
        await using var w = await World.StartAsync(new DelegateLambda(_ => DelegateLambda.Simple(true)));
        var missing = await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", ("x-device-token", "ds1.thing-42.1.2.abcdefgh")));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("{\"message\":\"Unauthorized\"}", missing.Body.ToJsonString());
        var empty = await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", ("x-device-token", "t"), ("x-device-signature", "")));
        Assert.Equal(HttpStatusCode.Unauthorized, empty.Status);
        Assert.Equal(0, w.Lambda.Invocations);
        Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", ("X-Device-Token", "t"), ("x-device-signature", "s")))).Status);
    }

    [Fact]
    public async Task Results_are_cached_by_the_identity_source_values_for_the_ttl_and_ResetAuthorizersCache_empties_the_cache()
    {
        await using var w = await World.StartAsync(new DelegateLambda(_ => DelegateLambda.Simple(true)), ttl: 300);
        async Task<HttpStatusCode> Get(string token) => (await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", ("x-device-token", token), ("x-device-signature", "sig")))).Status;
        Assert.Equal(HttpStatusCode.OK, await Get("token-1"));
        Assert.Equal(HttpStatusCode.OK, await Get("token-1"));
        Assert.Equal(1, w.Lambda.Invocations);
        Assert.Equal(HttpStatusCode.OK, await Get("token-2"));
        Assert.Equal(2, w.Lambda.Invocations);
        w.Time.Advance(TimeSpan.FromSeconds(299));
        await Get("token-1");
        Assert.Equal(2, w.Lambda.Invocations);
        w.Time.Advance(TimeSpan.FromSeconds(1));
        await Get("token-1");
        Assert.Equal(3, w.Lambda.Invocations);
        w.Host.Control("DELETE", $"{w.Api}/stages/$default/cache/authorizers", expectStatus: 204);
        Assert.Equal(0, w.Host.Gateway.ControlPlane.Cache.Count);
        await Get("token-1");
        Assert.Equal(4, w.Lambda.Invocations);
        Assert.Equal(2, w.Host.Gateway.DataPlane.Stats.CacheHits);
    }

    [Fact]
    public async Task A_denial_is_cached_too_and_ttl_0_invokes_for_every_request()
    {
        await using (var w = await World.StartAsync(new DelegateLambda(_ => DelegateLambda.Simple(false)), ttl: 300))
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", ("x-device-token", "t"), ("x-device-signature", "s")))).Status);
            }

            Assert.Equal(1, w.Lambda.Invocations);
        }

        await using (var w = await World.StartAsync(new DelegateLambda(_ => DelegateLambda.Simple(true)), ttl: 0))
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", ("x-device-token", "t"), ("x-device-signature", "s")))).Status);
            }

            Assert.Equal(3, w.Lambda.Invocations);
        }
    }

    [Fact]
    public async Task An_IAM_policy_is_evaluated_against_the_route_arn_even_from_the_cache()
    {
        string resource = null;
        var lambda = new DelegateLambda(e => DelegateLambda.Policy("Allow", resource ??= (string)e["routeArn"]));
        await using var w = await World.StartAsync(lambda, simple: false);
        var headers = new[] { ("x-device-token", "t"), ("x-device-signature", "s") };
        Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", headers))).Status);
        Assert.Equal($"arn:aws:execute-api:us-east-1:123456789012:{w.Api}/$default/GET/telemetry", resource);
        var other = await w.SendAsync(World.Raw(HttpMethod.Post, "/devices/thing-42/telemetry", headers));
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal(1, lambda.Invocations);
    }

    [Fact]
    public async Task An_explicit_Deny_is_403_and_a_wildcard_Allow_is_200()
    {
        await using (var w = await World.StartAsync(new DelegateLambda(e => DelegateLambda.Policy("Deny", (string)e["methodArn"])), version: "1.0", simple: false))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", ("x-device-token", "t"), ("x-device-signature", "s")))).Status);
        }

        await using (var w = await World.StartAsync(new DelegateLambda(_ => DelegateLambda.Policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:*/*/*/*")), version: "1.0", simple: false))
        {
            Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(World.Raw(HttpMethod.Post, "/devices/d1/telemetry", ("x-device-token", "t"), ("x-device-signature", "s")))).Status);
        }
    }

    [Theory]
    [InlineData("throws")]
    [InlineData("timeout")]
    [InlineData("not-an-object")]
    [InlineData("simple-without-isAuthorized")]
    [InlineData("unregistered")]
    public async Task Function_failures_and_bad_responses_are_500_and_not_cached(string failure)
    {
        var lambda = new DelegateLambda(_ => failure switch
        {
            "throws" => throw new LambdaInvocationException(LambdaFailure.Error, "handler threw"),
            "timeout" => throw new LambdaInvocationException(LambdaFailure.Timeout, "timed out after 5000 ms"),
            "not-an-object" => JsonValue.Create("Allow"),
            "simple-without-isAuthorized" => new JsonObject { ["authorized"] = true },
            _ => DelegateLambda.Simple(true),
        });
        await using var w = await World.StartAsync(lambda);
        if (failure == "unregistered")
        {
            w.Host.Gateway.Functions.Register(FunctionArn, new DelegateLambda(_ => DelegateLambda.Simple(true)));
            w.Host.Control("PATCH", $"{w.Api}/authorizers/{w.AuthorizerId}", new JsonObject { ["authorizerUri"] = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:nobody/invocations" });
        }

        for (int i = 0; i < 2; i++)
        {
            var r = await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", ("x-device-token", "t"), ("x-device-signature", "s")));
            Assert.Equal(HttpStatusCode.InternalServerError, r.Status);
            Assert.Equal("{\"message\":\"Internal Server Error\"}", r.Body.ToJsonString());
        }

        Assert.Equal(failure == "unregistered" ? 0 : 2, lambda.Invocations);
    }

    [Fact]
    public async Task The_2_0_event_is_built_as_the_developer_guide_shows()
    {
        var lambda = new DelegateLambda(_ => DelegateLambda.Simple(true));
        await using var w = await World.StartAsync(lambda, stage: "prod");
        var request = World.Raw(HttpMethod.Post, "/prod/devices/thing-42/telemetry?b=2&a=1&a=3", ("X-Device-Token", "tok"), ("x-device-signature", "sig"), ("Cookie", "c1=v1; c2=v2"), ("User-Agent", "nano/1"));
        Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(request)).Status);
        JsonObject e = lambda.LastEvent;
        Assert.Equal("2.0", (string)e["version"]);
        Assert.Equal("REQUEST", (string)e["type"]);
        Assert.Equal($"arn:aws:execute-api:us-east-1:123456789012:{w.Api}/prod/POST/devices/thing-42/telemetry", (string)e["routeArn"]);
        Assert.Equal("[\"tok\",\"sig\"]", e["identitySource"].ToJsonString());
        Assert.Equal("POST /devices/{id}/telemetry", (string)e["routeKey"]);
        Assert.Equal("/prod/devices/thing-42/telemetry", (string)e["rawPath"]);
        Assert.Equal("b=2&a=1&a=3", (string)e["rawQueryString"]);
        Assert.Equal("[\"c1=v1\",\"c2=v2\"]", e["cookies"].ToJsonString());
        Assert.Equal("tok", (string)e["headers"]["x-device-token"]);
        Assert.Null(e["headers"]["cookie"]);
        Assert.All(((JsonObject)e["headers"]).Select(h => h.Key), k => Assert.Equal(k.ToLowerInvariant(), k));
        Assert.Equal("{\"b\":\"2\",\"a\":\"1,3\"}", e["queryStringParameters"].ToJsonString());
        Assert.Equal("{\"id\":\"thing-42\"}", e["pathParameters"].ToJsonString());
        Assert.Equal("{\"fleet\":\"alpha\"}", e["stageVariables"].ToJsonString());
        var ctx = e["requestContext"];
        Assert.Equal("123456789012", (string)ctx["accountId"]);
        Assert.Equal(w.Api, (string)ctx["apiId"]);
        Assert.Equal($"{w.Api}.execute-api.localhost", (string)ctx["domainName"]);
        Assert.Equal(w.Api, (string)ctx["domainPrefix"]);
        Assert.Equal("POST", (string)ctx["http"]["method"]);
        Assert.Equal("nano/1", (string)ctx["http"]["userAgent"]);
        Assert.Equal("prod", (string)ctx["stage"]);
        Assert.Equal("01/Mar/2026:12:00:00 +0000", (string)ctx["time"]);
        Assert.Equal(Start.ToUnixTimeMilliseconds(), (long)ctx["timeEpoch"]);
    }

    [Fact]
    public async Task The_1_0_event_joins_the_identity_values_and_uses_the_REST_field_names()
    {
        var lambda = new DelegateLambda(e => DelegateLambda.Policy("Allow", (string)e["methodArn"]));
        await using var w = await World.StartAsync(lambda, version: "1.0", simple: false);
        Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry?x=1", ("X-Device-Token", "tok"), ("x-device-signature", "sig")))).Status);
        JsonObject e = lambda.LastEvent;
        Assert.Equal("1.0", (string)e["version"]);
        Assert.Equal($"arn:aws:execute-api:us-east-1:123456789012:{w.Api}/$default/GET/telemetry", (string)e["methodArn"]);
        Assert.Equal("tok,sig", (string)e["identitySource"]);
        Assert.Equal("tok,sig", (string)e["authorizationToken"]);
        Assert.Equal("/telemetry", (string)e["resource"]);
        Assert.Equal("/telemetry", (string)e["path"]);
        Assert.Equal("GET", (string)e["httpMethod"]);
        Assert.Equal("tok", (string)e["headers"]["X-Device-Token"]);
        Assert.Equal("1", (string)e["queryStringParameters"]["x"]);
        Assert.Equal("$default", (string)e["requestContext"]["stage"]);
        Assert.Equal(w.Api, (string)e["requestContext"]["apiId"]);
    }

    [Fact]
    public async Task Context_and_stage_variable_identity_sources_and_unknown_routes_and_apis()
    {
        var lambda = new DelegateLambda(_ => DelegateLambda.Simple(true));
        await using var w = await World.StartAsync(lambda, ttl: 300, identitySources: new[] { TokenHeader, "$context.routeKey", "$stageVariables.fleet" });
        var headers = new[] { ("x-device-token", "t") };
        Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(World.Raw(HttpMethod.Get, "/telemetry", headers))).Status);
        Assert.Equal("[\"t\",\"GET /telemetry\",\"alpha\"]", lambda.LastEvent["identitySource"].ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(World.Raw(HttpMethod.Post, "/devices/d/telemetry", headers))).Status);
        Assert.Equal(2, lambda.Invocations);
        Assert.Equal(HttpStatusCode.NotFound, (await w.SendAsync(World.Raw(HttpMethod.Get, "/nothing-here", headers))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Host.SendAsync("nosuchapi1", World.Raw(HttpMethod.Get, "/telemetry", headers))).Status);
    }
}
