namespace DeviceAuth.Fuzz;

/// <summary>
/// How many inputs each target gets: <see cref="CiInputs"/> in all, shared by weight, times
/// DEVICEAUTH_FUZZ_SCALE (default 1); the mutator's seed is DEVICEAUTH_FUZZ_SEED (default 11).
/// Failing inputs go to DEVICEAUTH_FUZZ_FAILURES (default: fuzz-failures/ in the working directory).
/// </summary>
internal static class FuzzBudget
{
    /// <summary>Inputs over all targets in one CI run.</summary>
    public const long CiInputs = 2_400_000;

    private static readonly object Gate = new();

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("DEVICEAUTH_FUZZ_SEED"), out int s) ? s : 11;

    public static double Scale => double.TryParse(Environment.GetEnvironmentVariable("DEVICEAUTH_FUZZ_SCALE"), System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0 ? s : 1;

    public static string FailureDirectory => Environment.GetEnvironmentVariable("DEVICEAUTH_FUZZ_FAILURES") is string d && d.Length > 0 ? d : Path.Combine(Environment.CurrentDirectory, "fuzz-failures");

    public static long InputsFor(FuzzTarget target) => InputsFor(target, Scale);

    public static long InputsFor(FuzzTarget target, double scale)
    {
        int total = Targets.All.Sum(t => t.Weight);
        return (long)Math.Ceiling(CiInputs * scale * target.Weight / total);
    }

    /// <summary>Appends a result line to fuzz-report.txt beside the test assembly (the figures for the README).</summary>
    public static void Report(string line)
    {
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-report.txt"), $"{DateTime.UtcNow:u} seed {Seed} scale {Scale}: {line}\n");
        }
    }
}
