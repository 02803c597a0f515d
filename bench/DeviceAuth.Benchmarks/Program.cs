using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using DeviceAuth.Crypto;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;

namespace DeviceAuth.Benchmarks;

/// <summary>
/// Median time per RSA-SHA256 signature for DeviceAuth's managed signer, Portable.BouncyCastle
/// 1.8.10 and .NET's RSA (OpenSSL), for 2048/3072/4096-bit keys; bytes allocated per signature
/// (GC.GetAllocatedBytesForCurrentThread) and Montgomery operations per signature. The three
/// signatures are compared before timing (PKCS#1 v1.5 is deterministic).
/// </summary>
public static partial class Program
{
    private const string Token = "device-42:1795000000:nonce-9f3a";

    public static int Main(string[] args)
    {
        int iterations = 0;
        var sizes = new List<int> { 2048, 3072, 4096 };
        int top = -1;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--device-suite")
            {
                top = top < 0 ? 10 : top;
            }
            else if (args[i] == "--top" && i + 1 < args.Length)
            {
                top = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--iterations" && i + 1 < args.Length)
            {
                iterations = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--sizes" && i + 1 < args.Length)
            {
                sizes.Clear();
                foreach (string s in args[++i].Split(','))
                {
                    sizes.Add(int.Parse(s, CultureInfo.InvariantCulture));
                }
            }
            else
            {
                Console.Error.WriteLine("usage: DeviceAuth.Benchmarks [--iterations N] [--sizes 2048,3072,4096] | --device-suite [--top N]");
                return 2;
            }
        }

        if (top >= 0)
        {
            // The device cost of the unit-test suite and of token validation (IL + modelled string scans).
            return DeviceSuiteCost.Run(top);
        }

        string vectors = FindVectors();
        Console.WriteLine($"RSA-SHA256 (PKCS#1 v1.5) signing, message: {Token.Length}-byte token; .NET {Environment.Version}, {Environment.ProcessorCount} cores, {RuntimeInfo()}");
        Console.WriteLine($"keys: {(vectors != null ? vectors : "generated with RSA.Create")}");
        Console.WriteLine();
        Console.WriteLine("| bits | clock | ours median ms | BouncyCastle ms | .NET (OpenSSL) ms | ours/BC | ours/.NET | ours bytes/sig | BC bytes/sig | products | squarings | iterations |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        byte[] message = System.Text.Encoding.UTF8.GetBytes(Token);
        foreach (int bits in sizes)
        {
            string pem = vectors != null && File.Exists(Path.Combine(vectors, $"rsa{bits}.pkcs1.pem"))
                ? File.ReadAllText(Path.Combine(vectors, $"rsa{bits}.pkcs1.pem"))
                : Generate(bits);
            int n = iterations > 0 ? iterations : bits <= 2048 ? 101 : bits <= 3072 ? 41 : 21;
            RunSize(bits, pem, message, n);
        }

        Console.WriteLine();
        Console.WriteLine("Device cost model: IL instructions executed (instrumented copy of DeviceAuth.dll, one signature of the same token)");
        Console.WriteLine();
        Console.WriteLine("| bits | key import (FromPem) | signer set-up | per signature | per Montgomery op (avg) | textbook CIOS, exponentiations only | ours / textbook | signer bytes (GC) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int bits in sizes)
        {
            string pem = vectors != null && File.Exists(Path.Combine(vectors, $"rsa{bits}.pkcs1.pem"))
                ? File.ReadAllText(Path.Combine(vectors, $"rsa{bits}.pkcs1.pem"))
                : Generate(bits);
            (long import, long setup, long sign) = IlCounter.Measure(pem, message);
            using RsaPrivateKey key = RsaPrivateKey.FromPem(pem);
            long before = GC.GetAllocatedBytesForCurrentThread();
            using RsaSha256Signer signer = new RsaSha256Signer(key);
            long signerBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            signer.Sign(message);
            int ops = signer.LastMontgomeryProducts + signer.LastMontgomerySquarings;
            long textbook = IlCounter.TextbookSignature(pem, message);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {bits} | {import:N0} | {setup:N0} | {sign:N0} | {sign / ops:N0} | {textbook:N0} | {(double)sign / textbook:F2} | {signerBytes:N0} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| modulus bits | limbs x bits | IL per Montgomery multiplication | IL per squaring | per limb product (mult / 2K^2) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (int half in new[] { 1024, 1536, 2048 })
        {
            (long mul, long sq, int k, int w) = IlCounter.PerOperation(half);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {half} | {k} x {w} | {mul:N0} | {sq:N0} | {mul / (2.0 * k * k):F1} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SHA-256: {IlCounter.PerSha256Block():N0} IL instructions per 64-byte block"));
        return 0;
    }

    private static void RunSize(int bits, string pem, byte[] message, int n)
    {
        using RsaPrivateKey key = RsaPrivateKey.FromPem(pem);
        using RsaSha256Signer ours = new RsaSha256Signer(key);
        using RSA dotnet = RSA.Create();
        dotnet.ImportFromPem(pem);
        Org.BouncyCastle.Crypto.ISigner bc = BouncySigner(pem);

        byte[] a = ours.Sign(message);
        byte[] b = BouncySign(bc, message);
        byte[] c = dotnet.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!a.AsSpan().SequenceEqual(b) || !a.AsSpan().SequenceEqual(c))
        {
            throw new InvalidOperationException($"signatures differ for {bits} bits");
        }

        // Warm up until tiered JIT has settled (at least 10 rounds and 1.5 s).
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 10 || warm.ElapsedMilliseconds < 1500; i++)
        {
            ours.Sign(message);
            BouncySign(bc, message);
            dotnet.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        // Interleave the three so that load from other processes hits them alike. Each run is
        // timed twice: wall clock, and this thread's CPU time (which a busy machine's
        // preemption does not inflate).
        var wOurs = new double[n];
        var wBc = new double[n];
        var wNet = new double[n];
        var cOurs = new double[n];
        var cBc = new double[n];
        var cNet = new double[n];
        long allocOurs = 0;
        long allocBc = 0;
        for (int i = 0; i < n; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long c0 = ThreadCpuNs();
            long t0 = Stopwatch.GetTimestamp();
            ours.Sign(message);
            long t1 = Stopwatch.GetTimestamp();
            long c1 = ThreadCpuNs();
            allocOurs += GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            long c2 = ThreadCpuNs();
            long t2 = Stopwatch.GetTimestamp();
            BouncySign(bc, message);
            long t3 = Stopwatch.GetTimestamp();
            long c3 = ThreadCpuNs();
            allocBc += GC.GetAllocatedBytesForCurrentThread() - before;

            long c4 = ThreadCpuNs();
            long t4 = Stopwatch.GetTimestamp();
            dotnet.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            long t5 = Stopwatch.GetTimestamp();
            long c5 = ThreadCpuNs();

            wOurs[i] = Ms(t1 - t0);
            wBc[i] = Ms(t3 - t2);
            wNet[i] = Ms(t5 - t4);
            cOurs[i] = (c1 - c0) / 1e6;
            cBc[i] = (c3 - c2) / 1e6;
            cNet[i] = (c5 - c4) / 1e6;
        }

        Row(bits, "cpu", Median(cOurs), Median(cBc), Median(cNet), allocOurs / n, allocBc / n, ours, n);
        Row(bits, "wall", Median(wOurs), Median(wBc), Median(wNet), allocOurs / n, allocBc / n, ours, n);
    }

    private static void Row(int bits, string clock, double mOurs, double mBc, double mNet, long allocOurs, long allocBc, RsaSha256Signer ours, int n)
    {
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {bits} | {clock} | {mOurs:F2} | {mBc:F2} | {mNet:F3} | {mOurs / mBc:F2} | {mOurs / mNet:F1} | {allocOurs} | {allocBc} | {ours.LastMontgomeryProducts} | {ours.LastMontgomerySquarings} | {n} |"));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec value);

    private static bool cpuClockWorks = OperatingSystem.IsLinux();

    // CLOCK_THREAD_CPUTIME_ID (3 on Linux); falls back to wall-clock where unavailable.
    private static long ThreadCpuNs()
    {
        if (cpuClockWorks)
        {
            try
            {
                if (ClockGetTime(3, out TimeSpec ts) == 0)
                {
                    return (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
                }
            }
            catch (DllNotFoundException)
            {
            }

            cpuClockWorks = false;
        }

        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    private static Org.BouncyCastle.Crypto.ISigner BouncySigner(string pem)
    {
        using var reader = new StringReader(pem);
        object read = new PemReader(reader).ReadObject();
        AsymmetricKeyParameter priv = read is AsymmetricCipherKeyPair pair ? pair.Private : (AsymmetricKeyParameter)read;
        var signer = new RsaDigestSigner(new Sha256Digest());
        signer.Init(true, priv);
        return signer;
    }

    private static byte[] BouncySign(Org.BouncyCastle.Crypto.ISigner signer, byte[] message)
    {
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    private static string Generate(int bits)
    {
        using RSA rsa = RSA.Create(bits);
        return rsa.ExportRSAPrivateKeyPem();
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Median(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        int mid = copy.Length / 2;
        return copy.Length % 2 == 1 ? copy[mid] : (copy[mid - 1] + copy[mid]) / 2;
    }

    private static string RuntimeInfo()
    {
        string cpu = "unknown CPU";
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    cpu = line.Substring(line.IndexOf(':') + 1).Trim();
                    break;
                }
            }
        }
        catch (IOException)
        {
        }

        return cpu;
    }

    // The shared test vectors (../shared/vectors/rsa from the repository root), searched upwards.
    private static string FindVectors()
    {
        string dir = AppContext.BaseDirectory;
        while (dir != null)
        {
            foreach (string candidate in new[] { Path.Combine(dir, "shared", "vectors", "rsa"), Path.Combine(dir, "..", "shared", "vectors", "rsa") })
            {
                if (File.Exists(Path.Combine(candidate, "rsa2048.pkcs1.pem")))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            dir = Path.GetDirectoryName(dir);
        }

        return null;
    }
}
