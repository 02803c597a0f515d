using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.DeviceSide;

/// <summary>
/// Turns the library's validation exceptions into one-line errors that name the user's option
/// (<c>--lifetime: A token lifetime must be between 60 s and 365 days.</c>) instead of the
/// library's parameter (<c>(Parameter 'lifetimeSeconds')</c>). The library's messages never hold a
/// key, token, signature or password, so they can be shown as they are.
/// </summary>
internal static class LibraryErrors
{
    /// <summary>The option behind each parameter name the library's token sources and composers use.</summary>
    private static readonly Dictionary<string, string> OptionOfParameter = new(StringComparer.Ordinal)
    {
        ["lifetimeSeconds"] = "--lifetime",
        ["deviceId"] = "--device-id",
        ["subject"] = "--device-id",
        ["issuer"] = "--issuer",
        ["audience"] = "--audience",
        ["KeyId"] = "--key-id",
        ["Scope"] = "--scope",
        ["token"] = "--token",
        ["authorizerName"] = "--authorizer-name",
        ["tokenKeyName"] = "--token-key-name",
        ["clientId"] = "--client-id",
        ["identitySource"] = "--identity-source",
    };

    /// <summary>The option behind each credential-format reason that is about one option's value.</summary>
    private static readonly Dictionary<CredentialFormatReason, string> OptionOfReason = new()
    {
        [CredentialFormatReason.InvalidAuthorizerName] = "--authorizer-name",
        [CredentialFormatReason.InvalidTokenKeyName] = "--token-key-name",
        [CredentialFormatReason.InvalidClientId] = "--client-id",
        [CredentialFormatReason.InvalidUsernamePrefix] = "--username-prefix",
        [CredentialFormatReason.InvalidIdentitySource] = "--identity-source",
        [CredentialFormatReason.MissingIdentitySource] = "--identity-source",
        [CredentialFormatReason.InvalidServerName] = "--server-name",
    };

    /// <summary>Runs library code; its validation exceptions become <see cref="CliException"/>s in the user's option names.</summary>
    public static T Translate<T>(Func<T> f)
    {
        try
        {
            return f();
        }
        catch (Exception e) when (Explain(e) is string message)
        {
            throw CliException.Invalid(message);
        }
    }

    /// <summary>The user-facing message for a library exception, or null when it is not one of the library's validation errors.</summary>
    public static string Explain(Exception e)
    {
        switch (e)
        {
            case CredentialFormatException cf:
                return OptionOfReason.TryGetValue(cf.Reason, out string option) ? $"{option}: {cf.Message}" : cf.Message;
            case ArgumentException a:
                string bare = WithoutParameter(a);
                return a.ParamName != null && OptionOfParameter.TryGetValue(a.ParamName, out string name) ? $"{name}: {bare}" : bare;
            case TokenExpiredException or ClockNotSetException or FormatException:
                return e.Message;
            default:
                return null;
        }
    }

    /// <summary>The message without the " (Parameter 'name')" that .NET appends to an ArgumentException's message.</summary>
    public static string WithoutParameter(ArgumentException e)
    {
        // ArgumentOutOfRangeException may add "Actual value was ..." on a line of its own: keep the first line.
        string message = e.Message;
        int newline = message.IndexOf('\n');
        message = newline < 0 ? message : message[..newline].TrimEnd('\r');
        string suffix = $" (Parameter '{e.ParamName}')";
        return e.ParamName != null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
