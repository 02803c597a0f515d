namespace DeviceAuth.Fuzz;

/// <summary>The committed seed inputs: every file under corpus/&lt;target&gt;/ (copied beside the test assembly).</summary>
internal static class Corpus
{
    public static byte[][] Seeds(string target)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "corpus", target);
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray()
            : Array.Empty<byte[]>();
    }
}
