using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Mono.Cecil;
using Mono.Cecil.Cil;
using nanoFramework.TestFramework.HostRunner;

namespace DeviceAuth.Benchmarks;

/// <summary>
/// <c>--device-suite</c>: the device cost of the unit-test suite and of token validation, measured on
/// the host. Copies of DeviceAuth, DeviceAuth.Mqtt, DeviceAuth.Http and the test assembly
/// (NFUnitTest on the device) get an IL counter per basic block (<see cref="IlCounter"/>) and their
/// calls to string members replaced by <see cref="StringScanModel"/> stand-ins, which add the
/// characters nanoCLR's UTF-8 strings make the native code walk. Every test case is then run with
/// the launcher's semantics, one class at a time, and counted on its own.
/// </summary>
public static class DeviceSuiteCost
{
    /// <summary>The measured desktop nanoCLR timings of ../shared/NANOFRAMEWORK.md for a 6,144-character token.</summary>
    private const double QuadraticMs = 49.0;
    private const double LinearMs = 0.37;
    private const int TokenLength = 6144;

    private static readonly string[] DeviceAssemblies = { "DeviceAuth", "DeviceAuth.Mqtt", "DeviceAuth.Http", "DeviceAuth.Tests" };

    /// <summary>Runs the mode; prints Markdown tables.</summary>
    public static int Run(int top)
    {
        Dictionary<string, Assembly> loaded = LoadInstrumented();
        (long tokenIl, long tokenSteps, long tokenChars, long tokenLengths) = ValidateToken(loaded["DeviceAuth"]);
        Calibrate(tokenIl);

        Console.WriteLine("Device cost model: IL instructions executed + characters walked by the device's native string code");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(1 IL-equivalent = {StringScanModel.StepsPerIl:F1} character steps; {StringScanModel.NsPerIl:F2} ns per IL-equivalent on a desktop nanoCLR: both from the two timings in ../shared/NANOFRAMEWORK.md)"));
        Console.WriteLine();
        Console.WriteLine("| what | IL executed | s[i] calls | s.Length calls | character steps | IL + modelled string scans (IL-equivalents) | desktop nanoCLR (model) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Row("AwsIotCustomAuth.ValidateToken, 6,144-character token", tokenIl, tokenChars, tokenLengths, tokenSteps);

        var rows = new List<(string Id, string Outcome, long Il, long Chars, long Lengths, long Steps)>();
        Assembly tests = loaded["DeviceAuth.Tests"];
        foreach (Type type in tests.GetTypes().Where(t => t.IsClass && t.IsDefined(typeof(nanoFramework.TestFramework.TestClassAttribute), false)).OrderBy(t => t.MetadataToken))
        {
            NanoTestRunner.RunClass(
                type,
                c => StringScanModel.Reset(),
                r => rows.Add((r.Case.Id, r.Outcome.ToString(), StringScanModel.Il, StringScanModel.CharsCalls, StringScanModel.LengthCalls, StringScanModel.Steps)));
        }

        Console.WriteLine();
        Console.WriteLine("NFUnitTest " + NanoDeclaredCases.Of(tests));
        Console.WriteLine($"Unit-test suite: {rows.Count} cases run ({rows.Count(r => r.Outcome == "Passed")} passed, {rows.Count(r => r.Outcome == "Failed")} failed, {rows.Count(r => r.Outcome == "Skipped")} skipped on the instrumented copies); the {top} costliest:");
        Console.WriteLine();
        Console.WriteLine("| test case | IL executed | s[i] calls | s.Length calls | character steps | IL + modelled string scans (IL-equivalents) | desktop nanoCLR (model) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows.OrderByDescending(r => StringScanModel.IlEquivalent(r.Il, r.Steps)).Take(top))
        {
            Row(r.Id + (r.Outcome == "Passed" ? string.Empty : " (" + r.Outcome + ")"), r.Il, r.Chars, r.Lengths, r.Steps);
        }

        Row("whole suite", rows.Sum(r => r.Il), rows.Sum(r => r.Chars), rows.Sum(r => r.Lengths), rows.Sum(r => r.Steps));
        Console.WriteLine();
        Console.WriteLine($"The {top} with the most modelled string work (character steps):");
        Console.WriteLine();
        Console.WriteLine("| test case | IL executed | s[i] calls | s.Length calls | character steps | IL + modelled string scans (IL-equivalents) | desktop nanoCLR (model) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows.OrderByDescending(r => r.Steps).Take(top))
        {
            Row(r.Id + (r.Outcome == "Passed" ? string.Empty : " (" + r.Outcome + ")"), r.Il, r.Chars, r.Lengths, r.Steps);
        }

        foreach (var failed in rows.Where(r => r.Outcome == "Failed"))
        {
            Console.Error.WriteLine("failed on the instrumented copies: " + failed.Id);
        }

        return rows.Any(r => r.Outcome == "Failed") ? 1 : 0;
    }

    /// <summary>
    /// Solves ns-per-IL (a) and ns-per-step (b) from the two desktop nanoCLR timings of validating a
    /// 6,144-character token (n): 0.37 ms with one ToCharArray and a loop over the array (today's
    /// ValidateToken: its IL as measured here, 2n steps) and 49 ms for the library's ValidateToken before
    /// it read the token once (commit b5af4bc: s.Length three times, then s[i] over the token, i.e.
    /// 3n + the sum over i of (n + i + 1) steps; its IL, 116,765 by this counter, is within 0.1% of
    /// today's, so the measured IL stands for both). A two-point fit: a rough conversion, not a measurement.
    /// </summary>
    public static void Calibrate(long linearIl)
    {
        double n = TokenLength;
        double linearSteps = 2 * n;
        double quadraticSteps = (3 * n) + (n * n) + (n * (n + 1) / 2);
        double b = ((QuadraticMs - LinearMs) * 1e6) / (quadraticSteps - linearSteps);
        double a = ((LinearMs * 1e6) - (b * linearSteps)) / linearIl;
        StringScanModel.NsPerIl = a;
        StringScanModel.StepsPerIl = a / b;
    }

    private static void Row(string what, long il, long chars, long lengths, long steps)
    {
        double eq = StringScanModel.IlEquivalent(il, steps);
        double ms = eq * StringScanModel.NsPerIl / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {il:N0} | {chars:N0} | {lengths:N0} | {steps:N0} | {eq:N0} | {ms:F2} ms |"));
    }

    private static (long Il, long Steps, long Chars, long Lengths) ValidateToken(Assembly deviceAuth)
    {
        MethodInfo validate = deviceAuth.GetType("DeviceAuth.Credentials.AwsIotCustomAuth").GetMethod("ValidateToken", new[] { typeof(string) });
        string token = new string('t', TokenLength);
        validate.Invoke(null, new object[] { token });
        StringScanModel.Reset();
        validate.Invoke(null, new object[] { token });
        return (StringScanModel.Il, StringScanModel.Steps, StringScanModel.CharsCalls, StringScanModel.LengthCalls);
    }

    private static Dictionary<string, Assembly> LoadInstrumented()
    {
        string source = Path.GetDirectoryName(typeof(DeviceSuiteCost).Assembly.Location);
        string folder = Path.Combine(Path.GetTempPath(), "deviceauth-suite-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(source);
        Dictionary<string, MethodInfo> standIns = StringScanModel.StandIns();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in DeviceAssemblies)
        {
            string target = Path.Combine(folder, name + ".dll");
            using (var module = ModuleDefinition.ReadModule(Path.Combine(source, name + ".dll"), new ReaderParameters { ReadSymbols = false, AssemblyResolver = resolver }))
            {
                FieldReference il = module.ImportReference(typeof(StringScanModel).GetField(nameof(StringScanModel.Il)));
                foreach (MethodDefinition m in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).ToList())
                {
                    ReplaceStringCalls(m, standIns, module);
                    IlCounter.Instrument(m, il);
                }

                module.Write(target);
            }

            paths[name] = target;
        }

        var context = new DeviceContext(paths);
        return DeviceAssemblies.ToDictionary(n => n, n => context.LoadFromAssemblyName(new AssemblyName(n)));
    }

    private static void ReplaceStringCalls(MethodDefinition method, Dictionary<string, MethodInfo> standIns, ModuleDefinition module)
    {
        foreach (Instruction ins in method.Body.Instructions)
        {
            if (ins.Operand is MethodReference mr && (ins.OpCode == OpCodes.Call || ins.OpCode == OpCodes.Callvirt || ins.OpCode == OpCodes.Newobj))
            {
                string key = mr.DeclaringType.FullName + "::" + mr.Name + "(" + string.Join(",", mr.Parameters.Select(p => p.ParameterType.FullName)) + ")";
                if (standIns.TryGetValue(key, out MethodInfo standIn))
                {
                    ins.OpCode = OpCodes.Call;
                    ins.Operand = module.ImportReference(standIn);
                }
            }
        }
    }

    /// <summary>Loads the instrumented copies by name; everything else (the bridge, the BCL) from the default context.</summary>
    private sealed class DeviceContext : AssemblyLoadContext
    {
        private readonly Dictionary<string, string> _paths;

        public DeviceContext(Dictionary<string, string> paths)
            : base("device-suite", isCollectible: false)
        {
            _paths = paths;
        }

        protected override Assembly Load(AssemblyName assemblyName) =>
            assemblyName.Name != null && _paths.TryGetValue(assemblyName.Name, out string path) ? LoadFromAssemblyPath(path) : null;
    }
}
