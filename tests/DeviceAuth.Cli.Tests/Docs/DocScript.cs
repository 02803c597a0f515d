using System.Text;
using System.Text.RegularExpressions;

namespace DeviceAuth.Cli.Tests.Docs;

/// <summary>
/// Turns the shell blocks of one markdown file into one bash script, as a reader pasting them into one
/// terminal would run them (variables, the current folder and background jobs carry from block to
/// block). Script line N is markdown line N, so bash's own messages and the ERR trap name the doc's
/// lines. The only rewrites: <c>dotnet run --project src/DeviceAuth.Cli --</c> becomes
/// <c>deviceauth</c> (the built tool, same program without a build per command) and the well-known
/// ports 8443, 8444, 8883 and 1883 become free ports (so parallel test runs do not collide).
/// </summary>
public static class DocScript
{
    /// <summary>The ports the docs use, each replaced by a free port.</summary>
    public static readonly int[] WellKnownPorts = { 8443, 8444, 8883, 1883 };

    private static readonly Regex DotnetRunCli = new(@"dotnet run --project (\./)?src/DeviceAuth\.Cli(/DeviceAuth\.Cli\.csproj|/)? --(?=\s|$)");

    /// <summary>The script for <paramref name="blocks"/> (all from one file, in order).</summary>
    /// <param name="blocks">The blocks to run.</param>
    /// <param name="workFolder">The folder the script starts in.</param>
    /// <param name="progressFile">Where "N time" is appended when block N starts, and "end time" at the end (bash's $EPOCHREALTIME).</param>
    /// <param name="ports">Well-known port to free port.</param>
    public static string Build(IReadOnlyList<DocBlock> blocks, string workFolder, string progressFile, IReadOnlyDictionary<int, int> ports)
    {
        int last = blocks.Count == 0 ? 1 : blocks[^1].FenceLine + blocks[^1].Lines.Count + 1;
        var lines = new string[last + 1];   // 1-based
        lines[1] = "set -E; trap 'printf \"\\n[docs] exit %s at line %s: %s\\n\" \"$?\" \"$LINENO\" \"$BASH_COMMAND\" >&2' ERR; cd " + Quote(workFolder);
        for (int b = 0; b < blocks.Count; b++)
        {
            DocBlock block = blocks[b];
            string start = $"printf '%s %s\\n' {b + 1} \"$EPOCHREALTIME\" >> {Quote(progressFile)}; printf '\\n[docs] block {b + 1}: {block.File}:{block.FenceLine}\\n'; printf '\\n[docs] block {b + 1}: {block.File}:{block.FenceLine}\\n' >&2";
            lines[block.FenceLine] = lines[block.FenceLine] == null ? start : lines[block.FenceLine] + "; " + start;
            IReadOnlyList<string> commands = Commands(block);
            for (int i = 0; i < commands.Count; i++)
            {
                lines[block.FenceLine + 1 + i] = Rewrite(commands[i], ports);
            }
        }

        var script = new StringBuilder();
        for (int n = 1; n <= last; n++)
        {
            script.Append(lines[n]).Append('\n');
        }

        script.Append($"printf 'end %s\\n' \"$EPOCHREALTIME\" >> {Quote(progressFile)}\n");
        return script.ToString();
    }

    /// <summary>The lines bash runs: a console block's `$ ` lines (prompt removed) and their continuations; output lines become blank.</summary>
    public static IReadOnlyList<string> Commands(DocBlock block)
    {
        if (block.Language != "console")
        {
            return block.Lines;
        }

        var result = new List<string>();
        bool continued = false;
        foreach (string line in block.Lines)
        {
            if (line.StartsWith("$ ", StringComparison.Ordinal) || continued)
            {
                string command = continued ? line : line[2..];
                result.Add(command);
                continued = command.EndsWith('\\');
            }
            else
            {
                result.Add(string.Empty);
            }
        }

        return result;
    }

    /// <summary>Applies the two documented rewrites to one line.</summary>
    public static string Rewrite(string line, IReadOnlyDictionary<int, int> ports)
    {
        string result = DotnetRunCli.Replace(line, "deviceauth");
        foreach (KeyValuePair<int, int> p in ports)
        {
            result = Regex.Replace(result, $@"(?<![0-9]){p.Key}(?![0-9])", p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return result;
    }

    /// <summary>A single-quoted bash word.</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
