using System.Text.RegularExpressions;

namespace DeviceAuth.Cli.Tests.Docs;

/// <summary>One fenced code block of a markdown file.</summary>
/// <param name="File">The file, relative to the repository root ('/' separators).</param>
/// <param name="FenceLine">1-based line of the opening fence.</param>
/// <param name="Language">The first word of the info string, lower case ("" when unlabelled).</param>
/// <param name="Lines">The content lines, the fence's indentation removed; line i is markdown line FenceLine + 1 + i.</param>
/// <param name="NotRun">The reason of a <c>&lt;!-- not-run: ... --&gt;</c> marker right before the fence, or null.</param>
public sealed record DocBlock(string File, int FenceLine, string Language, IReadOnlyList<string> Lines, string NotRun)
{
    /// <summary>Shell languages the harness runs with bash.</summary>
    public static readonly string[] ShellLanguages = { "bash", "sh", "shell", "zsh", "console", "shell-session" };

    /// <summary>Windows shell languages: they never run here, so they need a marker.</summary>
    public static readonly string[] WindowsLanguages = { "powershell", "pwsh", "ps1", "ps", "bat", "batch", "cmd", "dos" };

    /// <summary>True for a block the harness must run or see marked.</summary>
    public bool IsShell => ShellLanguages.Contains(Language) || WindowsLanguages.Contains(Language);

    /// <summary>"file:line (```lang)", the way failure messages name a block.</summary>
    public string Where => $"{File}:{FenceLine} (```{Language})";

    /// <summary>The block's text.</summary>
    public string Text => string.Join("\n", Lines);
}

/// <summary>A rule a markdown file breaks, found without running anything.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record DocProblem(string File, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>
/// Reads the fenced code blocks of a markdown file (``` or ~~~, any indentation, closed by the same
/// character at least as long) with the not-run marker before each, and reports the rules a file
/// breaks before anything runs: an unlabelled fence, a non-shell block that starts like a command,
/// an indented (4-space) code block, a malformed or dangling marker, an unclosed fence.
/// </summary>
public static class MarkdownBlocks
{
    private static readonly Regex Opening = new(@"^(?<indent>[ ]*)(?<fence>`{3,}|~{3,})(?<info>.*)$");
    private static readonly Regex Marker = new(@"^\s*<!--\s*not-run:(?<reason>.*?)-->\s*$");
    private static readonly Regex MarkerLike = new(@"<!--\s*not[-_ ]?run", RegexOptions.IgnoreCase);
    private static readonly Regex InlineCode = new(@"(`+).*?\1");
    private static readonly Regex ListItem = new(@"^\s*([-*+]|\d+[.)])\s");

    /// <summary>A line that starts like a command a reader would type (checked on the first line of non-shell blocks).</summary>
    public static readonly Regex CommandLike = new(@"^(\$ |sudo\s|(deviceauth|dotnet|nanoff|aws|curl|wget|mosquitto|mosquitto_pub|mosquitto_sub|mosquitto_passwd|openssl|npm|npx|node|git|apt-get|apt|pip|pip3|jq|bash|sh|zip|export|cd|mkdir|chmod|head|base64|kill)(\s|$))");

