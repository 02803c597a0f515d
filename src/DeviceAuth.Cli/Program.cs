using System.Runtime.InteropServices;

namespace DeviceAuth.Cli;

/// <summary>Process entry point of the <c>deviceauth</c> tool.</summary>
public static class Program
{
    /// <summary>
    /// Runs the tool with the process's console streams; returns the exit code (see <see cref="ExitCodes"/>).
    /// Ctrl+C (SIGINT) and SIGTERM stop a running command cleanly (serve prints its stats); the exit code
    /// then says which signal it was: 130 (SIGINT) or 143 (SIGTERM), as a shell reports them.
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    public static async Task<int> Main(string[] args)
    {
        // Before any thread allocates: bounds the native heap of `serve` under many TLS connections.
        DeviceAuth.LocalCloud.Server.NativeHeap.LimitArenas(2);
        using var cts = new CancellationTokenSource();
        bool terminated = false;

        // POSIX signal registrations rather than Console.CancelKeyPress: the local endpoint's web host
        // registers its own SIGINT handler, and the tool must see the signal whatever else listens.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
        {
            c.Cancel = true;
            cts.Cancel();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            if (!cts.IsCancellationRequested)
            {
                Volatile.Write(ref terminated, true); // the first signal names the exit code
            }

            cts.Cancel();
        });
        var context = new CliContext(Console.Out, Console.Error);
        int code = await CliApp.RunAsync(args, context, cts.Token).ConfigureAwait(false);
        return code == ExitCodes.Cancelled && Volatile.Read(ref terminated) ? ExitCodes.Terminated : code;
    }
}
