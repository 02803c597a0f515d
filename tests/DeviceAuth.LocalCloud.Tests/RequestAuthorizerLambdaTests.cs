using System.Text.Json.Nodes;
using DeviceAuth.Credentials;
using DeviceAuth.Tokens;
using static DeviceAuth.LocalCloud.Tests.LambdaTestKit;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// lambdas/apigw-request-authorizer.mjs, the deployable API Gateway HTTP API REQUEST authorizer, fed
/// requests whose identity sources the library filled (ApiGatewayRequestAuthorization,
/// ApiGatewayJwtAuthorization), in the payload formats 1.0 and 2.0 API Gateway sends.
/// </summary>
public class RequestAuthorizerLambdaTests
{
    private const string Module = "apigw-request-authorizer.mjs";
    private const string RouteArn = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/$default/GET/telemetry";
    private static readonly string[] Sources = { "$request.header.x-device-token", "$request.header.x-device-signature" };

    /// <summary>The REQUEST authorizer event for a request carrying <paramref name="parts"/> (header names lower-cased, as HTTP APIs pass them).</summary>
    private static JsonObject Event(string version, HttpAuthorizationParts parts)
    {
        var headers = new JsonObject { ["host"] = "abcdef1234.execute-api.eu-west-1.amazonaws.com", ["user-agent"] = "nanoFramework" };
        var values = new List<string>();
        for (int i = 0; i < parts.HeaderCount; i++)
        {
            headers[parts.GetHeaderName(i).ToLowerInvariant()] = parts.GetHeaderValue(i);
            values.Add(parts.GetHeaderValue(i));
        }

        var query = new JsonObject();
        for (int i = 0; i < parts.QueryParameterCount; i++)
        {
            query[parts.GetQueryName(i)] = parts.GetQueryValue(i);
            values.Add(parts.GetQueryValue(i));
        }

        return version == "2.0"
            ? new JsonObject
            {
                ["version"] = "2.0", ["type"] = "REQUEST", ["routeArn"] = RouteArn, ["routeKey"] = "GET /telemetry",
                ["identitySource"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()), ["rawPath"] = "/telemetry",
                ["headers"] = headers, ["queryStringParameters"] = query,
            }
            : new JsonObject
            {
                ["version"] = "1.0", ["type"] = "REQUEST", ["methodArn"] = RouteArn, ["identitySource"] = string.Join(",", values),
                ["httpMethod"] = "GET", ["path"] = "/telemetry", ["headers"] = headers, ["queryStringParameters"] = query,
            };
    }

    private static HttpAuthorizationParts Ds1Parts(AuthToken token, IClock clock)
    {
        var composer = new ApiGatewayRequestAuthorization(Sources, clock);
        composer.MapToken(Sources[0]);
        composer.MapTokenSignature(Sources[1]);
        return composer.Compose(token);
    }

