using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DeviceAuth.Cli.Tests.Docs;

/// <summary>
/// Docs that work as written: every fenced shell block (```bash, ```sh, ```shell, ```console) in every
/// markdown file of the repository (tests/Fixtures aside) runs, in order, in a fresh copy of the
/// repository (<see cref="DocSandbox"/>), and must exit 0; or it carries a visible
/// <c>&lt;!-- not-run: KEY (why) --&gt;</c> marker with one of the few reasons in
/// <see cref="NotRunReasons"/>. Unlabelled fences, indented code blocks and non-shell blocks that
/// start like a command fail, so no command escapes. One test case per file.
/// </summary>
public sealed class DocShellBlockTests
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", ".git", "node_modules", "TestResults", "artifacts", "packages", ".vs" };

    /// <summary>Programs a block may need, with their Debian package (.ci/run installs them).</summary>
    private static readonly (string Program, string Package)[] Programs =
    {
        ("curl", "curl"), ("mosquitto", "mosquitto"), ("mosquitto_pub", "mosquitto-clients"), ("mosquitto_sub", "mosquitto-clients"),
        ("openssl", "openssl"), ("node", "nodejs"), ("npm", "npm"), ("python3", "python3"), ("jq", "jq"), ("zip", "zip"), ("aws", "awscli"),
    };

    /// <summary>The repository root.</summary>
    public static string RepoRoot => Path.GetDirectoryName(Path.GetDirectoryName(NodeOracles.Folder))!;

    /// <summary>Every markdown file of the repository, relative, except under tests/Fixtures and build or package folders.</summary>
    public static List<string> MarkdownFiles()
    {
        var files = new List<string>();
        Collect(RepoRoot, files);
        return files.Select(f => Path.GetRelativePath(RepoRoot, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("tests/Fixtures/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The test cases: one per markdown file.</summary>
    public static TheoryData<string> Files() => new(MarkdownFiles());

    /// <summary>The programs <paramref name="blocks"/> call, with their package.</summary>
    public static IEnumerable<(string Program, string Package)> ProgramsUsed(IEnumerable<DocBlock> blocks)
    {
        string text = string.Join("\n", blocks.Select(b => string.Join("\n", DocScript.Commands(b))));
        return Programs.Where(p => Regex.IsMatch(text, $@"(^|[\s;|&(""']){Regex.Escape(p.Program)}(?=\s|$)", RegexOptions.Multiline));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_shell_block_runs_as_written_or_says_why_not(string file)
    {
        var runner = new DocRunner(RepoRoot, CliRunner.ToolDll);
        (List<DocBlock> blocks, List<string> problems) = runner.Check(file);
        Assert.True(problems.Count == 0, $"{file} breaks the docs rules (DEVELOPERS.md, \"Docs that run\"):\n" + string.Join("\n", problems));
        foreach ((string program, string package) in ProgramsUsed(DocRunner.Runnable(blocks)))
        {
            ExternalPrograms.Require(program, package);
        }

        var watch = Stopwatch.StartNew();
        DocFileResult result = await runner.RunAsync(file, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"{file}: {result.Run.Count} block(s) run in {watch.Elapsed.TotalSeconds:0.0} s, {result.Marked.Count} marked not-run ({string.Join(", ", result.Marked.Select(b => NotRunReasons.KeyOf(b.NotRun)))})");
        foreach (string line in result.Log)
        {
            TestContext.Current.TestOutputHelper?.WriteLine("  " + line);
        }

        Assert.True(result.Failures.Count == 0, string.Join("\n\n", result.Failures));
    }

    [Fact]
    public void The_scan_covers_every_doc_the_project_publishes_and_no_fixture()
    {
        List<string> files = MarkdownFiles();
        foreach (string expected in new[] { "README.md", "DEVELOPERS.md", "docs/cli.md", "boards/README.md", "samples/README.md", "samples/MqttCustomAuth/README.md" })
        {
            Assert.Contains(expected, files);
        }

        Assert.DoesNotContain(files, f => f.StartsWith("tests/Fixtures/", StringComparison.Ordinal) || f.Contains("/node_modules/", StringComparison.Ordinal));

        // The totals, for the record (and a floor: a scan that finds nothing cannot pass).
        var runner = new DocRunner(RepoRoot, CliRunner.ToolDll);
        var all = files.SelectMany(f => runner.Check(f).Blocks).Where(b => b.IsShell).ToList();
        var run = DocRunner.Runnable(all);
        TestContext.Current.TestOutputHelper?.WriteLine($"{files.Count} markdown files, {all.Count} shell blocks: {run.Count} run, {all.Count - run.Count} marked not-run");
        foreach (var group in all.Where(b => b.NotRun != null).GroupBy(b => NotRunReasons.KeyOf(b.NotRun)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"  not-run {group.Key}: {group.Count()} ({string.Join(", ", group.Select(b => b.File + ":" + b.FenceLine))})");
        }

        Assert.True(run.Count >= 5, "fewer than 5 runnable shell blocks found: " + run.Count);
    }

    private static void Collect(string dir, List<string> files)
    {
        files.AddRange(Directory.EnumerateFiles(dir, "*.md"));
        foreach (string sub in Directory.EnumerateDirectories(dir))
        {
            if (!SkippedFolders.Contains(Path.GetFileName(sub)) && new DirectoryInfo(sub).LinkTarget == null)
            {
                Collect(sub, files);
            }
        }
    }
}
