using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace DeviceAuth.HostTests.Gate
{
    /// <summary>
    /// The device-runtime rules for device code listed only in an .nfproj (no host IL to read): every
    /// such file of the libraries and samples passes, and tests/Fixtures/DeviceOnlySources/BadAdapter.cs.txt
    /// shows each rule can fail.
    /// </summary>
    public class DeviceSourceRulesTests
    {
        /// <summary>Every .cs an .nfproj compiles directly (not through a .projitems), relative to the repository.</summary>
        public static TheoryData<string> DeviceOnlyFiles()
        {
            var data = new TheoryData<string>();
            foreach (string nfproj in Directory.EnumerateFiles(RepoPaths.Root, "*.nfproj", SearchOption.AllDirectories).Where(p => !p.Contains("/bin/") && !p.Contains("/obj/")).OrderBy(p => p))
            {
                string dir = Path.GetDirectoryName(nfproj);
                foreach (string include in XDocument.Load(nfproj).Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => (string)e.Attribute("Include")))
                {
                    string full = Path.GetFullPath(Path.Combine(dir, include.Replace('\\', Path.DirectorySeparatorChar)));
                    string relative = Path.GetRelativePath(RepoPaths.Root, full);
                    if (!data.Any(row => (string)row.Data == relative) && !relative.EndsWith("AssemblyInfo.cs", System.StringComparison.Ordinal))
                    {
                        data.Add(relative);
                    }
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(DeviceOnlyFiles))]
        public void DeviceOnlyFile_FollowsTheRealRuntimesRules(string file)
        {
            IReadOnlyList<string> findings = DeviceSourceRules.Check(RepoPaths.InRepo(file));
            Assert.True(findings.Count == 0, file + " does what misbehaves in the real nanoCLR:\n" + string.Join("\n", findings));
        }

        [Fact]
        public void DeviceOnlyFiles_IncludeTheAdaptersAndTheSamples()
        {
            var files = DeviceOnlyFiles().Select(r => ((string)r.Data).Replace('\\', '/')).ToList();
            Assert.Contains("src/DeviceAuth.Mqtt/Device/M2MqttTransport.cs", files);
            Assert.Contains("src/DeviceAuth.Http/Device/HttpSession.KeepAlive.cs", files);
            Assert.Contains("samples/MqttCustomAuth/Program.cs", files);
        }

        [Theory]
        [InlineData(DeviceRuntimeRules.CctorRule + ": System.DateTime.MaxValue at BadAdapter.cs.txt:10")]
        [InlineData(DeviceRuntimeRules.CctorRule + ": string.Empty at BadAdapter.cs.txt:11")]
        [InlineData(DeviceRuntimeRules.LoopRule + ": host.Length at BadAdapter.cs.txt:19")]
        [InlineData(DeviceRuntimeRules.IndexerRule + ": host[i] at BadAdapter.cs.txt:21")]
        [InlineData(DeviceRuntimeRules.PositionRule + ": host.IndexOf(':') at BadAdapter.cs.txt:32")]
        [InlineData(DeviceRuntimeRules.Base64Rule + ": Convert.ToBase64String(data) at BadAdapter.cs.txt:37")]
        [InlineData(DeviceRuntimeRules.LiteralRule + " (unpaired surrogate U+D800 at index 1: the device stores U+FFFD) at BadAdapter.cs.txt:42")]
        public void Fixture_IsRejected_NamingEachLine(string expected)
        {
            IReadOnlyList<string> findings = DeviceSourceRules.Check(RepoPaths.InRepo("tests", "Fixtures", "DeviceOnlySources", "BadAdapter.cs.txt"));
            Assert.True(findings.Contains(expected), "expected '" + expected + "' in:\n" + string.Join("\n", findings));
            Assert.Equal(7, findings.Count);
        }
    }
}
