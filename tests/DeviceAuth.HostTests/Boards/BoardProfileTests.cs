using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceAuth.Lifetime;
using Xunit;

namespace DeviceAuth.HostTests.Boards
{
    /// <summary>
    /// The board profiles (boards/*/profile.json) against the library's real cost: the measured
    /// signing allocation of the recommended key fits each board's managed-heap budget with the stated
    /// margin; the "largest key within budget" and the signing-time estimate follow from the
    /// measurement and the signer's operation counts; boards/README.md's tables are exactly what the
    /// profiles and the measurement produce, so none of them can drift.
    /// Regenerate the computed fields and tables with DEVICEAUTH_REGENERATE_DOCS=1 (then review the diff).
    /// </summary>
    public class BoardProfileTests
    {
        private const string TableBegin = "<!-- generated:board-table:begin (BoardProfileTests; DEVICEAUTH_REGENERATE_DOCS=1 rewrites it) -->";
        private const string TableEnd = "<!-- generated:board-table:end -->";
        private const string AllocBegin = "<!-- generated:allocation-table:begin (BoardProfileTests; DEVICEAUTH_REGENERATE_DOCS=1 rewrites it) -->";
        private const string AllocEnd = "<!-- generated:allocation-table:end -->";

        private static readonly Lazy<bool> Regenerated = new(() =>
        {
            if (Environment.GetEnvironmentVariable("DEVICEAUTH_REGENERATE_DOCS") != "1")
            {
                return false;
            }

            foreach (BoardProfile p in BoardProfile.LoadAll())
            {
                p.WriteComputedFields();
            }

            IReadOnlyList<BoardProfile> fresh = BoardProfile.LoadAll();
            string readme = RepoPaths.InRepo("boards", "README.md");
            string text = File.ReadAllText(readme);
            text = Replace(text, TableBegin, TableEnd, BoardProfile.BoardTable(fresh));
            text = Replace(text, AllocBegin, AllocEnd, BoardProfile.AllocationTable());
            File.WriteAllText(readme, text);
            return true;
        });

        public static TheoryData<string> Targets() => new(BoardProfile.ExpectedTargets);

        private static BoardProfile Profile(string target)
        {
            _ = Regenerated.Value;
            BoardProfile p = BoardProfile.LoadAll().SingleOrDefault(x => x.Folder == target);
            Assert.True(p != null, "boards/" + target + "/profile.json is missing");
            return p;
        }

        [Fact]
        public void Profiles_AreExactlyTheFourTargets_EachNamedAfterItsFolder()
        {
            _ = Regenerated.Value;
            IReadOnlyList<BoardProfile> all = BoardProfile.LoadAll();
            Assert.Equal(BoardProfile.ExpectedTargets, all.Select(p => p.Folder).ToArray());
            foreach (BoardProfile p in all)
            {
                Assert.Equal(p.Folder, p.Target);
                Assert.Equal(p.Target, p.Firmware);
                Assert.Contains(" target " + p.Target + " ", p.Flash + " ");
                Assert.StartsWith("nanoff ", p.Flash);
                Assert.Contains(p.Psram, new[] { "none", "optional", "required" });
                Assert.True(p.BudgetBytes > 0 && p.CpuMHz > 0);
                Assert.Contains(p.RecommendedKeyBits, BoardProfile.KeySizes);
            }
        }

        [Theory]
        [MemberData(nameof(Targets))]
        public void RecommendedKey_MeasuredSigningAllocation_FitsTheBudgetWithTheMargin(string target)
        {
            BoardProfile p = Profile(target);
            SigningCost cost = SigningCost.For(p.RecommendedKeyBits);
            string line = $"{target}: RSA-{p.RecommendedKeyBits} import {cost.ImportBytes} B + set-up {cost.SetupBytes} B + mint {cost.MintBytes} B + compose {cost.ComposeBytes} B = {cost.TotalBytes} B; budget {p.BudgetBytes} B, allowed {p.BudgetBytes * BoardProfile.MaxSigningShareOfBudget} B";
            TestContext.Current.TestOutputHelper?.WriteLine(line);
            Console.WriteLine("[boards] " + line);
            Assert.True(cost.TotalBytes > 10_000, "the measurement looks broken: " + cost.TotalBytes + " bytes");
            Assert.True(p.Fits(cost), line);
        }

        [Theory]
        [MemberData(nameof(Targets))]
        public void LargestKeyWithinBudget_FollowsFromTheMeasurement(string target)
        {
            BoardProfile p = Profile(target);
            Assert.Equal(p.ComputeLargestKeyBits(), p.LargestKeyBitsWithinBudget);
            Assert.True(p.RecommendedKeyBits <= p.LargestKeyBitsWithinBudget);
        }

        [Theory]
        [MemberData(nameof(Targets))]
        public void SigningEstimate_IsOperationCountsTimesTheStatedAssumptions_AndLabelledAsSuch(string target)
        {
            BoardProfile p = Profile(target);
            string kind = (string)p.Json["signingEstimate"]["kind"];
            Assert.Contains("estimate", kind);
            Assert.Contains("not a measurement", kind);
            SigningCost cost = SigningCost.For(p.EstimateKeyBits);
            double computed = p.ComputeEstimatedSeconds();
            string line = $"{target}: RSA-{p.EstimateKeyBits} {cost.Products} products + {cost.Squarings} squarings on {cost.HalfLimbs}-limb halves = {cost.InnerSteps:0} steps x {p.IlPerStep} IL x {p.CyclesPerIl} cycles / {p.CpuMHz} MHz = {computed} s (estimate)";
            TestContext.Current.TestOutputHelper?.WriteLine(line);
            Console.WriteLine("[boards] " + line);
            Assert.Equal(computed, p.EstimatedSeconds);
            Assert.Equal(BoardProfile.ExpectedSigningSecondsFor(computed), p.RecommendedExpectedSigningSeconds);

            // The recommendation must be a value the session options accept for a day-long connection.
            var lifetime = new LifetimeOptions(3600, 86400) { ExpectedSigningSeconds = p.RecommendedExpectedSigningSeconds };
            lifetime.Validate();
        }

