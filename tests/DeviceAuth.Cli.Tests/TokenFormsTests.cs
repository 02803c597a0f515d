using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.Cli.Tests;

/// <summary>`token` mints once and prints every form of that one token; the password-carried token; API Gateway JWTs without AWS IoT options.</summary>
public sealed class TokenFormsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _priv;

    public TokenFormsTests()
    {
        TestKeys.WriteKeyFiles(_dir, out _priv, out _);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<CliResult> Token(params string[] args)
    {
        var r = await CliRunner.InProcess(new[] { "token", "--private-key", _priv }.Concat(args).ToArray());
        return r;
    }

    private async Task<JsonObject> TokenJson(params string[] args)
    {
        var r = await Token(args.Concat(new[] { "--format", "json" }).ToArray());
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonNode.Parse(r.Out)!.AsObject();
    }

    /// <summary>Parameters of a query string or of an MQTT username's part after '?', percent-decoded once.</summary>
    private static Dictionary<string, string> Parameters(string query) =>
        query[(query.IndexOf('?') + 1)..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    [Fact]
    public async Task Json_holds_every_form_of_one_token()
    {
        JsonObject j = await TokenJson("--device-id", "thing-42", "--client-id", "thing-42");
        string token = j["token"]!.GetValue<string>();
        string signature = j["tokenSignature"]!.GetValue<string>();
        Assert.True(TestKeys.Key.VerifyData(System.Text.Encoding.UTF8.GetBytes(token), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var username = Parameters(j["mqtt"]!["username"]!.GetValue<string>());
        Assert.Equal(("device-authorizer", signature, token), (username["x-amz-customauthorizer-name"], username["x-amz-customauthorizer-signature"], username["token"]));
        Assert.Equal("thing-42", j["mqtt"]!["clientId"]!.GetValue<string>());
        Assert.Null(j["mqtt"]!["password"]);

        JsonObject headers = j["http"]!["headers"]!.AsObject();
        Assert.Equal((signature, token), (headers["x-amz-customauthorizer-signature"]!.GetValue<string>(), headers["token"]!.GetValue<string>()));
        var query = Parameters(j["http"]!["queryString"]!.GetValue<string>());
        Assert.Equal((signature, token), (query["x-amz-customauthorizer-signature"], query["token"]));

        JsonNode mqttInvoke = j["testInvokeAuthorizer"]!["mqtt"]!;
        Assert.Equal("device-authorizer", mqttInvoke["authorizerName"]!.GetValue<string>());
        Assert.Equal((token, signature), (mqttInvoke["token"]!.GetValue<string>(), mqttInvoke["tokenSignature"]!.GetValue<string>()));
        Assert.Equal(j["mqtt"]!["username"]!.GetValue<string>(), mqttInvoke["mqttContext"]!["username"]!.GetValue<string>());
        JsonNode httpInvoke = j["testInvokeAuthorizer"]!["http"]!;
        Assert.True(JsonNode.DeepEquals(headers, httpInvoke["httpContext"]!["headers"]), httpInvoke.ToJsonString());
        Assert.Equal(token, httpInvoke["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_of_a_token_that_cannot_travel_in_a_header_says_why_and_keeps_the_other_forms()
    {
        JsonObject j = await TokenJson("--kind", "static", "--token", "héllo token");
        Assert.Contains("visible ASCII", j["http"]!["headersUnavailable"]!.GetValue<string>());
        Assert.Equal("héllo token", Parameters(j["http"]!["queryString"]!.GetValue<string>())["token"]);
        Assert.Equal("héllo token", j["testInvokeAuthorizer"]!["http"]!["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Password_carried_token_is_printed_as_text_base64_and_in_the_test_invoke_body()
    {
        string[] mode = { "--mqtt-token-placement", "password", "--signing-disabled" };
        var text = await Token(mode.Append("--format").Append("mqtt-password").ToArray());
        Assert.True(text.ExitCode == 0, text.Err);
        Assert.NotNull(TokenClaims.TryRead(text.Out.TrimEnd('\n')));
        Assert.StartsWith("ds1.device-1.", text.Out);

        var b64 = await Token(mode.Append("--format").Append("mqtt-password-base64").ToArray());
        Assert.StartsWith("ds1.device-1.", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b64.Out.Trim())));

        JsonObject j = await TokenJson(mode);
        string token = j["token"]!.GetValue<string>();
        Assert.Null(j["tokenSignature"]);
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(token)), j["mqtt"]!["password"]!.GetValue<string>());
        Assert.Equal("?x-amz-customauthorizer-name=device-authorizer", j["mqtt"]!["username"]!.GetValue<string>());
        JsonNode invoke = j["testInvokeAuthorizer"]!["mqtt"]!;
        Assert.Null(invoke["token"]);
        Assert.Null(invoke["tokenSignature"]);
        Assert.Equal(j["mqtt"]!["password"]!.GetValue<string>(), invoke["mqttContext"]!["password"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("add --mqtt-token-placement password", "--format", "mqtt-password")]
    [InlineData("--mqtt-token-placement password needs --signing-disabled", "--mqtt-token-placement", "password", "--format", "mqtt-password")]
    [InlineData("--username-prefix", "--signing-disabled", "--mqtt-token-placement", "password", "--use-default-authorizer", "--format", "json")]
    public async Task Password_mode_mistakes_are_explained_in_option_names(string expected, params string[] args)
    {
        var r = await Token(args);
        Assert.Equal(ExitCodes.InvalidInput, r.ExitCode);
        Assert.Contains(expected, r.Err);
        Assert.Equal(string.Empty, r.Out);
        if (!args.Contains("--signing-disabled"))
        {
            Assert.Contains("--signing-disabled", r.Err);
        }
    }

    /// <summary>The command, as written: a compact JWT for an API Gateway JWT authorizer, no AWS IoT flags, no error.</summary>
    [Fact]
    public async Task Compact_jwt_is_for_api_gateway_without_aws_iot_options()
    {
        var text = await Token("--kind", "jwt", "--jwt-form", "compact");
        Assert.True(text.ExitCode == 0, text.Err);
        Assert.Equal(string.Empty, text.Err);
        Assert.Contains("Authorization: Bearer ey", text.Out);

        var header = await Token("--for", "apigateway-jwt", "--device-id", "thing-42", "--audience", "device-api", "--format", "http-headers");
        Assert.True(header.ExitCode == 0, header.Err);
        string line = Assert.Single(header.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Authorization: Bearer ", line);
        string[] parts = line["Authorization: Bearer ".Length..].Split('.');
        Assert.True(TestKeys.Key.VerifyData(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), TokenClaims.Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        JsonNode claims = JsonNode.Parse(TokenClaims.Base64UrlDecode(parts[1]))!;
        Assert.Equal(("thing-42", "device-api"), (claims["sub"]!.GetValue<string>(), claims["aud"]!.GetValue<string>()));

        var query = await Token("--for", "apigateway-jwt", "--identity-source", "$request.querystring.jwt", "--format", "http-query");
        Assert.True(query.ExitCode == 0, query.Err);
        Assert.StartsWith("jwt=ey", query.Out);
    }

    [Theory]
    [InlineData("--token-key-name is an AWS IoT option", "--for", "apigateway-jwt", "--token-key-name", "token")]
    [InlineData("use --kind jwt", "--for", "apigateway-jwt", "--kind", "device-signed")]
    [InlineData("use --jwt-form compact", "--for", "apigateway-jwt", "--jwt-form", "aws-iot")]
    [InlineData("sign with --private-key", "--for", "apigateway-jwt", "--hmac-secret-base64", "c2VjcmV0LXNlY3JldC1zZWNyZXQh")]
    [InlineData("--format mqtt-username is for AWS IoT", "--for", "apigateway-jwt", "--format", "mqtt-username")]
    [InlineData("--for apigateway-jwt", "--kind", "jwt", "--jwt-form", "compact", "--authorizer-name", "a1")]
    [InlineData("--identity-source is for --for apigateway-jwt", "--for", "aws-iot", "--identity-source", "$request.header.X")]
    [InlineData("add --signing-disabled", "--kind", "hmac", "--hmac-secret-base64", "c2VjcmV0LXNlY3JldC1zZWNyZXQh")]
    public async Task Target_mistakes_are_explained_in_option_names(string expected, params string[] args)
    {
        var r = await Token(args);
        Assert.Equal(ExitCodes.InvalidInput, r.ExitCode);
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("signing enabled but the token has no signature", r.Err);
        Assert.Equal(string.Empty, r.Out);
    }

    [Fact]
    public async Task Compact_jwt_for_aws_iot_with_signing_disabled_is_the_whole_jwt_under_tokenKeyName()
    {
        JsonObject j = await TokenJson("--kind", "jwt", "--jwt-form", "compact", "--signing-disabled");
        Assert.Equal("aws-iot", j["for"]!.GetValue<string>());
        string token = j["token"]!.GetValue<string>();
        Assert.Equal(3, token.Split('.').Length);
        var username = Parameters(j["mqtt"]!["username"]!.GetValue<string>());
        Assert.Equal(token, username["token"]);
        Assert.False(username.ContainsKey("x-amz-customauthorizer-signature"));
    }
}
