namespace DeviceAuth.Cli;

/// <summary>The tool's exit codes (documented in docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Success; for <c>verify</c>: the service would accept the credentials.</summary>
    public const int Ok = 0;

    /// <summary>A negative verdict: <c>verify</c> found a reason the service would refuse, or a <c>demo</c> check failed.</summary>
    public const int Refused = 1;

    /// <summary>The command line could not be parsed (unknown command or option, missing or malformed value).</summary>
    public const int Usage = 2;

    /// <summary>An input violates the service's rules or cannot be read as what it should be (key, JSON, name, length).</summary>
    public const int InvalidInput = 3;

    /// <summary>The environment refused: a file exists (use --force), a port is taken, a program is missing, the network failed.</summary>
    public const int Environment = 4;

    /// <summary>An unexpected internal failure (a bug): reported in one line; set DEVICEAUTH_DEBUG=1 for the stack trace.</summary>
    public const int Internal = 5;

    /// <summary>Interrupted (Ctrl+C, SIGINT) before completion: 128 + 2, the shell's convention.</summary>
    public const int Cancelled = 130;

    /// <summary>Terminated (SIGTERM) before completion: 128 + 15, the shell's convention.</summary>
    public const int Terminated = 143;
}
