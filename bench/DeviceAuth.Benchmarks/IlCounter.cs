using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using FieldAttributes = Mono.Cecil.FieldAttributes;
using MethodBody = Mono.Cecil.Cil.MethodBody;
using TypeAttributes = Mono.Cecil.TypeAttributes;
using System.Runtime.Loader;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace DeviceAuth.Benchmarks;

/// <summary>
/// The device cost model: nanoCLR interprets IL, one instruction at a time, at roughly the same
/// cost per instruction. This counts the IL instructions a signature executes: a copy of
/// DeviceAuth.dll gets a counter increment at the start of every basic block (adding the block's
/// instruction count), is loaded into its own AssemblyLoadContext and driven by reflection. Calls
/// into the BCL (Array.Copy, Array.Clear) count as one instruction, as they run natively on the
/// device too.
/// </summary>
public static class IlCounter
{
    private const string CounterType = "DeviceAuthIlCounter";

    /// <summary>IL instructions executed by key import, signer set-up, and one signature of <paramref name="message"/>.</summary>
    public static (long Import, long Setup, long Sign) Measure(string pem, byte[] message)
    {
        Assembly assembly = LoadInstrumented();
        FieldInfo counter = assembly.GetType(CounterType).GetField("Count");
        Type keyType = assembly.GetType("DeviceAuth.Crypto.RsaPrivateKey");
        Type signerType = assembly.GetType("DeviceAuth.Crypto.RsaSha256Signer");

        counter.SetValue(null, 0L);
        object key = keyType.GetMethod("FromPem").Invoke(null, new object[] { pem });
        long import = (long)counter.GetValue(null);

        counter.SetValue(null, 0L);
        object signer = Activator.CreateInstance(signerType, key);
        long setup = (long)counter.GetValue(null);

        MethodInfo sign = signerType.GetMethod("Sign", new[] { typeof(byte[]) });
        sign.Invoke(signer, new object[] { message });
        counter.SetValue(null, 0L);
        sign.Invoke(signer, new object[] { message });
        long signing = (long)counter.GetValue(null);
        ((IDisposable)signer).Dispose();
        ((IDisposable)key).Dispose();
        return (import, setup, signing);
    }

    /// <summary>IL instructions executed per SHA-256 compression (measured over 64 KB).</summary>
    public static double PerSha256Block()
    {
        Assembly assembly = LoadInstrumented();
        FieldInfo counter = assembly.GetType(CounterType).GetField("Count");
        MethodInfo hash = assembly.GetType("DeviceAuth.Crypto.Sha256").GetMethod("Hash", new[] { typeof(byte[]) });
        counter.SetValue(null, 0L);
        hash.Invoke(null, new object[] { new byte[65536] });
        return (long)counter.GetValue(null) / 1025.0;
    }

    /// <summary>IL instructions per Montgomery multiplication and squaring for a modulus of <paramref name="bits"/> bits.</summary>
    public static (long Multiply, long Square, int Limbs, int LimbBits) PerOperation(int bits)
    {
        Assembly assembly = LoadInstrumented();
        FieldInfo counter = assembly.GetType(CounterType).GetField("Count");
        Type mont = assembly.GetType("DeviceAuth.Crypto.Montgomery");
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        int w = (int)mont.GetMethod("LimbBits", Any).Invoke(null, new object[] { bits });
        int k = (int)mont.GetMethod("LimbCount", Any).Invoke(null, new object[] { bits, w });
        byte[] modulus = new byte[(bits + 7) / 8];
        new Random(bits).NextBytes(modulus);
        modulus[0] |= 0x80;
        modulus[^1] |= 1;
        object m = Activator.CreateInstance(mont, Any, null, new object[] { modulus, w, k }, null);
        ulong[] a = (ulong[])((ulong[])mont.GetField("R2", Any).GetValue(m)).Clone();
        ulong[] r = new ulong[a.Length];
        MethodInfo multiply = mont.GetMethod("Multiply", Any);
        MethodInfo square = mont.GetMethod("Square", Any);
        counter.SetValue(null, 0L);
        multiply.Invoke(m, new object[] { a, a, r });
        long mul = (long)counter.GetValue(null);
        counter.SetValue(null, 0L);
        square.Invoke(m, new object[] { a, r });
        long sq = (long)counter.GetValue(null);
        return (mul, sq, k, w);
    }

