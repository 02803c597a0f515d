using System.Text.Json.Nodes;

namespace DeviceAuth.Cli.Tests;

/// <summary>`apigateway create-json` / `update-json` / `issuer`: the bodies, the refusals and their exit codes, the issuer's files.</summary>
public sealed class ApiGatewayCommandTests : IDisposable
{
    private const string FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:device-request-authorizer";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Create_json_for_a_JWT_authorizer_defaults_to_the_Authorization_header()
    {
        var r = await CliRunner.InProcess("apigateway", "create-json", "--name", "device-jwt", "--type", "JWT", "--issuer", "https://devices.example.com", "--audience", "device-api", "--api-id", "a1b2c3d4e5");
        Assert.True(r.ExitCode == 0, r.Err);
        var expected = JsonNode.Parse("""
            {"ApiId":"a1b2c3d4e5","Name":"device-jwt","AuthorizerType":"JWT","IdentitySource":["$request.header.Authorization"],
             "JwtConfiguration":{"Audience":["device-api"],"Issuer":"https://devices.example.com"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(r.Out)), r.Out);
    }

    [Fact]
    public async Task Create_json_for_a_REQUEST_authorizer_builds_the_AuthorizerUri_and_defaults_to_payload_2_0()
    {
        var r = await CliRunner.InProcess("apigateway", "create-json", "--name", "device-request", "--type", "REQUEST", "--identity-source", "$request.header.x-device-token",
            "--identity-source", "$request.header.x-device-signature", "--function-arn", FunctionArn, "--ttl", "300", "--enable-simple-responses");
        Assert.True(r.ExitCode == 0, r.Err);
        JsonNode o = JsonNode.Parse(r.Out);
        Assert.Equal($"arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/{FunctionArn}/invocations", (string)o["AuthorizerUri"]);
        Assert.Equal("2.0", (string)o["AuthorizerPayloadFormatVersion"]);
        Assert.Equal(300, (int)o["AuthorizerResultTtlInSeconds"]);
        Assert.True((bool)o["EnableSimpleResponses"]);
        Assert.Null(o["ApiId"]);
    }

    [Theory]
    [InlineData("rule", "EnableSimpleResponses needs AuthorizerPayloadFormatVersion 2.0", "--type", "REQUEST", "--function-arn", FunctionArn, "--payload-format-version", "1.0", "--enable-simple-responses")]
    [InlineData("rule", "between 0 (no caching) and 3600", "--type", "REQUEST", "--function-arn", FunctionArn, "--identity-source", "$request.header.x", "--ttl", "3601")]
    [InlineData("rule", "needs at least one IdentitySource", "--type", "REQUEST", "--function-arn", FunctionArn, "--ttl", "60")]
    [InlineData("rule", "needs AuthorizerUri", "--type", "REQUEST")]
    [InlineData("rule", "exactly one IdentitySource", "--type", "JWT", "--issuer", "https://i.example", "--audience", "a", "--identity-source", "$request.header.A", "--identity-source", "$request.querystring.b")]
    [InlineData("rule", "must be an https URL", "--type", "JWT", "--issuer", "http://i.example", "--audience", "a")]
    [InlineData("rule", "at least one JwtConfiguration.Audience", "--type", "JWT", "--issuer", "https://i.example")]
    [InlineData("rule", "AuthorizerResultTtlInSeconds (a JWT authorizer caches nothing", "--type", "JWT", "--issuer", "https://i.example", "--audience", "a", "--ttl", "60")]
    [InlineData("rule", "not a Lambda function ARN", "--type", "REQUEST", "--function-arn", "arn:aws:lambda:eu-west-1:1:function:f")]
    [InlineData("rule", "not both", "--type", "REQUEST", "--function-arn", FunctionArn, "--authorizer-uri", "x")]
    [InlineData("usage", "Argument 'TOKEN' not recognized", "--type", "TOKEN")]
    public async Task Create_json_refuses_with_a_specific_message(string kind, string fragment, params string[] args)
    {
        var r = await CliRunner.InProcess(new[] { "apigateway", "create-json", "--name", "n" }.Concat(args).ToArray());
        Assert.Equal(kind == "usage" ? ExitCodes.Usage : ExitCodes.InvalidInput, r.ExitCode);
        Assert.Contains(fragment, r.Err);
        Assert.Equal(string.Empty, r.Out);
    }

    [Fact]
    public async Task Update_json_writes_only_what_is_given_and_refuses_an_empty_update()
    {
        var r = await CliRunner.InProcess("apigateway", "update-json", "--authorizer-id", "abc123", "--ttl", "60", "--enable-simple-responses", "false");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"AuthorizerId\":\"abc123\",\"AuthorizerResultTtlInSeconds\":60,\"EnableSimpleResponses\":false}"), JsonNode.Parse(r.Out)), r.Out);
        var empty = await CliRunner.InProcess("apigateway", "update-json", "--authorizer-id", "abc123");
        Assert.Equal(ExitCodes.InvalidInput, empty.ExitCode);
        Assert.Contains("nothing to update", empty.Err);
        var bad = await CliRunner.InProcess("apigateway", "update-json", "--type", "JWT", "--function-arn", FunctionArn);
        Assert.Equal(ExitCodes.InvalidInput, bad.ExitCode);
        Assert.Contains("AuthorizerUri is only for REQUEST", bad.Err);
    }

    [Fact]
    public async Task Issuer_writes_discovery_and_jwks_with_thumbprint_and_explicit_kids()
    {
        TestKeys.WriteKeyFiles(_dir, out string privatePath, out string pub);
        string folder = _dir.File("issuer");
        var r = await CliRunner.InProcess("apigateway", "issuer", "--issuer", "https://devices.example.com", "--public-key", pub, "--public-key", "thing-42=" + pub, "--out", folder);
        Assert.True(r.ExitCode == 0, r.Err);
        JsonNode discovery = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ".well-known", "openid-configuration")));
        Assert.Equal("https://devices.example.com/.well-known/jwks.json", (string)discovery["jwks_uri"]);
        JsonArray keys = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ".well-known", "jwks.json")))["keys"].AsArray();
        using var libraryKey = DeviceAuth.Crypto.RsaPrivateKey.FromPem(File.ReadAllText(privatePath));
        Assert.Equal(DeviceAuth.Crypto.JwkThumbprint.ForRsaKey(libraryKey), (string)keys[0]["kid"]);
        Assert.Equal("thing-42", (string)keys[1]["kid"]);
        Assert.Equal("AQAB", (string)keys[0]["e"]);
        Assert.Contains("kid thing-42", r.Out);
        Assert.DoesNotContain("PRIVATE", File.ReadAllText(Path.Combine(folder, ".well-known", "jwks.json")));

        var again = await CliRunner.InProcess("apigateway", "issuer", "--issuer", "https://devices.example.com", "--public-key", pub, "--out", folder);
        Assert.Equal(ExitCodes.Environment, again.ExitCode);
        var dup = await CliRunner.InProcess("apigateway", "issuer", "--issuer", "https://devices.example.com", "--public-key", "a=" + pub, "--public-key", "a=" + pub, "--out", _dir.File("x"), "--force");
        Assert.Equal(ExitCodes.InvalidInput, dup.ExitCode);
        Assert.Contains("each kid must be unique", dup.Err);
        var priv = await CliRunner.InProcess("apigateway", "issuer", "--issuer", "https://devices.example.com", "--public-key", privatePath, "--out", _dir.File("y"));
        Assert.Equal(ExitCodes.InvalidInput, priv.ExitCode);
        Assert.Contains("PRIVATE key", priv.Err);
        var http = await CliRunner.InProcess("apigateway", "issuer", "--issuer", "http://devices.example.com", "--public-key", pub, "--out", _dir.File("z"));
        Assert.Equal(ExitCodes.InvalidInput, http.ExitCode);
    }
}
