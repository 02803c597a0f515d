using System.Diagnostics;

namespace DeviceAuth.Cli.Tests;

/// <summary>Result of one tool invocation.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err);

/// <summary>Runs the tool in-process (CliApp.RunAsync) or as a process (dotnet deviceauth.dll).</summary>
public static class CliRunner
{
    public static async Task<CliResult> InProcess(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync(args, new CliContext(output, error), TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static async Task<CliResult> InProcess(CliContext context, params string[] args)
    {
        int code = await CliApp.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new CliResult(code, context.Out.ToString(), context.Err.ToString());
    }

    /// <summary>The tool's entry assembly, copied beside the tests by the project reference.</summary>
    public static string ToolDll => Path.Combine(AppContext.BaseDirectory, "DeviceAuth.Cli.dll");

    public static async Task<CliResult> AsProcess(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(ToolDll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("deviceauth did not exit within 60 s: " + string.Join(' ', args));
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
