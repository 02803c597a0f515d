namespace DeviceAuth.Cli;

/// <summary>Process entry point of the <c>deviceauth</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the tool with the process's console streams; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">Command-line arguments.</param>
    public static async Task<int> Main(string[] args)
    {
        // Before any thread allocates: bounds the native heap of `serve` under many TLS connections.
        DeviceAuth.LocalCloud.Server.NativeHeap.LimitArenas(2);
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cts.Cancel();
        });
        var context = new CliContext(Console.Out, Console.Error);
        return await CliApp.RunAsync(args, context, cts.Token).ConfigureAwait(false);
    }
}
