namespace DeviceAuth.Cli;

/// <summary>
/// What a command runs against: its output streams and its clock. The process uses the console
/// and the system clock; tests pass writers and a virtual <see cref="TimeProvider"/>.
/// </summary>
public sealed class CliContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="output">Standard output (results, reports).</param>
    /// <param name="error">Standard error (errors, warnings, progress of servers).</param>
    /// <param name="time">The clock; null for the system clock.</param>
    public CliContext(TextWriter output, TextWriter error, TimeProvider time = null)
    {
        Out = output ?? throw new ArgumentNullException(nameof(output));
        Err = error ?? throw new ArgumentNullException(nameof(error));
        Time = time ?? TimeProvider.System;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Err { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Called by <c>serve</c> once it listens, with its bound endpoints (tests use it to find ephemeral ports).</summary>
    public Action<DeviceAuth.LocalCloud.Server.ServerEndpoints> ServerStarted { get; set; }
}
