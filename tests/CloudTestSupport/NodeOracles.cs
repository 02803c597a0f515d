namespace DeviceAuth.CloudTestSupport;

/// <summary>
/// Independent clients from npm (tests/oracles: the AWS SDK for JavaScript v3, the mqtt client),
/// run by Node.js as oracles nobody here wrote. Oracle scripts live in tests/oracles/*.mjs so that
/// Node resolves their imports from tests/oracles/node_modules. Missing Node or modules: the test
/// is skipped with the command that installs them, or fails when CI=true (.ci/run installs them).
/// </summary>
public static class NodeOracles
{
    /// <summary>The tests/oracles folder of this repository.</summary>
    public static string Folder
    {
        get
        {
            for (string dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "DeviceAuth.Host.slnx")))
                {
                    return Path.Combine(dir, "tests", "oracles");
                }
            }

            throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Returns the path of node after checking that <paramref name="package"/> is installed in tests/oracles; skips (fails under CI=true) otherwise.</summary>
    /// <param name="package">An npm package name from tests/oracles/package.json, e.g. "mqtt" or "@aws-sdk/client-iot".</param>
    public static string Require(string package)
    {
        string node = ExternalPrograms.Require("node", "nodejs");
        if (!File.Exists(Path.Combine(Folder, "node_modules", package, "package.json")))
        {
            string reason = $"the npm package {package} is not installed (run: npm ci --prefix tests/oracles)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + "; CI=true requires it");
            }

            Assert.Skip(reason);
        }

        return node;
    }

    /// <summary>Runs tests/oracles/<paramref name="script"/> with Node after <see cref="Require"/>-ing <paramref name="package"/>.</summary>
    /// <param name="package">The npm package the script needs.</param>
    /// <param name="script">A file name in tests/oracles, e.g. "iot-control-plane.mjs".</param>
    /// <param name="args">Arguments passed to the script.</param>
    /// <param name="timeout">Kill the script after this long.</param>
    public static Task<(int ExitCode, string Out, string Err)> RunAsync(string package, string script, IEnumerable<string> args, TimeSpan timeout)
    {
        string node = Require(package);
        return ExternalPrograms.RunAsync(node, new[] { Path.Combine(Folder, script) }.Concat(args), timeout);
    }
}
