using System.Text.RegularExpressions;

namespace DeviceAuth.Cli.Tests.Docs;

/// <summary>What following one markdown file gave.</summary>
/// <param name="Blocks">Every fenced block of the file.</param>
/// <param name="Run">The shell blocks that ran (in order).</param>
/// <param name="Marked">The shell blocks marked not-run.</param>
/// <param name="Failures">Problems and failed blocks, each a complete message; empty when the file passes.</param>
/// <param name="Log">One line per block run, with its time.</param>
public sealed record DocFileResult(IReadOnlyList<DocBlock> Blocks, IReadOnlyList<DocBlock> Run, IReadOnlyList<DocBlock> Marked, IReadOnlyList<string> Failures, IReadOnlyList<string> Log);

/// <summary>
/// Follows one markdown file: reads its blocks, refuses the file when a rule is broken (see
/// <see cref="MarkdownBlocks"/>, <see cref="NotRunReasons"/>) or a block names a repository path that
/// does not exist, then runs its unmarked shell blocks in order in a <see cref="DocSandbox"/> with
/// <c>bash -euo pipefail</c>, a time limit per block, and the process group killed at the end.
/// </summary>
public sealed class DocRunner
{
    private static readonly Regex RepoPath = new(@"(?:--project\s+|dotnet\s+(?:test|build|pack|publish)\s+)(?<path>[^\s-][^\s;|&)]*)");

    private readonly string _repoRoot;
    private readonly string _toolDll;

    /// <summary>A runner for the repository at <paramref name="repoRoot"/>, with <paramref name="toolDll"/> as <c>deviceauth</c>.</summary>
    public DocRunner(string repoRoot, string toolDll)
    {
        _repoRoot = repoRoot;
        _toolDll = toolDll;
    }

    /// <summary>The longest a block may run (default 240 s: a fresh Release build on a busy 2-core machine fits).</summary>
    public TimeSpan BlockTimeout { get; init; } = TimeSpan.FromSeconds(240);

    /// <summary>Reads <paramref name="file"/> (relative to the repository root) and checks its rules without running anything.</summary>
    public (List<DocBlock> Blocks, List<string> Problems) Check(string file)
    {
        var problems = new List<DocProblem>();
        List<DocBlock> blocks = MarkdownBlocks.Read(file, File.ReadAllText(Path.Combine(_repoRoot, file)), problems);
        foreach (DocBlock block in blocks.Where(b => b.IsShell))
        {
            foreach (Match m in RepoPath.Matches(block.Text))
            {
                string path = m.Groups["path"].Value.TrimEnd('/');
                bool placeholder = path.IndexOfAny(new[] { '$', '<', '[', '*', '~' }) >= 0 || path.StartsWith("..", StringComparison.Ordinal);
                if (!placeholder && !File.Exists(Path.Combine(_repoRoot, path)) && !Directory.Exists(Path.Combine(_repoRoot, path)))
                {
                    problems.Add(new DocProblem(file, block.FenceLine, $"names {path}, which does not exist in the repository (paths are from the repository root)"));
                }
            }
        }

        return (blocks, problems.Select(p => p.ToString()).ToList());
    }

    /// <summary>The unmarked shell blocks of <paramref name="blocks"/>.</summary>
    public static List<DocBlock> Runnable(IEnumerable<DocBlock> blocks) => blocks.Where(b => b.IsShell && b.NotRun == null).ToList();

    /// <summary>Checks <paramref name="file"/>, then (when it breaks no rule) runs its shell blocks.</summary>
    public async Task<DocFileResult> RunAsync(string file, CancellationToken cancel)
    {
        (List<DocBlock> blocks, List<string> problems) = Check(file);
        List<DocBlock> run = Runnable(blocks);
        List<DocBlock> marked = blocks.Where(b => b.IsShell && b.NotRun != null).ToList();
        var log = new List<string>();
        if (problems.Count > 0 || run.Count == 0)
        {
            return new DocFileResult(blocks, new List<DocBlock>(), marked, problems, log);
        }

        using var sandbox = new DocSandbox(_repoRoot, _toolDll);
        var ports = DocScript.WellKnownPorts.Distinct().ToDictionary(p => p, _ => ExternalPrograms.FreePort());
        string progress = Path.Combine(sandbox.Harness, "progress");
        string script = Path.Combine(sandbox.Harness, Path.GetFileName(file) + ".sh");
        File.WriteAllText(progress, string.Empty);
        File.WriteAllText(script, DocScript.Build(run, sandbox.Work, progress, ports));
        var execution = new DocExecution(sandbox, script, progress, BlockTimeout);
        await execution.RunAsync(cancel);
        var failures = new List<string>();
        string failure = execution.Failure(run, file);
        if (failure != null)
        {
            failures.Add(failure);
        }

        log.AddRange(execution.Timings(run));
        return new DocFileResult(blocks, run, marked, failures, log);
    }
}
