namespace DeviceAuth.LocalCloud;

/// <summary>What kind of problem a <see cref="LocalCloudException"/> reports; the CLI maps it to an exit code.</summary>
public enum LocalCloudErrorKind
{
    /// <summary>An input violates the service's rules or cannot be read as what it should be.</summary>
    InvalidInput,

    /// <summary>The environment refused: a port is taken, a program is missing, the network failed.</summary>
    Environment,
}

/// <summary>
/// An error the user of the local cloud can act on (a bad definition, a port in use). Messages never
/// contain keys, tokens, signatures or passwords.
/// </summary>
public sealed class LocalCloudException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="kind">Invalid input or an environment failure.</param>
    /// <param name="message">What went wrong and, where possible, what to do about it.</param>
    public LocalCloudException(LocalCloudErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Invalid input or an environment failure.</summary>
    public LocalCloudErrorKind Kind { get; }

    /// <summary>An <see cref="LocalCloudErrorKind.InvalidInput"/> error.</summary>
    /// <param name="message">The message.</param>
    public static LocalCloudException Invalid(string message) => new(LocalCloudErrorKind.InvalidInput, message);

    /// <summary>An <see cref="LocalCloudErrorKind.Environment"/> error.</summary>
    /// <param name="message">The message.</param>
    public static LocalCloudException Env(string message) => new(LocalCloudErrorKind.Environment, message);
}
