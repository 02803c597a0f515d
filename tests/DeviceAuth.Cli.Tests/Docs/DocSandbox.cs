using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DeviceAuth.Cli.Tests.Docs;

/// <summary>
/// A fresh place to follow one markdown file, as a newcomer would: a copy of the repository's files
/// (no bin/, obj/, .git/ or node_modules/: a fresh clone) named DeviceAuth.nano, with ../shared beside
/// it when the real one exists, an empty HOME, and <c>deviceauth</c> on PATH (a two-line wrapper around
/// the built tool). Commands run in one bash process per file, in its own process group, which is
/// killed at the end so background jobs (<c>deviceauth serve &amp;</c>) never outlive the file.
/// </summary>
public sealed class DocSandbox : IDisposable
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", ".git", "node_modules", "TestResults", "artifacts", "packages", ".vs" };
    private readonly TempDir _root = new();

    /// <summary>Creates the sandbox for the repository at <paramref name="repoRoot"/>.</summary>
    public DocSandbox(string repoRoot, string toolDll)
    {
        Work = Path.Combine(_root.Path, "DeviceAuth.nano");
        CopyTree(repoRoot, Work);
        string shared = Path.GetFullPath(Path.Combine(repoRoot, "..", "shared"));
        if (Directory.Exists(shared))
        {
            Directory.CreateSymbolicLink(Path.Combine(_root.Path, "shared"), shared);
        }

        Home = Directory.CreateDirectory(Path.Combine(_root.Path, "home")).FullName;
        Harness = Directory.CreateDirectory(Path.Combine(_root.Path, "harness")).FullName;
        string bin = Directory.CreateDirectory(Path.Combine(Harness, "bin")).FullName;
        string wrapper = Path.Combine(bin, "deviceauth");
        File.WriteAllText(wrapper, "#!/bin/sh\nexec dotnet " + DocScript.Quote(toolDll) + " \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }
        BinFolder = bin;
    }

    /// <summary>The working folder (the fresh clone) the commands start in.</summary>
    public string Work { get; }

    /// <summary>HOME for the commands (so <c>~/.deviceauth</c> lands in the sandbox).</summary>
    public string Home { get; }

    /// <summary>The harness's own files (script, output, progress), outside the working folder.</summary>
    public string Harness { get; }

    /// <summary>The folder holding the <c>deviceauth</c> wrapper, first on PATH.</summary>
    public string BinFolder { get; }

    /// <summary>The environment the commands get: the test's, without MSBuild/VSTest variables, with the sandbox's HOME and PATH.</summary>
    public void Configure(ProcessStartInfo psi)
    {
        string realHome = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        foreach (string name in psi.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) || name == "DOTNET_HOST_PATH")
            {
                psi.Environment.Remove(name);
            }
        }

        psi.Environment["HOME"] = Home;
        psi.Environment["PATH"] = BinFolder + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        psi.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(realHome, ".nuget", "packages");
        psi.Environment["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? realHome;
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        // Builds a doc starts must leave nothing running that other builds on the machine share.
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["UseSharedCompilation"] = "false";
    }

    /// <summary>Kills process group <paramref name="pgid"/>: SIGTERM, up to 5 s, then SIGKILL.</summary>
    public static void KillGroup(int pgid)
    {
        if (pgid <= 1 || kill(-pgid, 0) != 0)
        {
            return;
        }

        kill(-pgid, 15);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && kill(-pgid, 0) == 0)
        {
            Thread.Sleep(100);
        }

        kill(-pgid, 9);
    }

    /// <inheritdoc />
    public void Dispose() => _root.Dispose();

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in Directory.EnumerateDirectories(from))
        {
            if (!SkippedFolders.Contains(Path.GetFileName(dir)) && new DirectoryInfo(dir).LinkTarget == null)
            {
                CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300, IDE1006 // the libc name
    private static extern int kill(int pid, int sig);
#pragma warning restore SA1300, IDE1006
}
