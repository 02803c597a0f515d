using System.Reflection;
using System.Security.Cryptography;

namespace DeviceAuth.LocalCloud.Functions;

/// <summary>Finds <c>node</c> and provides the host script (lambda-host.mjs, embedded) that runs handler modules.</summary>
internal static class NodeRuntime
{
    private static readonly Lazy<string> Script = new(ExtractHostScript);

    /// <summary>The path of the node executable on PATH.</summary>
    /// <exception cref="LocalCloudException">Node.js is not installed.</exception>
    public static string Find()
    {
        string[] names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : new[] { "node" };
        foreach (string dir in (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (string name in names)
            {
                string path = Path.Combine(dir, name);
                if (dir.Length > 0 && File.Exists(path))
                {
                    return path;
                }
            }
        }

        throw LocalCloudException.Env("node is not on PATH: running Lambda code locally needs Node.js 20 or later (https://nodejs.org, or: apt-get install nodejs)");
    }

    /// <summary>The host script, written once per content to the temp folder.</summary>
    public static string HostScript() => Script.Value;

    private static string ExtractHostScript()
    {
        using Stream resource = Assembly.GetExecutingAssembly().GetManifestResourceStream("DeviceAuth.LocalCloud.Functions.lambda-host.mjs")
            ?? throw new InvalidOperationException("the embedded lambda-host.mjs is missing");
        using var buffer = new MemoryStream();
        resource.CopyTo(buffer);
        byte[] bytes = buffer.ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"deviceauth-lambda-host-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.mjs");
        if (!File.Exists(path))
        {
            string temp = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }
}
