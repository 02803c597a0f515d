using System.Text.Json.Nodes;

namespace DeviceAuth.Cli.Tests;

/// <summary>`test-invoke --send` against a `serve` started in-process: the CA hint, plain quotes, the password-carried token.</summary>
public sealed class TestInvokeSendTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _priv;
    private readonly string _pub;

    public TestInvokeSendTests()
    {
        TestKeys.WriteKeyFiles(_dir, out _priv, out _pub);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Runs `serve` in-process on a free port until the test ends; returns its URL.</summary>
    private async Task<string> Serve(CancellationToken stop, params string[] args)
    {
        var started = new TaskCompletionSource<DeviceAuth.LocalCloud.Server.ServerEndpoints>();
        var context = new CliContext(new StringWriter(), new StringWriter()) { ServerStarted = e => started.TrySetResult(e) };
        Task<int> serve = CliApp.RunAsync(new[] { "serve", "--https-port", "0", "--ca-out", _dir.File("ca.pem"), "--duration", "60", "--quiet" }.Concat(args).ToArray(), context, stop);
        var endpoints = await Task.WhenAny(started.Task, serve) == serve
            ? throw new InvalidOperationException("serve stopped: " + context.Err)
            : await started.Task;
        return $"https://127.0.0.1:{endpoints.Https.Port}";
    }

    [Fact]
    public async Task Send_without_ca_file_says_which_file_to_pass()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        string url = await Serve(stop.Token, "--public-key", "k1=" + _pub);
        var r = await CliRunner.InProcess("test-invoke", "--private-key", _priv, "--send", url);
        stop.Cancel();
        Assert.Equal(ExitCodes.Environment, r.ExitCode);
        Assert.Contains("not trusted: pass --ca-file", r.Err);
        Assert.Contains("--ca-out", r.Err);
        Assert.DoesNotContain("inner exception", r.Err);
    }

    [Fact]
    public async Task Answer_prints_quotes_plainly()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        string url = await Serve(stop.Token, "--public-key", "k1=" + _pub);
        var r = await CliRunner.InProcess("test-invoke", "--private-key", _priv, "--send", url, "--ca-file", _dir.File("ca.pem"));
        stop.Cancel();
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.Contains("\"policyDocuments\":[\"{\\\"Version\\\":", r.Out);
        Assert.DoesNotContain("\\u0022", r.Out);
        JsonNode answer = JsonNode.Parse(r.Out.Split('\n', 2)[1])!;
        Assert.StartsWith("{\"Version\"", answer["policyDocuments"]![0]!.GetValue<string>());
    }

    /// <summary>
    /// A signing-disabled authorizer whose function reads the device id from the token: the token travels
    /// only in the MQTT password (mqttContext.password, Base64), as the AWS SDKs allow, and serve hands it
    /// to the function as AWS IoT hands it to the Lambda.
    /// </summary>
    [Fact]
    public async Task Password_carried_token_is_judged_by_serve_as_aws_iot_does()
    {
        string fn = _dir.File("fn.json");
        File.WriteAllText(fn, """
            { "rules": [ { "match": { "principal": "thing-42", "protocol": "mqtt" }, "response": { "isAuthenticated": true, "principalId": "thing42" } } ],
              "default": { "response": { "isAuthenticated": false } } }
            """);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        string url = await Serve(stop.Token, "--signing-disabled", "--function", fn);
        string[] device = { "test-invoke", "--private-key", _priv, "--signing-disabled", "--mqtt-token-placement", "password", "--client-id", "thing-42", "--send", url, "--ca-file", _dir.File("ca.pem") };

        var body = await CliRunner.InProcess(device.Take(8).Append("--device-id").Append("thing-42").ToArray());
        JsonNode request = JsonNode.Parse(body.Out)!;
        Assert.Null(request["token"]);
        Assert.StartsWith("ds1.thing-42.", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(request["mqttContext"]!["password"]!.GetValue<string>())));

        var accepted = await CliRunner.InProcess(device.Append("--device-id").Append("thing-42").ToArray());
        Assert.True(accepted.ExitCode == 0, accepted.Out + accepted.Err);
        JsonNode yes = JsonNode.Parse(accepted.Out.Split('\n', 2)[1])!;
        Assert.Equal((true, "thing42"), (yes["isAuthenticated"]!.GetValue<bool>(), yes["principalId"]!.GetValue<string>()));

        var stranger = await CliRunner.InProcess(device.Append("--device-id").Append("thing-7").ToArray());
        stop.Cancel();
        Assert.True(stranger.ExitCode == 0, stranger.Out + stranger.Err);
        Assert.False(JsonNode.Parse(stranger.Out.Split('\n', 2)[1])!["isAuthenticated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Verify_reads_a_password_carried_token_only_where_aws_iot_does()
    {
        string[] mode = { "--signing-disabled", "--mqtt-token-placement", "password" };
        var json = await CliRunner.InProcess(new[] { "token", "--private-key", _priv, "--format", "json" }.Concat(mode).ToArray());
        JsonNode j = JsonNode.Parse(json.Out)!;
        string username = j["mqtt"]!["username"]!.GetValue<string>();
        string password = j["mqtt"]!["password"]!.GetValue<string>();

        var ok = await CliRunner.InProcess("verify", "--signing-disabled", "--mqtt-username", username, "--mqtt-password-base64", password);
        Assert.True(ok.ExitCode == 0, ok.Out);
        Assert.Contains("token carried in the MQTT password", ok.Out);
        Assert.Contains("device-signed (ds1) token of 'device-1' valid until", ok.Out);

        var expired = await CliRunner.InProcess("verify", "--signing-disabled", "--mqtt-username", username, "--mqtt-password-base64", password, "--now", "2099-01-01T00:00:00Z");
        Assert.Equal(ExitCodes.Refused, expired.ExitCode);
        Assert.Contains("REFUSED (NotAuthenticated, pitfall 4", expired.Out);

        // With signing enabled the service reads token and signature from the username only.
        var signing = await CliRunner.InProcess("verify", "--public-key", "k1=" + _pub, "--mqtt-username", username, "--mqtt-password-base64", password);
        Assert.Equal(ExitCodes.Refused, signing.ExitCode);
        Assert.Contains("REFUSED (TokenMissing)", signing.Out);
        Assert.Contains("a token in the password is for authorizers with signing disabled", signing.Out);
    }
}
