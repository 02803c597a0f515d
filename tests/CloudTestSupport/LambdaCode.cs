namespace DeviceAuth.CloudTestSupport;

/// <summary>The repository's deployable Lambda code (lambdas/) and the node executable that runs it in tests.</summary>
public static class LambdaCode
{
    /// <summary>The lambdas folder of this repository.</summary>
    public static string Folder => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(NodeOracles.Folder)), "lambdas");

    /// <summary>The path of lambdas/<paramref name="file"/>.</summary>
    /// <param name="file">E.g. "iot-custom-authorizer.mjs".</param>
    public static string File(string file) => Path.Combine(Folder, file);

    /// <summary>The node executable; skips the test (fails under CI=true) when Node.js is missing.</summary>
    public static string RequireNode() => ExternalPrograms.Require("node", "nodejs");
}
