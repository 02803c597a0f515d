namespace DeviceAuth.Cli.Tests;

/// <summary>
/// docs/cli.md's curl recipe, run as written (`deviceauth` standing for the built tool, the port for
/// serve's) through bash and a real curl against `serve`: the headers reach the endpoint whole.
/// </summary>
public sealed class CurlRecipeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string RepoRoot => Path.GetDirectoryName(Path.GetDirectoryName(NodeOracles.Folder))!;

    /// <summary>The docs' `deviceauth token ... --format curl-config | curl -K - ...` command, continuation lines joined.</summary>
    private static string DocsRecipe()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoRoot, "docs", "cli.md"));
        int first = Array.FindIndex(lines, l => l.StartsWith("deviceauth token ", StringComparison.Ordinal) && l.Contains("--format curl-config", StringComparison.Ordinal));
        Assert.True(first >= 0, "docs/cli.md has no `deviceauth token ... --format curl-config` recipe");
        string command = lines[first];
        for (int i = first + 1; command.EndsWith('\\'); i++)
        {
            command = command + "\n" + lines[i];
        }

        Assert.Contains("curl -K -", command.Replace("-sS ", string.Empty, StringComparison.Ordinal));
        return command;
    }

    private async Task<(int Port, CancellationTokenSource Stop)> Serve()
    {
        Directory.CreateDirectory(_dir.File("thing-42"));
        File.WriteAllText(_dir.File("thing-42/device.key.pem"), TestKeys.PrivatePem);
        File.WriteAllText(_dir.File("thing-42/device.pub.pem"), TestKeys.PublicPem);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var started = new TaskCompletionSource<DeviceAuth.LocalCloud.Server.ServerEndpoints>();
        var context = new CliContext(new StringWriter(), new StringWriter()) { ServerStarted = e => started.TrySetResult(e) };
        _ = CliApp.RunAsync(new[] { "serve", "--https-port", "0", "--public-key", "key1=" + _dir.File("thing-42/device.pub.pem"), "--ca-out", _dir.File("ca.pem"), "--duration", "60", "--quiet" }, context, stop.Token);
        var endpoints = await started.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        return (endpoints.Https.Port, stop);
    }

    private async Task<(int ExitCode, string Out, string Err)> Bash(string command, int port)
    {
        string script = $"set -o pipefail\ncd '{_dir.Path}'\n" + command
            .Replace("deviceauth ", $"dotnet '{CliRunner.ToolDll}' ", StringComparison.Ordinal)
            .Replace("127.0.0.1:8443", $"127.0.0.1:{port}", StringComparison.Ordinal) + "\n";
        File.WriteAllText(_dir.File("recipe.sh"), script);
        return await ExternalPrograms.RunAsync("bash", new[] { _dir.File("recipe.sh") }, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task The_docs_curl_recipe_publishes_through_serve()
    {
        ExternalPrograms.Require("curl", "curl");
        string recipe = DocsRecipe();
        var (port, stop) = await Serve();
        using (stop)
        {
            var (code, output, error) = await Bash(recipe, port);
            Assert.True(code == 0, $"exit {code}: {output}{error}");
            Assert.StartsWith("{\"message\":\"OK\"", output);
        }
    }

    [Fact]
    public async Task Curl_config_quotes_a_token_with_quotes_and_backslashes_exactly()
    {
        ExternalPrograms.Require("curl", "curl");
        var (port, stop) = await Serve();
        using (stop)
        {
            // The signature covers the token's exact bytes: serve answers 200 only if curl sent them unchanged.
            string command = "deviceauth token --kind static --token 'a\"b\\c d' --private-key thing-42/device.key.pem --format curl-config \\\n"
                + "  | curl -sS -K - --cacert ca.pem -d x https://127.0.0.1:8443/topics/t";
            var (code, output, error) = await Bash(command.Replace("\\\n", string.Empty, StringComparison.Ordinal), port);
            Assert.True(code == 0, $"exit {code}: {output}{error}");
            Assert.StartsWith("{\"message\":\"OK\"", output);
        }
    }

    /// <summary>The recipe docs/cli.md had before: `curl $(... --format http-headers | sed 's/^/-H /')` splits each header at its space.</summary>
    [Fact]
    public async Task The_old_word_splitting_recipe_fails_so_the_test_can_tell()
    {
        ExternalPrograms.Require("curl", "curl");
        var (port, stop) = await Serve();
        using (stop)
        {
            var (code, output, _) = await Bash("curl -sS --cacert ca.pem -d x $(deviceauth token --private-key thing-42/device.key.pem --format http-headers | sed 's/^/-H /') https://127.0.0.1:8443/topics/t", port);
            Assert.False(code == 0 && output.StartsWith("{\"message\":\"OK\"", StringComparison.Ordinal), output);
        }
    }
}
