using System.Security.Cryptography;
using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.Tests;

/// <summary>`verify` accepts what the library composes and names the right reason (and pitfall) for each way to get it wrong.</summary>
public sealed class VerifyTests : IDisposable
{
    private const string Name = "my-authorizer";
    private readonly TempDir _dir = new();
    private readonly string _pub;

    public VerifyTests()
    {
        TestKeys.WriteKeyFiles(_dir, out _, out _pub);
    }

    public void Dispose() => _dir.Dispose();

    private string[] Keys => new[] { "--authorizer-name", Name, "--token-key-name", "token", "--public-key", "key1=" + _pub };

    /// <summary>A token whose signature contains '+', '/' and '=' characters (so encoding mistakes show).</summary>
    private static AuthToken Token(RSA key = null)
    {
        for (int i = 0; ; i++)
        {
            string token = "device-7-token-" + i;
            string sig = TestKeys.DotNetSign(token, key);
            if (sig.Contains('+') && sig.Contains('/'))
            {
                return new AuthToken(token, sig, DateTime.MinValue, AuthToken.NoExpiry);
            }
        }
    }

    private static string Username(AuthToken token) =>
        new AwsIotMqttAuthorization(Name, "token", false, DeviceAuth.SystemClock.Instance).Compose(token, "device-7").Username;

    private async Task<CliResult> VerifyMqtt(string username, params string[] extra) =>
        await CliRunner.InProcess(new[] { "verify", "--mqtt-username", username, "--client-id", "device-7" }.Concat(Keys).Concat(extra).ToArray());

    private static void AssertRefused(CliResult r, string reason, string pitfall = null)
    {
        Assert.True(r.ExitCode == ExitCodes.Refused, $"exit {r.ExitCode}: {r.Out}{r.Err}");
        string verdict = r.Out.Split('\n').Single(l => l.StartsWith("REFUSED", StringComparison.Ordinal));
        Assert.StartsWith($"REFUSED ({reason}", verdict);
        if (pitfall != null)
        {
            Assert.Contains($"pitfall {pitfall} of CUSTOM-AUTH.md", verdict);
        }
    }

    private static void AssertNoSecrets(CliResult r, AuthToken token)
    {
        Assert.DoesNotContain(token.TokenSignature, r.Out + r.Err);
        Assert.DoesNotContain(token.TokenSignature[..20], r.Out + r.Err);
    }

    [Fact]
    public async Task Library_composed_mqtt_credentials_are_accepted()
    {
        AuthToken token = Token();
        var r = await VerifyMqtt(Username(token));
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.Contains("ACCEPTED", r.Out);
        Assert.Contains("signature verifies with key 'key1'", r.Out);
        AssertNoSecrets(r, token);
    }

    [Fact]
    public async Task Pitfall_1_second_question_mark_is_refused()
    {
        var r = await VerifyMqtt(Username(Token()) + "?SDK=Python&Version=1.0");
        AssertRefused(r, "AuthorizerFieldsIgnored", "1");
        Assert.Contains("with '&'", r.Out);
    }

    [Fact]
    public async Task Pitfall_2_port_443_without_alpn_or_custom_auth_domain_is_refused()
    {
        string username = Username(Token());
        AssertRefused(await VerifyMqtt(username, "--port", "443", "--server-name", "abc-ats.iot.us-east-1.amazonaws.com"), "NoAuthorizer", "2");
        Assert.Equal(0, (await VerifyMqtt(username, "--port", "443", "--alpn", "mqtt")).ExitCode);
        Assert.Equal(0, (await VerifyMqtt(username, "--port", "443", "--server-name", "mqtt.example.com", "--custom-auth-domain", "mqtt.example.com")).ExitCode);
        AssertRefused(await VerifyMqtt(username, "--port", "443", "--server-name", "other.example.com", "--custom-auth-domain", "mqtt.example.com"), "NoAuthorizer", "2");
    }

