namespace DeviceAuth.Cli;

/// <summary>
/// The names the tool assumes when none is given, the same for every command (token, test-invoke,
/// verify, serve, the demo) and for the examples in docs/cli.md, README.md and the samples' READMEs,
/// so that a command copied from the docs talks to what another command set up.
/// </summary>
internal static class CliDefaults
{
    /// <summary>The authorizer name (the samples' <c>device-authorizer</c>).</summary>
    public const string AuthorizerName = "device-authorizer";

    /// <summary>The authorizer's tokenKeyName (the samples' <c>token</c>).</summary>
    public const string TokenKeyName = "token";
}
