using System.Text.Json.Nodes;

namespace DeviceAuth.Cli.Tests;

/// <summary>
/// The request bodies the tool writes for AWS IoT APIs (TestInvokeAuthorizer, CreateAuthorizer,
/// UpdateAuthorizer) against what the AWS SDK for JavaScript v3 (@aws-sdk/client-iot) serializes for
/// the same input: tests/oracles/serialize-iot.mjs builds the SDK command and captures the HTTP
/// request before it is signed (no network, no credentials).
/// </summary>
public sealed class AwsSdkSerializationTests : IDisposable
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:device-authorizer";
    private readonly TempDir _dir = new();
    private readonly string _priv;
    private readonly string _pub;

    public AwsSdkSerializationTests()
    {
        TestKeys.WriteKeyFiles(_dir, out _priv, out _pub);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>What the SDK sends for <paramref name="command"/> with <paramref name="input"/> (the --cli-input-json form).</summary>
    private async Task<JsonNode> Sdk(string command, JsonNode input)
    {
        string file = _dir.File(Guid.NewGuid().ToString("n") + ".json");
        File.WriteAllText(file, input.ToJsonString());
        var (code, output, error) = await NodeOracles.RunAsync("@aws-sdk/client-iot", "serialize-iot.mjs", new[] { command, file }, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"serialize-iot.mjs {command}: exit {code}: {error}");
        return JsonNode.Parse(output)!;
    }

    private static JsonObject WithoutName(JsonNode input)
    {
        JsonObject copy = input.DeepClone().AsObject();
        copy.Remove("authorizerName");
        return copy;
    }

    private async Task AssertTestInvokeMatchesSdk(JsonNode input)
    {
        JsonNode sent = await Sdk("TestInvokeAuthorizer", input);
        Assert.Equal("POST", sent["method"]!.GetValue<string>());
        Assert.Equal("/authorizer/device-authorizer/test", sent["path"]!.GetValue<string>());
        JsonNode body = JsonNode.Parse(sent["body"]!.GetValue<string>())!;
        Assert.True(JsonNode.DeepEquals(WithoutName(input), body), $"ours: {WithoutName(input).ToJsonString()}\nSDK:  {body.ToJsonString()}");
    }

    private async Task<JsonNode> Cli(params string[] args)
    {
        var r = await CliRunner.InProcess(args);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonNode.Parse(r.Out)!;
    }

    [Theory]
    [InlineData("--context", "mqtt", "--client-id", "thing-42", "--server-name", "iot.example.com")]
    [InlineData("--context", "mqtt", "--signing-disabled", "--mqtt-token-placement", "password", "--username-prefix", "thing-42")]
    [InlineData("--context", "http")]
    [InlineData("--context", "http", "--placement", "query", "--server-name", "iot.example.com")]
    [InlineData("--context", "tls", "--server-name", "iot.example.com")]
    [InlineData("--context", "mqtt", "--kind", "static", "--token", "héllo \"token\"")]
    public async Task Test_invoke_body_equals_what_the_sdk_serializes(params string[] args)
    {
        JsonNode input = await Cli(new[] { "test-invoke", "--private-key", _priv, "--cli-input-json" }.Concat(args).ToArray());
        await AssertTestInvokeMatchesSdk(input);
    }

    [Fact]
    public async Task Token_json_test_invoke_bodies_equal_what_the_sdk_serializes()
    {
        JsonNode j = await Cli("token", "--private-key", _priv, "--format", "json", "--client-id", "thing-42");
        await AssertTestInvokeMatchesSdk(j["testInvokeAuthorizer"]!["mqtt"]!);
        await AssertTestInvokeMatchesSdk(j["testInvokeAuthorizer"]!["http"]!);
        JsonNode p = await Cli("token", "--private-key", _priv, "--format", "json", "--signing-disabled", "--mqtt-token-placement", "password");
        await AssertTestInvokeMatchesSdk(p["testInvokeAuthorizer"]!["mqtt"]!);
    }

    /// <summary>The comparison can fail: a password written as base64url (not the blob's standard Base64) differs from the SDK's encoding of the same bytes.</summary>
    [Fact]
    public async Task A_base64url_password_is_caught()
    {
        var input = new JsonObject { ["authorizerName"] = "device-authorizer", ["mqttContext"] = new JsonObject { ["username"] = "u", ["password"] = "-_-_", ["clientId"] = "c" } };
        JsonNode body = JsonNode.Parse((await Sdk("TestInvokeAuthorizer", input))["body"]!.GetValue<string>())!;
        Assert.Equal("+/+/", body["mqttContext"]!["password"]!.GetValue<string>());
        Assert.False(JsonNode.DeepEquals(WithoutName(input), body));
    }

    [Fact]
    public async Task Create_authorizer_body_equals_what_the_sdk_serializes_byte_for_byte()
    {
        string otherPub = _dir.File("next.pub.pem");
        File.WriteAllText(otherPub, TestKeys.OtherKey.ExportSubjectPublicKeyInfoPem());
        JsonNode input = await Cli("authorizer", "create-json", "--name", "device-authorizer", "--function-arn", Arn, "--token-key-name", "token",
            "--public-key", "key1=" + _pub, "--public-key", "next:2026=" + otherPub, "--enable-caching-for-http", "--tag", "env=prod", "--tag", "team=iot");
        JsonNode sent = await Sdk("CreateAuthorizer", input);
        Assert.Equal("POST", sent["method"]!.GetValue<string>());
        Assert.Equal("/authorizer/device-authorizer", sent["path"]!.GetValue<string>());
        Assert.Equal(CliJson.Compact(WithoutName(input)), sent["body"]!.GetValue<string>());

        JsonNode unsigned = await Cli("authorizer", "create-json", "--name", "device-hmac", "--function-arn", Arn, "--signing-disabled");
        JsonNode sentUnsigned = await Sdk("CreateAuthorizer", unsigned);
        Assert.Equal(CliJson.Compact(WithoutName(unsigned)), sentUnsigned["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_authorizer_body_equals_what_the_sdk_serializes_byte_for_byte()
    {
        JsonNode input = await Cli("authorizer", "update-json", "--name", "device-authorizer", "--function-arn", Arn, "--public-key", "key1=" + _pub, "--status", "INACTIVE", "--enable-caching-for-http", "false");
        JsonNode sent = await Sdk("UpdateAuthorizer", input);
        Assert.Equal("PUT", sent["method"]!.GetValue<string>());
        Assert.Equal("/authorizer/device-authorizer", sent["path"]!.GetValue<string>());
        Assert.Equal(CliJson.Compact(WithoutName(input)), sent["body"]!.GetValue<string>());
    }
}
