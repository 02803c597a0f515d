namespace DeviceAuth.Cli;

/// <summary>
/// An error the user can act on: printed as one line (never with a stack trace) and turned into an
/// exit code. Messages never contain keys, tokens, signatures or passwords.
/// </summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="exitCode">The exit code to return (see <see cref="ExitCodes"/>).</param>
    /// <param name="message">What went wrong and, where possible, what to do about it.</param>
    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }

    /// <summary>An <see cref="ExitCodes.InvalidInput"/> error.</summary>
    /// <param name="message">The message.</param>
    public static CliException Invalid(string message) => new(ExitCodes.InvalidInput, message);

    /// <summary>An <see cref="ExitCodes.Environment"/> error.</summary>
    /// <param name="message">The message.</param>
    public static CliException Env(string message) => new(ExitCodes.Environment, message);
}