    private static async Task<JsonNode> Invoke(Lambda lambda, JsonObject e) => await lambda.Function.InvokeAsync(e, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Ds1_token_and_signature_headers_get_a_simple_response_and_an_IAM_policy()
    {
        var clock = new VirtualTime(Start);
        var keys = new JsonObject { ["sensor-1"] = TestKeys.PublicPem }.ToJsonString();
        using var simple = new Lambda(Module, clock, new Dictionary<string, string> { ["DS1_PUBLIC_KEYS_JSON"] = keys, ["SIMPLE_RESPONSES"] = "true" });
        HttpAuthorizationParts parts = Ds1Parts(DeviceSigned("sensor-1", clock), clock);

        JsonNode allowed = await Invoke(simple, Event("2.0", parts));
        Assert.True(allowed!["isAuthorized"]!.GetValue<bool>());
        Assert.Equal("sensor-1", allowed["context"]!["deviceId"]!.GetValue<string>());

        // Payload 1.0 has no simple responses: an IAM policy for the stage.
        JsonNode iam = await Invoke(simple, Event("1.0", parts));
        Assert.Equal("sensor-1", iam!["principalId"]!.GetValue<string>());
        JsonNode statement = iam["policyDocument"]!["Statement"]![0]!;
        Assert.Equal("Allow", statement["Effect"]!.GetValue<string>());
        Assert.Equal("execute-api:Invoke", statement["Action"]!.GetValue<string>());
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/$default/*", statement["Resource"]!.GetValue<string>());
        Assert.Equal("allowed", await simple.ReasonAsync(2));
    }

    [Fact]
    public async Task Expired_future_dated_tampered_and_strangers_tokens_are_refused()
    {
        var clock = new VirtualTime(Start);
        var keys = new JsonObject { ["sensor-1"] = TestKeys.PublicPem }.ToJsonString();
        using var lambda = new Lambda(Module, clock, new Dictionary<string, string> { ["DS1_PUBLIC_KEYS_JSON"] = keys, ["SIMPLE_RESPONSES"] = "true" });
        AuthToken good = DeviceSigned("sensor-1", clock, lifetime: 600);
        var cases = new List<(HttpAuthorizationParts Parts, string Reason)>
        {
            (Ds1Parts(DeviceSigned("sensor-1", clock, TestKeys.OtherKey), clock), "bad-signature"),
            (Ds1Parts(new AuthToken(good.Token.Replace(".sensor-1.", ".sensor-2."), good.TokenSignature, good.IssuedAt, good.ExpiresAt), clock), "bad-signature"),
            (Ds1Parts(DeviceSigned("sensor-1", new VirtualTime(Start.AddMinutes(5))), new VirtualTime(Start.AddMinutes(5))), "not-yet-valid"),
        };
        int n = 0;
        foreach (var (parts, reason) in cases)
        {
            JsonNode answer = await Invoke(lambda, Event("2.0", parts));
            Assert.False(answer!["isAuthorized"]!.GetValue<bool>());
            Assert.Equal(reason, await lambda.ReasonAsync(++n));
        }

        HttpAuthorizationParts expiring = Ds1Parts(good, clock);
        clock.Advance(TimeSpan.FromSeconds(600 + 60));
        JsonNode expired = await Invoke(lambda, Event("2.0", expiring));
        Assert.False(expired!["isAuthorized"]!.GetValue<bool>());
        Assert.Equal("expired", await lambda.ReasonAsync(++n));
    }

    [Fact]
    public async Task Hmac_in_a_query_parameter_and_a_bearer_jwt_verify_and_a_deny_is_an_explicit_IAM_deny()
    {
        var clock = new VirtualTime(Start);
        using var hmac = new Lambda(Module, clock, new Dictionary<string, string> { ["HM1_SECRETS_JSON"] = SecretsJson("sensor-1"), ["TOKEN_SOURCE"] = "$request.querystring.token" });
        var composer = new ApiGatewayRequestAuthorization(new[] { "$request.querystring.token" }, clock);
        composer.MapToken("$request.querystring.token");
        JsonNode allowed = await Invoke(hmac, Event("2.0", composer.Compose(Hmac("sensor-1", clock))));
        Assert.Equal("Allow", allowed!["policyDocument"]!["Statement"]![0]!["Effect"]!.GetValue<string>());
        JsonNode denied = await Invoke(hmac, Event("2.0", composer.Compose(Hmac("sensor-1", clock, OtherSecret))));
        Assert.Equal("Deny", denied!["policyDocument"]!["Statement"]![0]!["Effect"]!.GetValue<string>());
        Assert.Equal("sensor1", denied["principalId"]!.GetValue<string>());
        Assert.Equal("bad-signature", await hmac.ReasonAsync(2));

        var jwtEnv = new Dictionary<string, string>
        {
            ["TOKEN_SOURCE"] = ApiGatewayJwtAuthorization.DefaultIdentitySource, ["JWT_ISSUER"] = Issuer, ["JWT_AUDIENCES"] = Audience,
            ["JWT_JWKS_JSON"] = Jwks(), ["SIMPLE_RESPONSES"] = "true",
        };
        using var jwt = new Lambda(Module, clock, jwtEnv);
        var bearer = new ApiGatewayJwtAuthorization(clock);
        JsonNode ok = await Invoke(jwt, Event("2.0", bearer.Compose(Jwt("sensor-1", clock, JwtTokenForm.Compact))));
        Assert.True(ok!["isAuthorized"]!.GetValue<bool>());
        Assert.Equal("jwt", ok["context"]!["tokenKind"]!.GetValue<string>());
        JsonNode wrongAudience = await Invoke(jwt, Event("2.0", bearer.Compose(Jwt("sensor-1", clock, JwtTokenForm.Compact, audience: "other-api"))));
        Assert.False(wrongAudience!["isAuthorized"]!.GetValue<bool>());
        Assert.Equal("wrong-issuer-or-audience", await jwt.ReasonAsync(2));
    }

    [Fact]
    public async Task The_node_unit_tests_of_the_lambdas_pass()
    {
        string node = LambdaCode.RequireNode();
        var (code, output, error) = await ExternalPrograms.RunAsync(node, new[] { "--test", "--test-reporter=tap", Path.Combine(LambdaCode.Folder, "test") }, TimeSpan.FromMinutes(2));
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.True(code == 0, $"node --test lambdas/test failed ({code}):\n{output}\n{error}");
        Assert.Matches(@"# pass [1-9]", output);
        Assert.Contains("# fail 0", output);
    }
}
