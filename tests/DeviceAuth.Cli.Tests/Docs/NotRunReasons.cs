using System.Text.RegularExpressions;

namespace DeviceAuth.Cli.Tests.Docs;

/// <summary>
/// The only reasons a shell block in the docs may give for not being run by the docs test, each with
/// what the block must contain for the reason to be true. A marker is written on the line before the
/// fence: <c>&lt;!-- not-run: KEY --&gt;</c> or <c>&lt;!-- not-run: KEY (what exactly) --&gt;</c>.
/// </summary>
public static class NotRunReasons
{
    /// <summary>One allowed reason.</summary>
    /// <param name="Key">The marker's first word.</param>
    /// <param name="Meaning">What it says about the block.</param>
    /// <param name="Evidence">What the block must contain for the reason to hold.</param>
    /// <param name="EvidenceText">The evidence, said in words for the failure message.</param>
    public sealed record Reason(string Key, string Meaning, Regex Evidence, string EvidenceText);

    /// <summary>The allowed reasons.</summary>
    public static readonly Reason[] All =
    {
        new("aws", "needs an AWS account and credentials", new Regex(@"(^|[\s;|&(])aws\s+[a-z0-9]", RegexOptions.Multiline), "`aws ...` command"),
        new("board", "needs a board on a serial port", new Regex(@"\bnanoff\b"), "`nanoff` command"),
        new("windows", "needs Windows or Visual Studio", new Regex(@"(?i)\.exe\b|\b[A-Z]:\\|\bdevenv\b|visual studio"), "Windows path, .exe or Visual Studio (nor a Windows shell language)"),
        new("synopsis", "a usage synopsis with placeholders, not a command to run", new Regex(@"\[[^\]\n]+\]|\.\.|<[A-Za-z][\w .:-]*>"), "[optional part], `..`/`...` or <placeholder>"),
        new("benchmark", "a benchmark: a Release build and minutes of CPU, meaningful only on an idle machine (the project path is checked)", new Regex(@"\bbench/"), "project under bench/"),
        new("test-suite", "runs the repository's test suite, which CI runs itself (the project path is checked)", new Regex(@"\bdotnet test\b"), "`dotnet test` command"),
    };

    /// <summary>The key of a marker's reason ("" when it has none).</summary>
    public static string KeyOf(string reason) => Regex.Match(reason ?? string.Empty, @"^[a-z][a-z-]*").Value;

    /// <summary>Why <paramref name="block"/>'s marker is not acceptable, or null when it is.</summary>
    public static string Complaint(DocBlock block)
    {
        string allowed = string.Join("; ", All.Select(r => r.Key + ": " + r.Meaning));
        if (block.NotRun.Length == 0)
        {
            return "a not-run marker without a reason: write <!-- not-run: KEY (why) -->, KEY one of " + allowed;
        }

        string key = KeyOf(block.NotRun);
        Reason reason = All.FirstOrDefault(r => r.Key == key);
        if (reason == null)
        {
            return $"not-run reason '{block.NotRun}' is not one of the allowed keys ({allowed}); a block that can run on a developer machine must run";
        }

        bool windowsLanguage = DocBlock.WindowsLanguages.Contains(block.Language);
        if (!(reason.Evidence.IsMatch(block.Text) || (key == "windows" && windowsLanguage)))
        {
            return $"not-run: {key} ({reason.Meaning}), but the block contains no {reason.EvidenceText}: run it instead, or give the reason that holds";
        }

        return null;
    }
}
