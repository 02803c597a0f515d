using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.Tests;

/// <summary>`token` and `test-invoke`: what the library mints, checked with .NET's own RSA/HMAC and parsers.</summary>
public sealed class TokenCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _priv;
    private readonly string _pub;

    public TokenCommandTests()
    {
        TestKeys.WriteKeyFiles(_dir, out _priv, out _pub);
    }

    public void Dispose() => _dir.Dispose();

    private static bool DotNetVerifies(string token, string signature) =>
        TestKeys.Key.VerifyData(System.Text.Encoding.UTF8.GetBytes(token), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private async Task<JsonElement> TokenJson(params string[] args)
    {
        var r = await CliRunner.InProcess(new[] { "token", "--format", "json" }.Concat(args).ToArray());
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    [Fact]
    public async Task Static_token_signature_equals_dotnets_pkcs1_signature()
    {
        var j = await TokenJson("--kind", "static", "--token", "héllo token", "--private-key", _priv);
        Assert.Equal(TestKeys.DotNetSign("héllo token"), j.GetProperty("tokenSignature").GetString());
    }

    /// <summary>
    /// A newcomer gives one of the two ids: the token and the CONNECT name the same device, as the shipped
    /// Lambdas require (before, `--client-id thing-42` minted a token for device-1).
    /// </summary>
    [Fact]
    public async Task One_id_given_names_both_the_token_and_the_mqtt_client()
    {
        var byClient = await TokenJson("--private-key", _priv, "--client-id", "thing-42");
        Assert.StartsWith("ds1.thing-42.", byClient.GetProperty("token").GetString());
        Assert.Equal("thing-42", byClient.GetProperty("mqtt").GetProperty("clientId").GetString());

        var byDevice = await TokenJson("--private-key", _priv, "--device-id", "thing-43");
        Assert.StartsWith("ds1.thing-43.", byDevice.GetProperty("token").GetString());
        Assert.Equal("thing-43", byDevice.GetProperty("mqtt").GetProperty("clientId").GetString());

        var both = await TokenJson("--private-key", _priv, "--device-id", "thing-44", "--client-id", "gateway-1");
        Assert.StartsWith("ds1.thing-44.", both.GetProperty("token").GetString());
        Assert.Equal("gateway-1", both.GetProperty("mqtt").GetProperty("clientId").GetString());

        var neither = await TokenJson("--private-key", _priv);
        Assert.StartsWith("ds1.device-1.", neither.GetProperty("token").GetString());
        Assert.Equal("device-1", neither.GetProperty("mqtt").GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task Device_signed_token_is_ds1_and_verifies_with_dotnet()
    {
        var j = await TokenJson("--kind", "device-signed", "--private-key", _priv, "--device-id", "thing-42", "--lifetime", "900");
        string token = j.GetProperty("token").GetString();
        Assert.StartsWith("ds1.thing-42.", token);
        Assert.True(DotNetVerifies(token, j.GetProperty("tokenSignature").GetString()));
        var claims = TokenClaims.TryRead(token);
        Assert.Equal(900, (claims.ExpiresAt - claims.IssuedAt)!.Value.TotalSeconds);
    }

    [Fact]
    public async Task Jwt_aws_iot_form_signs_header_payload_and_compact_form_is_a_valid_rs256_jwt()
    {
        var j = await TokenJson("--kind", "jwt", "--private-key", _priv, "--device-id", "thing-42", "--audience", "iot", "--key-id", "k1");
        string token = j.GetProperty("token").GetString();
        Assert.Equal(2, token.Split('.').Length);
        Assert.True(DotNetVerifies(token, j.GetProperty("tokenSignature").GetString()));
        using var header = JsonDocument.Parse(TokenClaims.Base64UrlDecode(token.Split('.')[0]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("k1", header.RootElement.GetProperty("kid").GetString());

        var compact = await TokenJson("--kind", "jwt", "--jwt-form", "compact", "--private-key", _priv);
        string[] parts = compact.GetProperty("token").GetString().Split('.');
        Assert.Equal(3, parts.Length);
        Assert.False(compact.TryGetProperty("tokenSignature", out _));
        Assert.True(TestKeys.Key.VerifyData(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), TokenClaims.Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task Hmac_token_verifies_with_dotnets_hmac()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        var j = await TokenJson("--kind", "hmac", "--hmac-secret-base64", Convert.ToBase64String(secret), "--device-id", "thing-42", "--signing-disabled");
        string token = j.GetProperty("token").GetString();
        Assert.StartsWith("hm1.thing-42.", token);
        var ok = HmacToken.Verify(token, new DotNetHmacSigner(secret), DateTime.UtcNow, 7200, 60);
        Assert.Equal(TokenVerificationStatus.Valid, ok.Status);
        var wrong = HmacToken.Verify(token, new DotNetHmacSigner(RandomNumberGenerator.GetBytes(32)), DateTime.UtcNow, 7200, 60);
        Assert.Equal(TokenVerificationStatus.BadSignature, wrong.Status);
    }

    [Fact]
    public async Task Mqtt_username_output_passes_verify_and_secrets_are_not_echoed_in_errors()
    {
        var u = await CliRunner.InProcess("token", "--private-key", _priv, "--authorizer-name", "a1", "--format", "mqtt-username");
        Assert.Equal(0, u.ExitCode);
        var v = await CliRunner.InProcess("verify", "--mqtt-username", u.Out.Trim(), "--authorizer-name", "a1", "--public-key", "k=" + _pub);
        Assert.True(v.ExitCode == 0, v.Out);

        var bad = await CliRunner.InProcess("token", "--private-key", _pub);
        Assert.Equal(ExitCodes.InvalidInput, bad.ExitCode);
        Assert.Contains("not a private key", bad.Err);
        Assert.DoesNotContain("MII", bad.Err);
    }

    [Fact]
    public async Task Test_invoke_bodies_have_the_seed_shape_for_each_context()
    {
        var mqtt = await CliRunner.InProcess("test-invoke", "--context", "mqtt", "--private-key", _priv, "--client-id", "thing-42", "--server-name", "iot.example.com", "--cli-input-json");
        Assert.True(mqtt.ExitCode == 0, mqtt.Err);
        var m = JsonDocument.Parse(mqtt.Out).RootElement;
        Assert.Equal(new[] { "authorizerName", "token", "tokenSignature", "mqttContext", "tlsContext" }, m.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("thing-42", m.GetProperty("mqttContext").GetProperty("clientId").GetString());
        Assert.Equal("iot.example.com", m.GetProperty("tlsContext").GetProperty("serverName").GetString());
        Assert.True(DotNetVerifies(m.GetProperty("token").GetString(), m.GetProperty("tokenSignature").GetString()));
        Assert.Contains("x-amz-customauthorizer-signature=", m.GetProperty("mqttContext").GetProperty("username").GetString());

        var http = await CliRunner.InProcess("test-invoke", "--context", "http", "--private-key", _priv);
        var h = JsonDocument.Parse(http.Out).RootElement;
        Assert.Equal("device-authorizer", h.GetProperty("httpContext").GetProperty("headers").GetProperty("x-amz-customauthorizer-name").GetString());

        var tls = await CliRunner.InProcess("test-invoke", "--context", "tls", "--private-key", _priv, "--server-name", "iot.example.com");
        var t = JsonDocument.Parse(tls.Out).RootElement;
        Assert.Equal(new[] { "token", "tokenSignature", "tlsContext" }, t.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Test_invoke_send_reaches_a_serve_started_in_process()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var started = new TaskCompletionSource<DeviceAuth.LocalCloud.Server.ServerEndpoints>();
        var serveOut = new StringWriter();
        var context = new CliContext(serveOut, new StringWriter()) { ServerStarted = e => started.TrySetResult(e) };
        string ca = _dir.File("ca.pem");
        Task<int> serve = CliApp.RunAsync(new[] { "serve", "--https-port", "0", "--public-key", "k1=" + _pub, "--ca-out", ca, "--duration", "60", "--quiet" }, context, cts.Token);
        var endpoints = await started.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        string url = $"https://127.0.0.1:{endpoints.Https.Port}";
        var ok = await CliRunner.InProcess("test-invoke", "--private-key", _priv, "--send", url, "--ca-file", ca);
        Assert.True(ok.ExitCode == 0, ok.Out + ok.Err);
        Assert.StartsWith("HTTP 200", ok.Out);
        Assert.Contains("\"isAuthenticated\":true", ok.Out);

        using var other = RSA.Create(2048);
        File.WriteAllText(_dir.File("other.pem"), other.ExportPkcs8PrivateKeyPem());
        var refused = await CliRunner.InProcess("test-invoke", "--private-key", _dir.File("other.pem"), "--send", url, "--ca-file", ca);
        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.StartsWith("HTTP 400 InvalidRequestException", refused.Out);

        cts.Cancel();
        Assert.Equal(ExitCodes.Cancelled, await serve);
        Assert.Contains("\"testInvokes\":2", serveOut.ToString());
    }
}
