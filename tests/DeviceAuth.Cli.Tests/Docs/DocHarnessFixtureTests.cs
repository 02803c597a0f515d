using System.Diagnostics;

namespace DeviceAuth.Cli.Tests.Docs;

/// <summary>
/// The docs test can fail: fixture markdown files (tests/Fixtures/DocsHarness) with a broken recipe,
/// with blocks that break each rule, and one that uses everything the harness promises (console
/// prompts, the `dotnet run` rewrite, moved ports, state and background jobs across blocks, the
/// process group killed at the end). Each runs in a small root of its own, not a copy of the repository.
/// </summary>
public sealed class DocHarnessFixtureTests : IDisposable
{
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>Puts fixture <paramref name="name"/> (or <paramref name="text"/>) into the small root and returns its relative path.</summary>
    private string Fixture(string name, string text = null)
    {
        Directory.CreateDirectory(_root.File("src/DeviceAuth.Cli"));
        Directory.CreateDirectory(_root.File("docs"));
        text ??= File.ReadAllText(Path.Combine(DocShellBlockTests.RepoRoot, "tests", "Fixtures", "DocsHarness", name));
        File.WriteAllText(_root.File("docs/" + name), text);
        return "docs/" + name;
    }

    private DocRunner Runner(int timeoutSeconds = 120) => new(_root.Path, CliRunner.ToolDll) { BlockTimeout = TimeSpan.FromSeconds(timeoutSeconds) };

    [Fact]
    public async Task A_broken_recipe_fails_naming_file_line_command_exit_code_and_stderr()
    {
        string file = Fixture("broken-recipe.md");
        DocFileResult result = await Runner().RunAsync(file, TestContext.Current.CancellationToken);
        string failure = Assert.Single(result.Failures);
        Has("docs/broken-recipe.md:11 (```sh), block 2 of 2", failure);
        Has("exit 3 at docs/broken-recipe.md:13: `deviceauth token --kind device-signed --private-key thing-1/other.key.pem --device-id thing-1`", failure);
        Has("error: private key file not found: thing-1/other.key.pem", failure);
        Has("device.key.pem", failure.Split("stdout (end):")[1]);   // the block's `ls thing-1`
        Assert.DoesNotContain("never reached", failure.Split("stdout (end):")[1]);
    }

    [Fact]
    public void Blocks_that_break_the_rules_are_each_reported_and_nothing_runs()
    {
        string file = Fixture("unmarked-blocks.md");
        (_, List<string> problems) = Runner().Check(file);
        string all = string.Join("\n", problems);
        string[] expected =
        {
            "docs/unmarked-blocks.md:7: an unlabelled fence",
            "docs/unmarked-blocks.md:13: a ```text block that starts like a command",
            "docs/unmarked-blocks.md:19: an indented code block",
            "docs/unmarked-blocks.md:21: a not-run marker without a reason",
            "docs/unmarked-blocks.md:26: not-run reason 'slow (it takes a while)' is not one of the allowed keys",
            "docs/unmarked-blocks.md:31: not-run: aws (needs an AWS account and credentials), but the block contains no `aws ...` command",
            "docs/unmarked-blocks.md:36: a not-run marker must be the line right before a fence",
            "docs/unmarked-blocks.md:40: malformed marker",
            "docs/unmarked-blocks.md:45: a ```console block without a `$ ` prompt",
            "docs/unmarked-blocks.md:49: a ```powershell block cannot run here",
            "docs/unmarked-blocks.md:53: names tests/No.Such.Tests, which does not exist",
        };
        foreach (string e in expected)
        {
            Assert.True(all.Contains(e, StringComparison.Ordinal), $"expected a problem starting\n  {e}\nin:\n{all}");
        }

        Assert.Equal(expected.Length, problems.Count);
    }

