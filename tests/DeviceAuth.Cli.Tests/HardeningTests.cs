namespace DeviceAuth.Cli.Tests;

/// <summary>
/// Malformed files and tokens given to `serve` and `verify` (issue 11): exit 3 (or a verdict) with a message
/// that names the problem and a position, never exit 5, never a quote of the input, never a raw control character.
/// </summary>
public sealed class HardeningTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        string path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Base64UrlText(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void AssertCleanError(CliResult r, int exitCode, string expected)
    {
        Assert.True(r.ExitCode == exitCode, $"exit {r.ExitCode}: {r.Err}");
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain(r.Err, c => char.IsControl(c) && c != '\n' && c != '\r');
        Assert.DoesNotContain("   at ", r.Err);
    }

    public static TheoryData<string, string> BadAuthorizerFiles => new()
    {
        { """{"authorizerName":"\ud800","authorizerFunctionArn":"x"}""", "lone surrogate" },
        { """{"authorizerName":"a","authorizerName":"b"}""", "not valid JSON" },
        { """{"authorizerName":"a","tags":[1]}""", "each tag must be an object" },
        { """{"authorizerName":"a","tags":[{"Key":"k","Value":5}]}""", "must be a string" },
        { """{"authorizerName":"a","\u001b[31mred":1}""", "unknown CreateAuthorizer member '\\u001B[31mred'" },
        { new string('[', 100) + new string(']', 100), "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadAuthorizerFiles))]
    public async Task Serve_with_a_malformed_authorizer_file_exits_3(string json, string expected)
    {
        var r = await CliRunner.InProcess("serve", "--authorizer", Write("a.json", json), "--https-port", "0", "--duration", "0");
        AssertCleanError(r, ExitCodes.InvalidInput, expected);
    }

    public static TheoryData<string, string> BadFunctionFiles => new()
    {
        { """{"rules":[{"match":{"clientId":"c"},"latencyMilliseconds":"slow","response":{}}]}""", "latencyMilliseconds must be a whole number" },
        { """{"rules":[{"match":{"clientId":"c"},"latencyMilliseconds":-1,"response":{}}]}""", "latencyMilliseconds must be a whole number" },
        { """{"checkExpiry":"no"}""", "checkExpiry must be true or false" },
        { """{"default":{"response":{"isAuthenticated":"yes"}}}""", "isAuthenticated must be true or false" },
        { """{"default":{"response":{"principalId":7}}}""", "principalId must be a string" },
        { """{"default":{"response":{"policyDocuments":[7]}}}""", "each of policyDocuments" },
        { """{"rules":[{"match":{"hmacSecretBase64":"not base64!"},"response":{}}]}""", "hmacSecretBase64 must be a non-empty standard Base64" },
        { """{"rules":[{"match":{"token":"\udfff"},"response":{}}]}""", "lone surrogate" },
        { """{"default":{"response":{}},"fail":true}""", "unknown member 'fail'" },
    };

    [Theory]
    [MemberData(nameof(BadFunctionFiles))]
    public async Task Serve_with_a_malformed_function_file_exits_3(string json, string expected)
    {
        var r = await CliRunner.InProcess("serve", "--signing-disabled", "--function", Write("fn.json", json), "--https-port", "0", "--duration", "0");
        AssertCleanError(r, ExitCodes.InvalidInput, expected);
    }

    [Fact]
    public async Task A_JSON_syntax_error_names_the_position_and_never_quotes_the_file()
    {
        // The function file holds an HMAC secret; System.Text.Json's own message would quote the offending character.
        string json = "{\"rules\":[{\"match\":{\"hmacSecretBase64\":\"c2VjcmV0\"},\"response\":{}}], \"x\": Zsecret}";
        var r = await CliRunner.InProcess("serve", "--signing-disabled", "--function", Write("fn.json", json), "--https-port", "0", "--duration", "0");
        AssertCleanError(r, ExitCodes.InvalidInput, "is not valid JSON (line 1, byte");
        Assert.DoesNotContain("'Z'", r.Err);
        Assert.DoesNotContain("secret", r.Err.Replace("fn.json", string.Empty));
    }

    /// <summary>Issue 11, reproducer 5: `verify` with a JWT-shaped token whose exp lies past year 9999 exited 5.</summary>
    [Theory]
    [InlineData("{\"sub\":\"d\",\"exp\":99999999999999}", ExitCodes.Ok)]
    [InlineData("{\"sub\":\"d\",\"exp\":-99999999999999}", ExitCodes.Refused)]
    [InlineData("{\"sub\":\"d\",\"exp\":\"soon\"}", ExitCodes.Refused)]
    [InlineData("{\"sub\":\"d\",\"nbf\":1e308,\"exp\":1e308}", ExitCodes.Refused)]
    public async Task Verify_with_out_of_range_token_times_gives_a_verdict(string payload, int exitCode)
    {
        string token = Base64UrlText("{\"alg\":\"RS256\"}") + "." + Base64UrlText(payload) + ".c2ln";
        var r = await CliRunner.InProcess("verify", "--signing-disabled", "--authorizer-name", "a", "--query", "x-amz-customauthorizer-name=a&token=" + token);
        Assert.True(r.ExitCode == exitCode, $"exit {r.ExitCode}: {r.Out}{r.Err}");
    }

    /// <summary>Issue 11, reproducer 1: the CLI printed about 1,580 Base64 characters of the private key in an import error.</summary>
    [Theory]
    [InlineData("one-line")]
    [InlineData("no-end")]
    [InlineData("end-label")]
    public async Task A_damaged_private_key_file_is_exit_3_without_any_key_material_on_stderr(string shape)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        string b64 = Convert.ToBase64String(rsa.ExportRSAPrivateKey());
        string pem = shape switch
        {
            "one-line" => "-----BEGIN RSA PRIVATE KEY " + b64 + " -----END RSA PRIVATE KEY-----",
            "no-end" => "-----BEGIN " + b64 + "-----",
            _ => "-----BEGIN RSA PRIVATE KEY-----\n" + b64 + "\n-----END " + b64.Substring(0, 40) + "-----\n",
        };
        var r = await CliRunner.InProcess("token", "--private-key", Write("device.key.pem", pem));
        Assert.True(r.ExitCode == ExitCodes.InvalidInput, $"exit {r.ExitCode}");
        for (int i = 0; i + 12 <= b64.Length; i += 4)
        {
            Assert.False((r.Out + r.Err).Contains(b64.Substring(i, 12), StringComparison.Ordinal), $"key characters {i}-{i + 11} on the console");
        }
    }

    [Fact]
    public async Task An_unexpected_error_is_reported_by_type_only()
    {
        var r = await CliRunner.InProcess(new CliContext(new StringWriter(), new StringWriter()) { ServerStarted = _ => throw new InvalidOperationException("secret-in-message") }, "serve", "--signing-disabled", "--https-port", "0", "--duration", "0");
        Assert.Equal(ExitCodes.Internal, r.ExitCode);
        Assert.Contains("unexpected InvalidOperationException", r.Err);
        Assert.DoesNotContain("secret-in-message", r.Err);
    }
}