    [Fact]
    public async Task Pitfall_3_unencoded_or_double_encoded_signature_is_refused()
    {
        AuthToken token = Token();
        string raw = $"?x-amz-customauthorizer-name={Name}&x-amz-customauthorizer-signature={token.TokenSignature}&token={token.Token}";
        var unencoded = await VerifyMqtt(raw);
        AssertRefused(unencoded, "SignatureMalformed", "3");
        Assert.Contains("unencoded '+'", unencoded.Out);
        AssertNoSecrets(unencoded, token);

        string twice = DeviceAuth.Encoding.PercentEncoding.Encode(DeviceAuth.Encoding.PercentEncoding.Encode(token.TokenSignature));
        var doubled = await VerifyMqtt($"?x-amz-customauthorizer-name={Name}&x-amz-customauthorizer-signature={twice}&token={token.Token}");
        AssertRefused(doubled, "SignatureMalformed", "3");
        Assert.Contains("twice", doubled.Out);

        var header = await CliRunner.InProcess(new[] { "verify", "-H", $"x-amz-customauthorizer-name: {Name}", "-H", "x-amz-customauthorizer-signature: " + DeviceAuth.Encoding.PercentEncoding.Encode(token.TokenSignature), "-H", "token: " + token.Token }.Concat(Keys).ToArray());
        AssertRefused(header, "SignatureMalformed", "3");
        Assert.Contains("headers carry the raw Base64", header.Out);
    }

