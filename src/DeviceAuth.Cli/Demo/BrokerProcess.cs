using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DeviceAuth.Cli.Demo;

/// <summary>A mosquitto broker the demo starts on a free loopback port and stops at dispose.</summary>
internal sealed class BrokerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private BrokerProcess(Process process, string dir, IPEndPoint endPoint)
    {
        _process = process;
        _dir = dir;
        EndPoint = endPoint;
    }

    /// <summary>Where it listens, or null when it did not start.</summary>
    public IPEndPoint EndPoint { get; }

    public static BrokerProcess Start(string mosquitto)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        string dir = Directory.CreateTempSubdirectory("deviceauth-demo-").FullName;
        string conf = Path.Combine(dir, "mosquitto.conf");
        File.WriteAllText(conf, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var psi = new ProcessStartInfo(mosquitto) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(conf);
        Process process;
        try
        {
            process = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new BrokerProcess(null, dir, null);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5) && !process.HasExited)
        {
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, port);
                return new BrokerProcess(process, dir, new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        return new BrokerProcess(process, dir, null);
    }

    public void Dispose()
    {
        try
        {
            if (_process != null && !_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }
}