    /// <summary>
    /// IL instructions of the textbook reference (<see cref="TextbookRsa"/>) for the two CRT
    /// exponentiations of one signature with this key; also checks its result against .NET.
    /// </summary>
    public static long TextbookSignature(string pem, byte[] message)
    {
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(pem);
        var k = rsa.ExportParameters(true);
        byte[] expected = rsa.SignData(message, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var s = new System.Numerics.BigInteger(expected, isUnsigned: true, isBigEndian: true);
        var p = new System.Numerics.BigInteger(k.P, isUnsigned: true, isBigEndian: true);
        var q = new System.Numerics.BigInteger(k.Q, isUnsigned: true, isBigEndian: true);
        var x = System.Numerics.BigInteger.ModPow(s, new System.Numerics.BigInteger(k.Exponent, isUnsigned: true, isBigEndian: true), p * q);

        Assembly bench = LoadInstrumented(typeof(TextbookRsa).Assembly.Location, "bench");
        FieldInfo counter = bench.GetType(CounterType).GetField("Count");
        Type type = bench.GetType(typeof(TextbookRsa).FullName);
        long total = 0;
        foreach ((System.Numerics.BigInteger prime, byte[] exponent) in new[] { (p, k.DP), (q, k.DQ) })
        {
            object engine = Activator.CreateInstance(type, prime.ToByteArray(isUnsigned: true, isBigEndian: true));
            byte[] reduced = (x % prime).ToByteArray(isUnsigned: true, isBigEndian: true);
            counter.SetValue(null, 0L);
            var result = (uint[])type.GetMethod("Power").Invoke(engine, new object[] { reduced, exponent, (int)prime.GetBitLength() });
            total += (long)counter.GetValue(null);
            var value = new System.Numerics.BigInteger(TextbookRsa.ToBytes(result, exponent.Length + 8), isUnsigned: true, isBigEndian: true);
            if (value != s % prime)
            {
                throw new InvalidOperationException("textbook reference computed a wrong CRT half");
            }
        }

        return total;
    }

    private static Assembly cached;
    private static Assembly cachedBench;

    private static Assembly LoadInstrumented() => cached ??= LoadInstrumented(typeof(DeviceAuth.Crypto.Sha256).Assembly.Location, "deviceauth");

    private static Assembly LoadInstrumented(string source, string tag)
    {
        if (tag == "bench" && cachedBench != null)
        {
            return cachedBench;
        }

        string folder = Path.Combine(Path.GetTempPath(), "deviceauth-il-" + tag + "-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, Path.GetFileName(source));
        using (var module = ModuleDefinition.ReadModule(source, new ReaderParameters { ReadSymbols = false }))
        {
            var type = new TypeDefinition(string.Empty, CounterType, TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class, module.TypeSystem.Object);
            var field = new FieldDefinition("Count", FieldAttributes.Public | FieldAttributes.Static, module.TypeSystem.Int64);
            type.Fields.Add(field);
            module.Types.Add(type);
            foreach (TypeDefinition t in module.GetTypes().ToList())
            {
                if (tag == "bench" && t.Name != nameof(TextbookRsa))
                {
                    continue;
                }

                foreach (MethodDefinition m in t.Methods.Where(m => m.HasBody))
                {
                    Instrument(m, field);
                }
            }

            module.Write(target);
        }

        var context = new AssemblyLoadContext("il-count-" + tag, isCollectible: false);
        Assembly loaded = context.LoadFromAssemblyPath(target);
        if (tag == "bench")
        {
            cachedBench = loaded;
        }

        return loaded;
    }

    internal static void Instrument(MethodDefinition method, FieldReference counter)
    {
        MethodBody body = method.Body;
        body.SimplifyMacros();
        List<Instruction> code = body.Instructions.ToList();
        var leaders = new HashSet<Instruction> { code[0] };
        for (int i = 0; i < code.Count; i++)
        {
            Instruction ins = code[i];
            if (ins.Operand is Instruction target)
            {
                leaders.Add(target);
            }
            else if (ins.Operand is Instruction[] targets)
            {
                leaders.UnionWith(targets);
            }

            FlowControl flow = ins.OpCode.FlowControl;
            if ((flow == FlowControl.Branch || flow == FlowControl.Cond_Branch || flow == FlowControl.Return || flow == FlowControl.Throw) && i + 1 < code.Count)
            {
                leaders.Add(code[i + 1]);
            }
        }

        foreach (ExceptionHandler h in body.ExceptionHandlers)
        {
            foreach (Instruction i in new[] { h.TryStart, h.TryEnd, h.HandlerStart, h.HandlerEnd, h.FilterStart })
            {
                if (i != null)
                {
                    leaders.Add(i);
                }
            }
        }

        ILProcessor il = body.GetILProcessor();
        var replacement = new Dictionary<Instruction, Instruction>();
        for (int i = 0; i < code.Count; i++)
        {
            if (!leaders.Contains(code[i]))
            {
                continue;
            }

            int size = 1;
            while (i + size < code.Count && !leaders.Contains(code[i + size]))
            {
                size++;
            }

            Instruction first = il.Create(OpCodes.Ldsfld, counter);
            il.InsertBefore(code[i], first);
            il.InsertBefore(code[i], il.Create(OpCodes.Ldc_I8, (long)size));
            il.InsertBefore(code[i], il.Create(OpCodes.Add));
            il.InsertBefore(code[i], il.Create(OpCodes.Stsfld, counter));
            replacement[code[i]] = first;
        }

        foreach (Instruction ins in code)
        {
            if (ins.Operand is Instruction target && replacement.TryGetValue(target, out Instruction to))
            {
                ins.Operand = to;
            }
            else if (ins.Operand is Instruction[] targets)
            {
                ins.Operand = targets.Select(t => replacement.TryGetValue(t, out Instruction x) ? x : t).ToArray();
            }
        }

        foreach (ExceptionHandler h in body.ExceptionHandlers)
        {
            h.TryStart = Map(h.TryStart);
            h.TryEnd = Map(h.TryEnd);
            h.HandlerStart = Map(h.HandlerStart);
            h.HandlerEnd = Map(h.HandlerEnd);
            h.FilterStart = Map(h.FilterStart);
        }

        body.MaxStackSize += 2;
        body.OptimizeMacros();

        Instruction Map(Instruction i) => i != null && replacement.TryGetValue(i, out Instruction x) ? x : i;
    }
}
