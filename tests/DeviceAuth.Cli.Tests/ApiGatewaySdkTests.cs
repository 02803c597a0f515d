using System.Net;
using System.Text.Json.Nodes;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.LocalCloud.ApiGateway;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.Tests;

/// <summary>
/// The AWS SDK for JavaScript v3 (@aws-sdk/client-apigatewayv2, tests/oracles/apigw-control-plane.mjs)
/// as the independent client: the request it serializes for the generators' --cli-input-json bodies
/// is what the local control plane parses back to the same authorizer, and it drives the control plane
/// (create, get, list in pages, update, reset, delete, error types) over HTTPS with an endpoint override.
/// </summary>
public sealed class ApiGatewaySdkTests : IDisposable
{
    private const string Package = "@aws-sdk/client-apigatewayv2";
    private const string Script = "apigw-control-plane.mjs";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:device-request-authorizer";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<JsonObject> Generate(params string[] args)
    {
        var r = await CliRunner.InProcess(new[] { "apigateway" }.Concat(args).ToArray());
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonNode.Parse(r.Out)!.AsObject();
    }

    private static async Task<JsonNode> Oracle(params string[] args)
    {
        var (code, output, error) = await NodeOracles.RunAsync(Package, Script, args, TimeSpan.FromSeconds(90));
        Assert.True(code == 0, $"oracle exit {code}: {error}");
        return JsonNode.Parse(output);
    }

    private static Task<JsonObject> JwtBody() => Generate("create-json", "--name", "device-jwt", "--type", "JWT", "--issuer", "https://devices.example.com", "--audience", "device-api", "--audience", "other-api");

    private static Task<JsonObject> RequestBody() => Generate("create-json", "--name", "device-request", "--type", "REQUEST", "--identity-source", "$request.header.x-device-token",
        "--identity-source", "$request.header.x-device-signature", "--function-arn", FunctionArn, "--ttl", "300", "--enable-simple-responses", "--credentials-arn", "arn:aws:iam::123456789012:role/apigw-invoke");

    [Fact]
    public async Task The_SDK_serializes_the_generated_input_into_the_body_the_control_plane_reads_back()
    {
        NodeOracles.Require(Package);
        var cases = new List<(string Op, JsonObject Cli)>
        {
            ("CreateAuthorizer", await Generate("create-json", "--api-id", "a1b2c3d4e5", "--name", "device-jwt", "--type", "JWT", "--issuer", "https://devices.example.com", "--audience", "device-api", "--identity-source", "$request.querystring.access_token")),
            ("CreateAuthorizer", await Generate("create-json", "--api-id", "a1b2c3d4e5", "--name", "device-request", "--type", "REQUEST", "--identity-source", "$request.header.x-device-token", "--identity-source", "$context.routeKey", "--function-arn", FunctionArn, "--ttl", "300", "--payload-format-version", "1.0", "--credentials-arn", "arn:aws:iam::123456789012:role/apigw-invoke")),
            ("UpdateAuthorizer", await Generate("update-json", "--api-id", "a1b2c3d4e5", "--authorizer-id", "xyz789", "--ttl", "0", "--enable-simple-responses", "false", "--audience", "a", "--audience", "b")),
        };
        string inputs = _dir.File("inputs.json");
        File.WriteAllText(inputs, new JsonArray(cases.Select(c => (JsonNode)new JsonObject { ["op"] = c.Op, ["input"] = c.Cli.DeepClone() }).ToArray()).ToJsonString());
        JsonArray sent = (await Oracle("serialize", inputs)).AsArray();
        for (int i = 0; i < cases.Count; i++)
        {
            var (op, cli) = cases[i];
            Assert.Equal(op == "CreateAuthorizer" ? "POST" : "PATCH", (string)sent[i]["method"]);
            Assert.Equal(op == "CreateAuthorizer" ? "/v2/apis/a1b2c3d4e5/authorizers" : "/v2/apis/a1b2c3d4e5/authorizers/xyz789", (string)sent[i]["path"]);
            JsonObject wire = sent[i]["body"].AsObject();
            HttpApiAuthorizer parsed = HttpApiAuthorizer.FromJson(wire, MemberNaming.Wire);
            JsonObject expected = (JsonObject)cli.DeepClone();
            expected.Remove("ApiId");
            expected.Remove("AuthorizerId");
            Assert.True(JsonNode.DeepEquals(expected, parsed.ToJson(MemberNaming.Shape)), $"{op}: SDK sent {wire.ToJsonString()} for {cli.ToJsonString()}");
            Assert.True(JsonNode.DeepEquals(HttpApiAuthorizer.FromJson(expected, MemberNaming.Shape).ToJson(MemberNaming.Wire), wire));
        }
    }

