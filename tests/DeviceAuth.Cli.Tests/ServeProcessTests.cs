using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace DeviceAuth.Cli.Tests;

/// <summary>`deviceauth serve` as a separate process: starts, answers a library-composed publish, reports stats, stops on SIGTERM.</summary>
public class ServeProcessTests
{
    [Fact]
    public async Task Serve_runs_as_a_process_and_stops_cleanly_on_sigterm()
    {
        using var dir = new TempDir();
        TestKeys.WriteKeyFiles(dir, out string priv, out string pub);
        string ca = dir.File("ca.pem");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = dir.Path };
        foreach (string a in new[] { CliRunner.ToolDll, "serve", "--https-port", "0", "--public-key", "k1=" + pub, "--enable-caching-for-http", "--ca-out", ca, "--duration", "60" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            string line;
            int port = 0;
            using var readTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while ((line = await process.StandardOutput.ReadLineAsync(readTimeout.Token)) != null)
            {
                const string marker = "endpoint on https://127.0.0.1:";
                int at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    port = int.Parse(line[(at + marker.Length)..].Split(' ')[0]);
                    break;
                }
            }

            if (port == 0)
            {
                Assert.Fail("serve did not print its endpoint: " + await stderr);
            }

            var headers = await CliRunner.InProcess("token", "--private-key", priv, "--format", "http-headers");
            var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(ca));
            using var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == trusted.GetCertHashString() } };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}/") };
            for (int i = 0; i < 3; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "topics/t/1") { Content = new StringContent("x") };
                foreach (string h in headers.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    int colon = h.IndexOf(':');
                    request.Headers.TryAddWithoutValidation(h[..colon], h[(colon + 1)..].Trim());
                }

                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            JsonNode stats = JsonNode.Parse(await client.GetStringAsync("stats", TestContext.Current.CancellationToken))!;
            Assert.Equal(1, stats["authorizerInvocations"]!.GetValue<long>());
            Assert.Equal(2, stats["httpCacheHits"]!.GetValue<long>());

            Process.Start("kill", new[] { "-TERM", process.Id.ToString() })!.WaitForExit();
            string rest = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            Assert.Equal(ExitCodes.Terminated, process.ExitCode); // 128 + SIGTERM, as a shell reports it
            Assert.Contains("stats: {\"authorizerInvocations\":1", rest);
            string log = await stderr;
            Assert.Contains("allowed for", log);
            Assert.DoesNotContain("ds1.", log); // the log names no token
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(true);
            }
        }
    }

    /// <summary>Ctrl+C (SIGINT) stops serve cleanly too: stats printed, exit 130 (128 + SIGINT), as docs/cli.md says.</summary>
    [Fact]
    public async Task Serve_stopped_by_sigint_prints_its_stats_and_exits_130()
    {
        using var dir = new TempDir();
        TestKeys.WriteKeyFiles(dir, out _, out string pub);

        // A process that starts with SIGINT ignored (background jobs of scripts, nohup) cannot see it, by POSIX
        // rule; `env --default-signal=INT` starts serve as a terminal's Ctrl+C would find it.
        string script = $"cd '{dir.Path}'\n"
            + $"env --default-signal=INT dotnet '{CliRunner.ToolDll}' serve --https-port 0 --public-key 'k1={pub}' --duration 60 --quiet > serve.out 2>&1 & pid=$!\n"
            + "for i in $(seq 1 300); do grep -q 'stopping after' serve.out && break; sleep 0.1; done\n"
            + "kill -INT $pid; wait $pid; echo \"exit $?\"; cat serve.out\n";
        File.WriteAllText(dir.File("run.sh"), script);
        var (code, output, error) = await ExternalPrograms.RunAsync("bash", new[] { dir.File("run.sh") }, TimeSpan.FromSeconds(50));
        Assert.True(code == 0, error);
        Assert.StartsWith($"exit {ExitCodes.Cancelled}\n", output);
        Assert.Contains("stats: {\"authorizerInvocations\":0", output);
    }
}
