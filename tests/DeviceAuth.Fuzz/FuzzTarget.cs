namespace DeviceAuth.Fuzz;

/// <summary>One parser under fuzzing: how to feed it bytes, and the exception types it documents.</summary>
internal sealed class FuzzTarget
{
    public FuzzTarget(string name, int weight, Action<byte[]> run, string[] tokens, params Type[] documented)
    {
        Name = name;
        Weight = weight;
        Run = run;
        Tokens = tokens.Select(t => System.Text.Encoding.UTF8.GetBytes(t)).ToArray();
        Documented = documented;
    }

    /// <summary>Corpus folder name and test case name.</summary>
    public string Name { get; }

    /// <summary>Share of the input budget, relative to the other targets (slow parsers get fewer).</summary>
    public int Weight { get; }

    public Action<byte[]> Run { get; }

    public byte[][] Tokens { get; }

    /// <summary>Exception types the parser documents for bad input; any other type is a defect.</summary>
    public Type[] Documented { get; }

    public bool IsDocumented(Exception e) => Documented.Contains(e.GetType());

    public override string ToString() => Name;
}
