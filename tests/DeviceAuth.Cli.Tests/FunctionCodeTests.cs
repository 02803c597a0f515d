using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.Tests;

/// <summary>`verify --function-code`: the deployable Lambda code judges library-minted credentials, configured with --function-env(-file), at the --now instant.</summary>
public sealed class FunctionCodeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly DateTimeOffset Minted = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Username(string deviceId, byte[] secret, string clientId)
    {
        var clock = new VirtualTime(Minted);
        AuthToken token = new HmacTokenSource(deviceId, new DeviceAuth.Crypto.HmacSha256Signer(secret), clock, new SystemRandomSource(), 3600).GetToken(0);
        return new AwsIotMqttAuthorization("hmac-authorizer", "token", true, clock).Compose(token, clientId).Username;
    }

    private async Task<CliResult> Verify(string username, string now, params string[] extra)
    {
        LambdaCode.RequireNode();
        string[] args =
        {
            "verify", "--mqtt-username", username, "--client-id", "sensor-1", "--now", now,
            "--authorizer-name", "hmac-authorizer", "--token-key-name", "token", "--signing-disabled",
            "--function-code", LambdaCode.File("iot-custom-authorizer.mjs"),
        };
        return await CliRunner.InProcess(args.Concat(extra).ToArray());
    }

    [Fact]
    public async Task The_lambda_code_accepts_the_device_and_refuses_an_expired_token_or_a_foreign_secret()
    {
        byte[] secret = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
        string env = _dir.File("authorizer.env");
        File.WriteAllText(env, $"# the function's configuration\nHM1_SECRETS_JSON={{\"sensor-1\":\"{Convert.ToBase64String(secret)}\"}}\n");
        string username = Username("sensor-1", secret, "sensor-1");

        CliResult ok = await Verify(username, "2026-05-01T12:10:00Z", "--function-env-file", env);
        Assert.True(ok.ExitCode == ExitCodes.Ok, ok.Out + ok.Err);
        Assert.Contains("ACCEPTED", ok.Out);
        Assert.Contains("principal sensor1", ok.Out);

        CliResult expired = await Verify(username, "2026-05-01T13:01:00Z", "--function-env-file", env);
        Assert.Equal(ExitCodes.Refused, expired.ExitCode);
        Assert.Contains("REFUSED (NotAuthenticated", expired.Out);

        CliResult foreign = await Verify(Username("sensor-1", new byte[32], "sensor-1"), "2026-05-01T12:10:00Z", "--function-env-file", env);
        Assert.Equal(ExitCodes.Refused, foreign.ExitCode);
        Assert.Contains("REFUSED (NotAuthenticated", foreign.Out); // only the function knows the secret
        Assert.DoesNotContain(Convert.ToBase64String(secret), foreign.Out + foreign.Err);
    }

    [Fact]
    public async Task A_bad_function_env_entry_is_invalid_input()
    {
        CliResult r = await Verify("u", "2026-05-01T12:10:00Z", "--function-env", "not a pair");
        Assert.Equal(ExitCodes.InvalidInput, r.ExitCode);
        Assert.Contains("--function-env: expected NAME=VALUE", r.Err);
    }
}