    [Fact]
    public async Task The_SDK_drives_the_local_control_plane_and_the_API_it_configured_admits_a_device_jwt()
    {
        NodeOracles.Require(Package);
        JsonObject jwt = await JwtBody();
        JsonObject request = await RequestBody();
        JsonObject update = await Generate("update-json", "--ttl", "60", "--payload-format-version", "2.0");
        string scenario = _dir.File("scenario.json");
        File.WriteAllText(scenario, new JsonObject { ["jwt"] = jwt.DeepClone(), ["request"] = request.DeepClone(), ["update"] = update.DeepClone() }.ToJsonString());

        var deviceClock = new VirtualTime(DateTimeOffset.UtcNow);
        await using var host = await LocalHttpApiHost.StartAsync(TimeProvider.System);
        var keys = new JsonWebKeySet();
        keys.Add(TestKeys.Key, null);
        host.Gateway.AddIssuer(new OpenIdIssuer("https://devices.example.com", keys));
        JsonNode r = await Oracle("drive", host.EndpointUrl, scenario);

        JsonObject got = r["getJwt"].AsObject();
        Assert.Equal("device-jwt", (string)got["Name"]);
        Assert.True(JsonNode.DeepEquals(jwt["JwtConfiguration"], got["JwtConfiguration"]));
        Assert.True(JsonNode.DeepEquals(jwt["IdentitySource"], got["IdentitySource"]));
        Assert.Equal("[[\"device-jwt\"],[\"device-request\"],null]", r["pages"].ToJsonString());
        Assert.Equal(60, (int)r["updated"]["AuthorizerResultTtlInSeconds"]);
        Assert.True((bool)r["updated"]["EnableSimpleResponses"]);
        void Error(string name, string type, int status, string fragment)
        {
            Assert.Equal(type, (string)r["errors"][name]["name"]);
            Assert.Equal(status, (int)r["errors"][name]["status"]);
            Assert.Contains(fragment, (string)r["errors"][name]["message"]);
        }

        Error("unknownAuthorizer", "NotFoundException", 404, "Invalid authorizer identifier");
        Error("unknownApi", "NotFoundException", 404, "Invalid API identifier");
        Error("badTtl", "BadRequestException", 400, "between 0 (no caching) and 3600");
        Error("jwtWithUri", "BadRequestException", 400, "AuthorizerUri is only for REQUEST");
        Error("duplicateRoute", "ConflictException", 409, "already exists");
        Error("deleteInUse", "ConflictException", 409, "GET /telemetry");
        Error("resetUnknownStage", "NotFoundException", 404, "Invalid stage identifier");
        Assert.Equal("none", (string)r["afterDelete"]["name"]);

        // The API the SDK configured protects GET /telemetry with the JWT authorizer: a device's token gets in, no token does not.
        using RsaPrivateKey key = RsaPrivateKey.FromPem(TestKeys.PrivatePem);
        var options = new JwtOptions("https://devices.example.com", "thing-42", "device-api", 600) { KeyId = JwkThumbprint.ForRsaKey(key) };
        AuthToken token = new JwtTokenSource(options, new RsaSha256Signer(RsaPrivateKey.FromPem(TestKeys.PrivatePem)), deviceClock, new SystemRandomSource()).GetToken(0);
        HttpAuthorizationParts parts = new ApiGatewayJwtAuthorization(deviceClock).Compose(token);
        var get = new HttpRequestMessage(HttpMethod.Get, "telemetry");
        get.Headers.TryAddWithoutValidation(parts.GetHeaderName(0), parts.GetHeaderValue(0));
        string api = (string)r["apiId"];
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(api, get)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SendAsync(api, new HttpRequestMessage(HttpMethod.Get, "telemetry"))).Status);
    }
}