    [Fact]
    public async Task A_file_that_breaks_a_rule_runs_nothing()
    {
        string file = Fixture("rule-and-command.md", "```\necho ran > ran.txt\n```\n\n```sh\necho ran > ran.txt\n```\n");
        DocFileResult result = await Runner().RunAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains(result.Failures, f => f.Contains("rule-and-command.md:1: an unlabelled fence", StringComparison.Ordinal));
        Assert.Empty(result.Run);
    }

    [Fact]
    public async Task A_good_recipe_passes_and_its_background_jobs_are_killed_at_the_end()
    {
        ExternalPrograms.Require("curl", "curl");
        string sleep = "86" + Random.Shared.Next(100_000, 999_999) + ".5";
        string pidFile = _root.File("sleep.pid");
        string file = Fixture("good-recipe.md", File.ReadAllText(Path.Combine(DocShellBlockTests.RepoRoot, "tests", "Fixtures", "DocsHarness", "good-recipe.md"))
            .Replace("__SLEEP__", sleep, StringComparison.Ordinal).Replace("__PIDFILE__", pidFile, StringComparison.Ordinal));
        DocFileResult result = await Runner().RunAsync(file, TestContext.Current.CancellationToken);
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        Assert.Equal(3, result.Run.Count);
        Assert.Single(result.Marked);
        Assert.True(File.Exists(pidFile), "the background `sleep` never started");
        Assert.False(Running("sleep " + sleep), "the block's background `sleep " + sleep + "` (pid " + File.ReadAllText(pidFile).Trim() + ") outlived the file");
    }

    [Theory]
    [InlineData("```sh\nfalse | true\necho after\n```\n", "exit 1 at docs/strict.md:2: `false | true`")]
    [InlineData("```sh\necho \"$NOT_SET_ANYWHERE\"\n```\n", "bash exited with 1 at docs/strict.md:2: NOT_SET_ANYWHERE: unbound variable")]
    [InlineData("```bash\ncd /nonexistent-docs-folder\n```\n", "exit 1 at docs/strict.md:2: `cd /nonexistent-docs-folder`")]
    public async Task Blocks_run_with_errexit_nounset_and_pipefail(string markdown, string expected)
    {
        string file = Fixture("strict.md", markdown);
        DocFileResult result = await Runner().RunAsync(file, TestContext.Current.CancellationToken);
        Has(expected, Assert.Single(result.Failures));
    }

    [Fact]
    public async Task A_block_over_its_time_limit_is_killed_and_named()
    {
        string file = Fixture("slow.md", "```sh\necho start\n```\n\n```sh\nsleep 60\n```\n");
        var watch = Stopwatch.StartNew();
        DocFileResult result = await Runner(timeoutSeconds: 3).RunAsync(file, TestContext.Current.CancellationToken);
        Has("docs/slow.md:5 (```sh), block 2 of 2 run in this file: timed out after 3 s", Assert.Single(result.Failures));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), "took " + watch.Elapsed);
    }

    [Fact]
    public void The_programs_a_file_calls_are_found_so_a_missing_one_skips_or_fails_under_CI()
    {
        var problems = new List<DocProblem>();
        List<DocBlock> blocks = MarkdownBlocks.Read("docs/x.md", "```sh\nA=\"aws --endpoint-url https://127.0.0.1:8443 apigatewayv2\"\nT=$(deviceauth token --format json | python3 -c 'print(1)')\ncurl -s x && mosquitto_pub -t t -m m\n```\n", problems);
        Assert.Empty(problems);
        Assert.Equal(new[] { "curl", "mosquitto_pub", "python3", "aws" }, DocShellBlockTests.ProgramsUsed(blocks).Select(p => p.Program));
    }

    private static void Has(string expected, string actual) => Assert.True(actual.Contains(expected, StringComparison.Ordinal), $"expected\n  {expected}\nin\n{actual}");

    private static bool Running(string commandLine)
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                string cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                if (cmd == commandLine)
                {
                    return true;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return false;
    }
}
