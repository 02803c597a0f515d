using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace DeviceAuth.HostTests.Boards
{
    /// <summary>
    /// One boards/&lt;TARGET&gt;/profile.json, and the rules that tie it to the library's measured cost:
    /// the signing allocation may take at most <see cref="MaxSigningShareOfBudget"/> of the board's
    /// managed-heap budget (the rest is for TLS objects, MQTT/HTTP buffers, the application and GC
    /// fragmentation), and the signing-time estimate is operation counts × stated per-operation costs.
    /// </summary>
    public sealed class BoardProfile
    {
        /// <summary>The stated margin: signing may allocate at most half of the budget (a factor 2).</summary>
        public const double MaxSigningShareOfBudget = 0.5;

        /// <summary>The key sizes considered (AWS IoT accepts RSA 2048 bits or more; the library up to 4096).</summary>
        public static readonly int[] KeySizes = { 2048, 3072, 4096 };

        /// <summary>The targets the issue asks for, in table order.</summary>
        public static readonly string[] ExpectedTargets = { "ESP32_REV0", "ESP32_PSRAM_REV3", "ESP32_S3_ALL", "ESP32_C3" };

        private BoardProfile(string folder, JsonObject json)
        {
            Folder = folder;
            Json = json;
        }

        /// <summary>The board folder name.</summary>
        public string Folder { get; }

        /// <summary>The parsed profile.</summary>
        public JsonObject Json { get; }

        public string Target => (string)Json["target"];

        public string Firmware => (string)Json["firmware"];

        public string Flash => (string)Json["flash"];

        public string Chip => (string)Json["chip"];

        public int CpuMHz => (int)Json["cpuMHz"];

        public string Psram => (string)Json["psram"];

        public long BudgetBytes => (long)Json["managedHeapBudgetBytes"];

        public int RecommendedKeyBits => (int)Json["recommendedKeyBits"];

        public int LargestKeyBitsWithinBudget => (int)Json["largestKeyBitsWithinBudget"];

        public int EstimateKeyBits => (int)Json["signingEstimate"]["keyBits"];

        public int IlPerStep => (int)Json["signingEstimate"]["assumedIlInstructionsPerMontgomeryStep"];

        public int CyclesPerIl => (int)Json["signingEstimate"]["assumedCyclesPerIlInstruction"];

        public double EstimatedSeconds => (double)Json["signingEstimate"]["estimatedSeconds"];

        public int RecommendedExpectedSigningSeconds => (int)Json["recommendedExpectedSigningSeconds"];

        public string PathOnDisk => RepoPaths.InRepo("boards", Folder, "profile.json");

        /// <summary>Every boards/*/profile.json, in <see cref="ExpectedTargets"/> order (others last).</summary>
        public static IReadOnlyList<BoardProfile> LoadAll()
        {
            var list = new List<BoardProfile>();
            foreach (string dir in Directory.EnumerateDirectories(RepoPaths.InRepo("boards")))
            {
                string file = Path.Combine(dir, "profile.json");
                if (File.Exists(file))
                {
                    list.Add(new BoardProfile(Path.GetFileName(dir), (JsonObject)JsonNode.Parse(File.ReadAllText(file))));
                }
            }

            return list.OrderBy(p => Array.IndexOf(ExpectedTargets, p.Folder) is int i && i >= 0 ? i : int.MaxValue).ThenBy(p => p.Folder, StringComparer.Ordinal).ToList();
        }

        /// <summary>True when signing with a key of <paramref name="bits"/> fits this board's budget with the margin.</summary>
        public bool Fits(SigningCost cost) => cost.TotalBytes <= BudgetBytes * MaxSigningShareOfBudget;

        /// <summary>The largest key size whose measured signing allocation fits with the margin (0 if none).</summary>
        public int ComputeLargestKeyBits() => KeySizes.Where(b => Fits(SigningCost.For(b))).DefaultIfEmpty(0).Max();

        /// <summary>The estimate for <see cref="EstimateKeyBits"/> from the signer's counts and this profile's assumptions.</summary>
        public double ComputeEstimatedSeconds() => SigningCost.For(EstimateKeyBits).EstimateSeconds(IlPerStep, CyclesPerIl, CpuMHz);

        /// <summary>LifetimeOptions/HttpSessionOptions.ExpectedSigningSeconds to configure: twice the estimate (the assumption's uncertainty), rounded up to 5 s.</summary>
        public static int ExpectedSigningSecondsFor(double estimate) => (int)(Math.Ceiling(2 * estimate / 5) * 5);

        /// <summary>Writes the computed fields back (regeneration mode).</summary>
        public void WriteComputedFields()
        {
            Json["largestKeyBitsWithinBudget"] = ComputeLargestKeyBits();
            double estimate = ComputeEstimatedSeconds();
            Json["signingEstimate"]["estimatedSeconds"] = estimate;
            Json["recommendedExpectedSigningSeconds"] = ExpectedSigningSecondsFor(estimate);
            File.WriteAllText(PathOnDisk, Json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        /// <summary>The board table of boards/README.md, built from the profiles and the measurement.</summary>
        public static string BoardTable(IReadOnlyList<BoardProfile> profiles)
        {
            var sb = new StringBuilder();
            sb.Append("| Board (nanoff target) | CPU | PSRAM | Managed-heap budget | Recommended key | Signing allocation, recommended key (measured) | Largest key within budget | Signing time (estimate) | ExpectedSigningSeconds |\n");
            sb.Append("|---|---|---|---|---|---|---|---|---|\n");
            foreach (BoardProfile p in profiles)
            {
                SigningCost cost = SigningCost.For(p.RecommendedKeyBits);
                sb.Append(Inv($"| [{p.Target}]({p.Folder}/README.md) | {p.CpuMHz} MHz, {(int)p.Json["cores"]} core{((int)p.Json["cores"] == 1 ? string.Empty : "s")} | {p.Psram} | {Kib(p.BudgetBytes)} | RSA-{p.RecommendedKeyBits} | {Kib(cost.TotalBytes)} ({Math.Round(100.0 * cost.TotalBytes / p.BudgetBytes, MidpointRounding.AwayFromZero)}% of budget) | RSA-{p.LargestKeyBitsWithinBudget} | ~{p.EstimatedSeconds:0.0} s (RSA-{p.EstimateKeyBits}) | {p.RecommendedExpectedSigningSeconds} |\n"));
            }

            return sb.ToString();
        }

        /// <summary>The per-key-size allocation table of boards/README.md.</summary>
        public static string AllocationTable()
        {
            var sb = new StringBuilder();
            sb.Append("| Key | Key import (FromPem) | Signer set-up | Mint one token (sign) | Compose MQTT credentials | Total | Montgomery products / squarings per signature |\n");
            sb.Append("|---|---|---|---|---|---|---|\n");
            foreach (int bits in KeySizes)
            {
                SigningCost c = SigningCost.For(bits);
                sb.Append(Inv($"| RSA-{bits} | {Kib(c.ImportBytes)} | {Kib(c.SetupBytes)} | {Kib(c.MintBytes)} | {Kib(c.ComposeBytes)} | {Kib(c.TotalBytes)} | {c.Products} / {c.Squarings} |\n"));
            }

            return sb.ToString();
        }

        private static string Kib(long bytes) => bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB");

        private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    }
}