    /// <summary>Reads <paramref name="text"/> (the content of <paramref name="file"/>).</summary>
    public static List<DocBlock> Read(string file, string text, List<DocProblem> problems)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<DocBlock>();
        string pendingMarker = null;
        int pendingMarkerLine = 0;
        int lastNonBlank = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            Match open = Opening.Match(line);
            if (open.Success && !(open.Groups["fence"].Value[0] == '`' && open.Groups["info"].Value.Contains('`')))
            {
                int end = ClosingLine(lines, i, open.Groups["fence"].Value);
                if (end < 0)
                {
                    problems.Add(new DocProblem(file, i + 1, "the fence is never closed"));
                    end = lines.Length;
                }

                string info = open.Groups["info"].Value.Trim();
                string language = info.Length == 0 ? string.Empty : info.Split(' ', '{', ',')[0].ToLowerInvariant();
                int indent = open.Groups["indent"].Value.Length;
                var content = lines.Skip(i + 1).Take(end - i - 1).Select(l => Dedent(l, indent)).ToList();
                var block = new DocBlock(file, i + 1, language, content, pendingMarker);
                Check(block, pendingMarkerLine, problems);
                blocks.Add(block);
                pendingMarker = null;
                i = end;
                lastNonBlank = end;
                continue;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (pendingMarker != null)
            {
                problems.Add(new DocProblem(file, pendingMarkerLine, "a not-run marker must be the line right before a fence (blank lines allowed), but a fence does not follow"));
                pendingMarker = null;
            }

            Match marker = Marker.Match(line);
            if (marker.Success)
            {
                pendingMarker = marker.Groups["reason"].Value.Trim();
                pendingMarkerLine = i + 1;
            }
            else if (MarkerLike.IsMatch(InlineCode.Replace(line, string.Empty)))
            {
                problems.Add(new DocProblem(file, i + 1, "malformed marker: write it alone on its line as <!-- not-run: KEY (why) -->"));
            }
            else if (IsIndentedCode(lines, i, lastNonBlank))
            {
                problems.Add(new DocProblem(file, i + 1, "an indented code block: use a fence with a language (```sh for commands, ```text otherwise) so the docs test sees it"));
            }

            lastNonBlank = i;
        }

        if (pendingMarker != null)
        {
            problems.Add(new DocProblem(file, pendingMarkerLine, "a not-run marker at the end of the file, with no fence after it"));
        }

        return blocks;
    }

    private static int ClosingLine(string[] lines, int open, string fence)
    {
        for (int j = open + 1; j < lines.Length; j++)
        {
            string t = lines[j].Trim();
            if (t.Length >= fence.Length && t.All(c => c == fence[0]))
            {
                return j;
            }
        }

        return -1;
    }

    private static string Dedent(string line, int indent)
    {
        int n = 0;
        while (n < indent && n < line.Length && line[n] == ' ')
        {
            n++;
        }

        return line[n..];
    }

    /// <summary>A line indented by 4+ spaces (or a tab) after a blank line, outside any list: CommonMark's indented code block.</summary>
    private static bool IsIndentedCode(string[] lines, int i, int lastNonBlank)
    {
        string line = lines[i];
        bool indented = line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('\t');
        if (!indented || i == 0 || lines[i - 1].Trim().Length != 0 || lastNonBlank < 0)
        {
            return false;
        }

        string previous = lines[lastNonBlank];
        bool inList = ListItem.IsMatch(previous) || previous.StartsWith(' ') || previous.StartsWith('\t');
        return !inList;
    }

    private static void Check(DocBlock block, int markerLine, List<DocProblem> problems)
    {
        if (block.Language.Length == 0)
        {
            problems.Add(new DocProblem(block.File, block.FenceLine, "an unlabelled fence: name its language (```sh for commands, which the docs test runs; ```text for output, tokens or other literal text)"));
            return;
        }

        if (block.NotRun != null && !block.IsShell)
        {
            problems.Add(new DocProblem(block.File, markerLine, $"a not-run marker on a ```{block.Language} block: only shell blocks are run, so only they take one"));
        }

        if (!block.IsShell)
        {
            string first = block.Lines.FirstOrDefault(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))?.TrimStart() ?? string.Empty;
            if (CommandLike.IsMatch(first))
            {
                problems.Add(new DocProblem(block.File, block.FenceLine, $"a ```{block.Language} block that starts like a command (`{Shorten(first)}`): label it ```sh so the docs test runs it (or marks why not)"));
            }

            return;
        }

        if (block.NotRun != null)
        {
            string complaint = NotRunReasons.Complaint(block);
            if (complaint != null)
            {
                problems.Add(new DocProblem(block.File, markerLine, complaint));
            }
        }
        else if (DocBlock.WindowsLanguages.Contains(block.Language))
        {
            problems.Add(new DocProblem(block.File, block.FenceLine, $"a ```{block.Language} block cannot run here: mark it <!-- not-run: windows (why) -->"));
        }
        else if (block.Language == "console" && !block.Lines.Any(l => l.StartsWith("$ ", StringComparison.Ordinal)))
        {
            problems.Add(new DocProblem(block.File, block.FenceLine, "a ```console block without a `$ ` prompt: the docs test runs the `$ ` lines (the others are output)"));
        }
    }

    /// <summary>The first 80 characters of <paramref name="s"/>.</summary>
    public static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
