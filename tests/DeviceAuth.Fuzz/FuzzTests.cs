using System.Diagnostics;
using System.Security.Cryptography;

namespace DeviceAuth.Fuzz;

/// <summary>
/// Runs each target over its share of the input budget. An exception of a type the parser does not
/// document fails the test; the input is saved to fuzz-failures/&lt;target&gt;-&lt;sha256&gt;.bin and the
/// message names the file and the exception type (never the input or the exception's message).
/// </summary>
public class FuzzTests
{
    public static TheoryData<string> TargetNames => new(Targets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Parser_throws_only_what_it_documents(string name)
    {
        FuzzTarget target = Targets.All.Single(t => t.Name == name);
        byte[][] seeds = Corpus.Seeds(name);
        Assert.NotEmpty(seeds);
        long budget = FuzzBudget.InputsFor(target);
        var mutator = new Mutator(FuzzBudget.Seed ^ StableHash(name), seeds, target.Tokens);
        var watch = Stopwatch.StartNew();
        long documented = 0;
        for (long i = 0; i < budget; i++)
        {
            byte[] input = i < seeds.Length ? seeds[i] : mutator.Next();
            try
            {
                target.Run(input);
            }
            catch (Exception e) when (target.IsDocumented(e))
            {
                documented++;
            }
            catch (Exception e)
            {
                string file = Save(name, input);
                Assert.Fail($"{name}: input {i} threw {e.GetType().FullName}, not one of [{string.Join(", ", target.Documented.Select(t => t.Name))}]; input saved to {file}");
            }
        }

        string line = $"{name}: {budget} inputs in {watch.Elapsed.TotalSeconds:F1} s, {documented} refused with a documented exception, 0 unexpected";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        FuzzBudget.Report(line);
    }

    [Fact]
    public void The_budget_reaches_a_million_inputs_and_the_harness_can_fail()
    {
        Assert.True(Targets.All.Sum(t => FuzzBudget.InputsFor(t, 1)) >= 1_000_000, "the CI budget must cover at least 1,000,000 inputs across the parsers");

        // A checker that cannot fail is a defect: a target whose parser throws an undocumented type is caught and its input saved.
        var broken = new FuzzTarget("fixture-broken", 1, d => _ = d[3], Array.Empty<string>(), typeof(FormatException));
        Assert.Throws<IndexOutOfRangeException>(() => broken.Run(new byte[2]));
        Assert.False(broken.IsDocumented(new IndexOutOfRangeException()));
        string file = Save("fixture-broken", new byte[2]);
        Assert.True(File.Exists(file));
        File.Delete(file);
    }

    /// <summary>FNV-1a of the name: the same mutation stream for a target in every run (string.GetHashCode is randomised per process).</summary>
    private static int StableHash(string s)
    {
        uint h = 2166136261;
        foreach (char c in s)
        {
            h = (h ^ c) * 16777619;
        }

        return (int)(h & 0x7FFFFFFF);
    }

    private static string Save(string name, byte[] input)
    {
        string dir = Path.Combine(FuzzBudget.FailureDirectory);
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, $"{name}-{Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant()}.bin");
        File.WriteAllBytes(file, input);
        return file;
    }
}