    [Fact]
    public async Task Pitfall_4_expired_token_is_refused()
    {
        var clock = new VirtualTime(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var signer = new DotNetRsaSigner(TestKeys.Key);
        var source = new DeviceSignedTokenSource("device-7", signer, clock, new DeviceAuth.SystemRandomSource(1), 3600);
        AuthToken token = source.GetToken(0);
        var composer = new AwsIotMqttAuthorization(Name, "token", false, clock);
        string username = composer.Compose(token, "device-7").Username;
        var fresh = await VerifyMqtt(username, "--now", "2026-03-01T12:30:00Z");
        Assert.True(fresh.ExitCode == 0, fresh.Out);
        Assert.Contains("device-signed (ds1) token of 'device-7' valid until", fresh.Out);
        var expired = await VerifyMqtt(username, "--now", "2026-03-01T14:00:00Z");
        AssertRefused(expired, "NotAuthenticated", "4");
        Assert.Contains("never replayed", expired.Out);
    }

    [Fact]
    public async Task Pitfall_5_base64url_or_unpadded_signature_is_refused()
    {
        AuthToken token = Token();
        string url = DeviceAuth.Encoding.Base64Url.Encode(Convert.FromBase64String(token.TokenSignature));
        var r = await VerifyMqtt($"?x-amz-customauthorizer-name={Name}&x-amz-customauthorizer-signature={url}&token={token.Token}");
        AssertRefused(r, "SignatureMalformed", "5");
        Assert.Contains("base64url", r.Out);

        string unpadded = DeviceAuth.Encoding.PercentEncoding.Encode(token.TokenSignature.TrimEnd('='));
        var u = await VerifyMqtt($"?x-amz-customauthorizer-name={Name}&x-amz-customauthorizer-signature={unpadded}&token={token.Token}");
        AssertRefused(u, "SignatureMalformed", "5");
        Assert.Contains("multiple of 4", u.Out);
    }

    [Fact]
    public async Task Pitfall_6_policy_without_iot_connect_is_refused()
    {
        File.WriteAllText(_dir.File("fn.json"), """
            {"default": {"response": {"isAuthenticated": true, "principalId": "device7", "refreshAfterInSeconds": 300, "disconnectAfterInSeconds": 3600,
              "policyDocuments": [{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"*"}]}]}}}
            """);
        var r = await VerifyMqtt(Username(Token()), "--function", _dir.File("fn.json"));
        AssertRefused(r, "PolicyDenied", "6");
        Assert.Contains("AUTHORIZATION_ERROR", r.Out);
    }

    [Fact]
    public async Task Pitfall_7_slow_function_is_refused()
    {
        File.WriteAllText(_dir.File("slow.json"), """{"default": {"latencyMilliseconds": 6000, "response": {"isAuthenticated": true}}}""");
        var r = await VerifyMqtt(Username(Token()), "--function", _dir.File("slow.json"));
        AssertRefused(r, "FunctionTimeout", "7");
    }

    [Fact]
    public async Task Signature_from_another_key_is_refused()
    {
        AuthToken token = Token(TestKeys.OtherKey);
        var r = await VerifyMqtt(Username(token));
        AssertRefused(r, "SignatureMismatch");
        Assert.Contains("Lambda is never invoked", r.Out);
        AssertNoSecrets(r, token);
    }

    [Fact]
    public async Task Unknown_authorizer_and_missing_default_are_refused_and_the_default_is_used_when_configured()
    {
        AuthToken token = Token();
        var other = new AwsIotMqttAuthorization("someone-else", "token", false, DeviceAuth.SystemClock.Instance).Compose(token, "device-7").Username;
        AssertRefused(await VerifyMqtt(other), "AuthorizerNotFound");
        string noName = AwsIotMqttAuthorization.ForDefaultAuthorizer("token", false, DeviceAuth.SystemClock.Instance).Compose(token, "device-7").Username;
        AssertRefused(await VerifyMqtt(noName), "NoAuthorizer");
        var withDefault = await VerifyMqtt(noName, "--default-authorizer", Name);
        Assert.Equal(0, withDefault.ExitCode);
        Assert.Contains("default authorizer", withDefault.Out);
    }

    [Fact]
    public async Task Http_headers_and_query_from_the_library_are_accepted_and_a_plus_in_the_query_is_refused()
    {
        AuthToken token = Token();
        var headers = new AwsIotHttpAuthorization(Name, "token", false, AwsIotHttpPlacement.Headers, DeviceAuth.SystemClock.Instance).Compose(token);
        var args = new List<string> { "verify" };
        for (int i = 0; i < headers.HeaderCount; i++)
        {
            args.AddRange(new[] { "-H", headers.GetHeaderName(i) + ": " + headers.GetHeaderValue(i) });
        }

        Assert.Equal(0, (await CliRunner.InProcess(args.Concat(Keys).ToArray())).ExitCode);
        string query = new AwsIotHttpAuthorization(Name, "token", false, AwsIotHttpPlacement.QueryString, DeviceAuth.SystemClock.Instance).Compose(token).ToQueryString();
        Assert.Equal(0, (await CliRunner.InProcess(new[] { "verify", "--query", "https://x.example/topics/t?" + query }.Concat(Keys).ToArray())).ExitCode);
        string rawQuery = $"x-amz-customauthorizer-name={Name}&x-amz-customauthorizer-signature={token.TokenSignature}&token={token.Token}";
        AssertRefused(await CliRunner.InProcess(new[] { "verify", "--query", rawQuery }.Concat(Keys).ToArray()), "SignatureMalformed", "3");
    }

    [Fact]
    public async Task Runs_as_a_process_with_the_same_verdicts()
    {
        AuthToken token = Token();
        var ok = await CliRunner.AsProcess(_dir.Path, new[] { "verify", "--mqtt-username", Username(token) }.Concat(Keys).ToArray());
        Assert.True(ok.ExitCode == 0, ok.Out + ok.Err);
        var bad = await CliRunner.AsProcess(_dir.Path, new[] { "verify", "--mqtt-username", Username(token) + "?SDK=x" }.Concat(Keys).ToArray());
        Assert.Equal(ExitCodes.Refused, bad.ExitCode);
        Assert.Contains("pitfall 1", bad.Out);
    }
}
