using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.ServeBench;

/// <summary>
/// Resident memory of <c>deviceauth serve</c> (a separate process) over N connections opened and closed on
/// loopback, five kinds in turn: HTTPS publish allowed, HTTPS publish refused (bad signature), a TLS
/// handshake abandoned half-way, MQTT CONNECT allowed (relayed to a stand-in broker), MQTT CONNECT refused.
/// Usage: dotnet run -c Release --project bench/DeviceAuth.ServeBench [-- --connections 20000 --parallel 4 --kinds 0,1,2,3,4]
/// </summary>
public static class Program
{
    private const string AuthorizerName = "deviceauth-local";

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        int total = Arg(args, "--connections", 20_000);
        int parallel = Arg(args, "--parallel", 4);
        string dir = Directory.CreateTempSubdirectory("serve-bench-").FullName;
        using RSA key = RSA.Create(2048);
        using RSA stranger = RSA.Create(2048);
        File.WriteAllText(Path.Combine(dir, "pub.pem"), key.ExportSubjectPublicKeyInfoPem());
        using var broker = new StandInBroker();
        using Process serve = StartServe(dir, broker.Port);
        try
        {
            (int https, int mqtt) = await ReadPorts(serve);
            int[] kinds = Array.IndexOf(args, "--kinds") is int k and >= 0 ? args[k + 1].Split(',').Select(int.Parse).ToArray() : Enumerable.Range(0, Traffic.Kinds.Length).ToArray();
            var traffic = new Traffic(https, mqtt, key, stranger, kinds);
            Console.WriteLine($"deviceauth serve (pid {serve.Id}): {total} connections on loopback, {parallel} at a time, kinds in turn: {string.Join(", ", kinds.Select(k => Traffic.Kinds[k]))}");
            Console.WriteLine($"| connections | VmRSS MB | server stderr lines | failures |");
            Console.WriteLine($"|---:|---:|---:|---:|");
            Row(0, serve);
            var watch = Stopwatch.StartNew();
            int done = 0;
            double rssAt1000 = 0;
            int[] checkpoints = { 1000, 2000, 5000, 10000, 15000, total };
            foreach (int checkpoint in checkpoints.Where(c => c <= total).Distinct())
            {
                await traffic.Run(done, checkpoint - done, parallel);
                done = checkpoint;
                double rss = Row(done, serve);
                if (done == 1000)
                {
                    rssAt1000 = rss;
                }
            }

            Console.WriteLine($"{done} connections in {watch.Elapsed.TotalSeconds:F1} s");
            await Task.Delay(TimeSpan.FromSeconds(10));
            double idle = Row(done, serve, " (after 10 s idle)");
            if (rssAt1000 > 0)
            {
                Console.WriteLine($"VmRSS after {done}: {idle:F1} MB = {100 * idle / rssAt1000:F0}% of its level after 1000 ({rssAt1000:F1} MB); bound: 120%");
            }

            return traffic.Failures == 0 ? 0 : 1;
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(true);
            }

            Directory.Delete(dir, true);
        }
    }

    private static int _stderrLines;

    private static double Row(int connections, Process serve, string note = "")
    {
        double mb = ResidentMegabytes(serve.Id);
        Console.WriteLine($"| {connections}{note} | {mb:F1} | {Volatile.Read(ref _stderrLines)} | {Traffic.FailureCount} |");
        return mb;
    }

    private static double ResidentMegabytes(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
            }
        }

        return double.NaN;
    }

    private static Process StartServe(string dir, int brokerPort)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "DeviceAuth.Cli.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        foreach (string a in new[] { tool, "serve", "--https-port", "0", "--mqtt-port", "0", "--broker", "127.0.0.1:" + brokerPort, "--public-key", "k1=pub.pem", "--enable-caching-for-http", "--authorizer-name", AuthorizerName })
        {
            psi.ArgumentList.Add(a);
        }

        Process p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                Interlocked.Increment(ref _stderrLines);
            }
        };
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task<(int, int)> ReadPorts(Process serve)
    {
        int https = 0, mqtt = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (https == 0 || mqtt == 0)
        {
            string line = await serve.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("serve ended before printing its endpoints");
            https = https != 0 ? https : PortAfter(line, "endpoint on https://127.0.0.1:");
            mqtt = mqtt != 0 ? mqtt : PortAfter(line, "MQTT over TLS on 127.0.0.1:");
        }

        _ = serve.StandardOutput.ReadToEndAsync();
        return (https, mqtt);
    }

    private static int PortAfter(string line, string marker)
    {
        int at = line.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? 0 : int.Parse(new string(line[(at + marker.Length)..].TakeWhile(char.IsDigit).ToArray()));
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