        [Fact]
        public void SignerOperationCounts_AreFixedForAKeySize()
        {
            // The estimate relies on it: fixed windows make the work independent of the key's exponents.
            foreach (int bits in new[] { 2048, 3072 })
            {
                SigningCost a = SigningCost.For(bits);
                using var rsa = System.Security.Cryptography.RSA.Create(bits);
                using var key = DeviceAuth.Crypto.RsaPrivateKey.FromPem(rsa.ExportRSAPrivateKeyPem());
                using var signer = new DeviceAuth.Crypto.RsaSha256Signer(key);
                signer.Sign(new byte[] { 1, 2, 3 });
                Assert.Equal(a.Products, signer.LastMontgomeryProducts);
                Assert.Equal(a.Squarings, signer.LastMontgomerySquarings);
                Assert.True(a.Products > 0 && a.Squarings > a.Products);
            }
        }

        [Fact]
        public void BoardsReadme_Tables_AreGeneratedFromTheProfilesAndTheMeasurement()
        {
            _ = Regenerated.Value;
            string text = File.ReadAllText(RepoPaths.InRepo("boards", "README.md"));
            string hint = " differs from what the profiles and the measurement give; run the tests with DEVICEAUTH_REGENERATE_DOCS=1 and review the diff";
            Assert.True(Between(text, TableBegin, TableEnd) == BoardProfile.BoardTable(BoardProfile.LoadAll()), "the board table in boards/README.md" + hint + ":\n" + BoardProfile.BoardTable(BoardProfile.LoadAll()));
            Assert.True(Between(text, AllocBegin, AllocEnd) == BoardProfile.AllocationTable(), "the allocation table in boards/README.md" + hint + ":\n" + BoardProfile.AllocationTable());
            Assert.Contains(((int)(BoardProfile.MaxSigningShareOfBudget * 100)).ToString() + "%", text);
        }

        [Fact]
        public void BoardsReadme_TableParsesBackToTheProfiles()
        {
            // Independent of the generator: read the rendered table cell by cell.
            _ = Regenerated.Value;
            string text = File.ReadAllText(RepoPaths.InRepo("boards", "README.md"));
            string[] rows = Between(text, TableBegin, TableEnd).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToArray();
            IReadOnlyList<BoardProfile> profiles = BoardProfile.LoadAll();
            Assert.Equal(profiles.Count, rows.Length);
            for (int i = 0; i < rows.Length; i++)
            {
                string[] cells = rows[i].Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                BoardProfile p = profiles[i];
                Assert.Equal($"[{p.Target}]({p.Folder}/README.md)", cells[0]);
                Assert.StartsWith(p.CpuMHz + " MHz", cells[1]);
                Assert.Equal(p.Psram, cells[2]);
                Assert.Equal("RSA-" + p.RecommendedKeyBits, cells[4]);
                Assert.Equal("RSA-" + p.LargestKeyBitsWithinBudget, cells[6]);
                Match est = Regex.Match(cells[7], @"^~(?<s>[0-9.]+) s \(RSA-(?<b>\d+)\)$");
                Assert.True(est.Success, cells[7]);
                Assert.Equal(p.EstimatedSeconds, double.Parse(est.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(p.RecommendedExpectedSigningSeconds.ToString(), cells[8]);
            }
        }

        [Theory]
        [MemberData(nameof(Targets))]
        public void BoardReadme_StatesFlashCommandFirmwareBudgetKeyAndEstimate(string target)
        {
            BoardProfile p = Profile(target);
            string path = RepoPaths.InRepo("boards", target, "README.md");
            Assert.True(File.Exists(path), path + " is missing");
            string text = File.ReadAllText(path);
            Assert.Contains(p.Flash, text);
            Assert.Contains((string)p.Json["flashLegacy"], text);
            Assert.Contains("`" + p.Firmware + "`", text);
            Assert.Contains(p.BudgetBytes.ToString(), text);
            Assert.Contains("RSA-" + p.RecommendedKeyBits, text);
            Assert.Contains(p.EstimatedSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s", text);
            Assert.Contains("estimate", text);
            Assert.Contains("ExpectedSigningSeconds = " + p.RecommendedExpectedSigningSeconds, text);
            Assert.Contains("profile.json", text);
        }

        private static string Between(string text, string begin, string end)
        {
            int b = text.IndexOf(begin, StringComparison.Ordinal);
            int e = text.IndexOf(end, StringComparison.Ordinal);
            Assert.True(b >= 0 && e > b, "markers missing: " + begin);
            return text.Substring(b + begin.Length, e - b - begin.Length).Trim('\n') + "\n";
        }

        private static string Replace(string text, string begin, string end, string content)
        {
            int b = text.IndexOf(begin, StringComparison.Ordinal);
            int e = text.IndexOf(end, StringComparison.Ordinal);
            if (b < 0 || e < b)
            {
                throw new InvalidOperationException("markers missing: " + begin);
            }

            return text.Substring(0, b + begin.Length) + "\n" + content + text.Substring(e);
        }
    }
}
