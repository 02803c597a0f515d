using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DeviceAuth.Cli.Tests.Docs;

/// <summary>
/// One run of a file's script: <c>setsid bash -euo pipefail</c> with stdin from /dev/null and output to
/// files, a time limit per block (read from the progress file the script appends to), the process
/// group killed at the end; then the failure, if any, said precisely: the block, the failing line and
/// command, the exit code, and the tails of stderr and stdout since the block started.
/// </summary>
public sealed class DocExecution
{
    private static readonly Regex ErrTrap = new(@"^\[docs\] exit (?<code>\d+) at line (?<line>\d+): (?<command>.*)$", RegexOptions.Multiline);
    private static readonly Regex BashError = new(@"\.sh: line (?<line>\d+): (?<message>.*)$", RegexOptions.Multiline);
    private readonly DocSandbox _sandbox;
    private readonly string _script;
    private readonly string _progress;
    private readonly TimeSpan _blockTimeout;
    private int _exitCode;
    private int _timedOutBlock;

    /// <summary>Prepares the run of <paramref name="script"/> in <paramref name="sandbox"/>.</summary>
    public DocExecution(DocSandbox sandbox, string script, string progress, TimeSpan blockTimeout)
    {
        _sandbox = sandbox;
        _script = script;
        _progress = progress;
        _blockTimeout = blockTimeout;
    }

    private string OutFile => Path.Combine(_sandbox.Harness, "stdout");

    private string ErrFile => Path.Combine(_sandbox.Harness, "stderr");

    /// <summary>Runs the script to its end, its first failure, or a block's time limit.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        string pgidFile = Path.Combine(_sandbox.Harness, "pgid");
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = _sandbox.Work };
        foreach (string a in new[] { "-w", "bash", "-c", "echo $$ > \"$1\"; exec </dev/null >\"$2\" 2>\"$3\"; exec bash --noprofile --norc -euo pipefail \"$4\"", "docs", pgidFile, OutFile, ErrFile, _script })
        {
            psi.ArgumentList.Add(a);
        }

        _sandbox.Configure(psi);
        using Process process = Process.Start(psi)!;
        int block = 0;
        var blockStarted = Stopwatch.StartNew();
        try
        {
            while (!process.HasExited)
            {
                int current = CurrentBlock();
                if (current != block)
                {
                    block = current;
                    blockStarted.Restart();
                }

                if (blockStarted.Elapsed > _blockTimeout)
                {
                    _timedOutBlock = block;
                    break;
                }

                using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                tick.CancelAfter(200);
                try
                {
                    await process.WaitForExitAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                }
            }
        }
        finally
        {
            if (File.Exists(pgidFile) && int.TryParse(File.ReadAllText(pgidFile).Trim(), out int pgid))
            {
                DocSandbox.KillGroup(pgid);
            }

            process.WaitForExit(10_000);
        }

        _exitCode = process.HasExited ? process.ExitCode : -1;
    }

    /// <summary>"block N file:line (```lang): T s" for each block that ran (from the script's own timestamps).</summary>
    public IEnumerable<string> Timings(IReadOnlyList<DocBlock> run)
    {
        var marks = new List<(string Name, double Time)>();
        foreach (string line in File.ReadAllLines(_progress))
        {
            string[] parts = line.Split(' ');
            if (parts.Length == 2 && double.TryParse(parts[1].Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double t))
            {
                marks.Add((parts[0], t));
            }
        }

        for (int i = 0; i + 1 < marks.Count && i < run.Count; i++)
        {
            yield return $"block {i + 1} {run[i].Where}: {marks[i + 1].Time - marks[i].Time:0.0} s";
        }
    }

    /// <summary>The failure message, or null when every block ran to its end with exit code 0.</summary>
    public string Failure(IReadOnlyList<DocBlock> run, string file)
    {
        string progress = File.ReadAllText(_progress);
        int reached = CurrentBlock();
        if (_timedOutBlock == 0 && _exitCode == 0 && progress.Contains("end ", StringComparison.Ordinal))
        {
            return null;
        }

        int index = Math.Max(1, _timedOutBlock != 0 ? _timedOutBlock : reached);
        DocBlock block = run[Math.Min(index, run.Count) - 1];
        string err = File.Exists(ErrFile) ? File.ReadAllText(ErrFile) : string.Empty;
        string output = File.Exists(OutFile) ? File.ReadAllText(OutFile) : string.Empty;
        string what;
        if (_timedOutBlock != 0)
        {
            what = $"timed out after {_blockTimeout.TotalSeconds:0} s (the block's time limit); its process group was killed";
        }
        else
        {
            Match trap = ErrTrap.Matches(err).LastOrDefault();
            Match bashError = BashError.Matches(err).LastOrDefault();
            what = trap == null
                ? (bashError == null
                    ? $"bash exited with {_exitCode} (no failing command reported: see the stderr below)"
                    : $"bash exited with {_exitCode} at {file}:{bashError.Groups["line"].Value}: {bashError.Groups["message"].Value}")
                : $"exit {trap.Groups["code"].Value} at {file}:{trap.Groups["line"].Value}: `{CommandAt(run, int.Parse(trap.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), trap.Groups["command"].Value)}`";
        }

        return $"{block.Where}, block {index} of {run.Count} run in this file: {what}\n"
            + $"  the block:\n{Indent(block.Text, "    | ")}\n"
            + $"  stderr (end):\n{Indent(Tail(Since(err, index), 25), "    ")}\n"
            + $"  stdout (end):\n{Indent(Tail(Since(output, index), 15), "    ")}\n"
            + "  (the harness ran the file's shell blocks in a fresh copy of the repository with `deviceauth` on PATH, "
            + "`dotnet run --project src/DeviceAuth.Cli --` as `deviceauth` and ports 8443/8444/8883/1883 moved to free ports: DEVELOPERS.md, \"Docs that run\")";
    }

    /// <summary>The doc's command at markdown line <paramref name="line"/> (continuation lines joined), or bash's own text of it.</summary>
    private static string CommandAt(IReadOnlyList<DocBlock> run, int line, string bashCommand)
    {
        DocBlock block = run.FirstOrDefault(b => line > b.FenceLine && line <= b.FenceLine + b.Lines.Count);
        if (block == null)
        {
            return bashCommand;
        }

        IReadOnlyList<string> lines = DocScript.Commands(block);
        int first = line - block.FenceLine - 1;
        while (first > 0 && lines[first - 1].EndsWith('\\'))
        {
            first--;
        }

        var parts = new List<string> { lines[first] };
        for (int i = first; i + 1 < lines.Count && lines[i].EndsWith('\\'); i++)
        {
            parts.Add(lines[i + 1].Trim());
        }

        return string.Join(" ", parts.Select(p => p.TrimEnd('\\').Trim()));
    }

    private int CurrentBlock()
    {
        string last = File.ReadAllLines(_progress).Select(l => l.Split(' ')[0]).LastOrDefault(n => int.TryParse(n, out _));
        return last == null ? 0 : int.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Since(string text, int block)
    {
        int at = text.LastIndexOf($"[docs] block {block}: ", StringComparison.Ordinal);
        return at < 0 ? text : text[at..];
    }

    private static string Tail(string text, int lines)
    {
        string[] all = text.TrimEnd('\n').Split('\n');
        return string.Join("\n", all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static string Indent(string text, string prefix) => string.Join("\n", text.Split('\n').Select(l => prefix + l));
}
