using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace DeviceAuth.HostTests.Gate
{
    /// <summary>
    /// The nanoFramework API compatibility gate, run on every assembly of ours that also builds for
    /// the device, and proven able to fail on a sample that uses what the device lacks.
    /// </summary>
    public class NanoApiGateTests
    {
        /// <summary>Our assemblies that the gate treats as already checked (their own rows below).</summary>
        public static readonly string[] OwnDeviceAssemblies = { "DeviceAuth", "DeviceAuth.Http", "DeviceAuth.Mqtt", "DeviceAuth.Tests", "NFUnitTest" };

        /// <summary>Every device assembly (host build) with the packages.config of its .nfproj.</summary>
        public static TheoryData<string, string> DeviceAssemblies() => new()
        {
            { typeof(DeviceAuth.IClock).Assembly.Location, "src/DeviceAuth/packages.config" },
            { typeof(DeviceAuth.Http.HttpSession).Assembly.Location, "src/DeviceAuth.Http/packages.config" },
            { typeof(DeviceAuth.Mqtt.MqttSession).Assembly.Location, "src/DeviceAuth.Mqtt/packages.config" },
            { typeof(DeviceAuth.Tests.Encoding.Base64UrlTests).Assembly.Location, "tests/DeviceAuth.Tests/packages.config" },
        };

        internal static NanoApiCatalog CatalogOrSkip(string packagesConfig)
        {
            NanoApiCatalog catalog = NanoApiCatalog.ForPackagesConfig(RepoPaths.InRepo(packagesConfig), RepoPaths.Shared("nano-api"), out string why);
            if (catalog == null)
            {
                RepoPaths.SkipOrFail("nanoFramework API gate: " + why);
            }

            return catalog;
        }

        [Theory]
        [MemberData(nameof(DeviceAssemblies))]
        public void DeviceAssembly_CallsOnlyWhatTheDeviceHas(string assemblyPath, string packagesConfig)
        {
            NanoApiCatalog catalog = CatalogOrSkip(packagesConfig);
            IReadOnlyList<string> findings = NanoApiGate.Check(assemblyPath, catalog, OwnDeviceAssemblies);
            Assert.True(findings.Count == 0, Path.GetFileName(assemblyPath) + " uses what the device lacks (" + catalog.Source + "):\n" + string.Join("\n", findings));
        }

        private static IReadOnlyList<string> BadSampleFindings()
        {
            NanoApiCatalog catalog = CatalogOrSkip("src/DeviceAuth/packages.config");
            return NanoApiGate.Check(typeof(GateBadSample.BadSample).Assembly.Location, catalog, OwnDeviceAssemblies);
        }

        [Theory]
        [InlineData("generic instantiation: T:System.Collections.Generic.List`1{System.Int32}")]
        [InlineData("missing on device: M:System.String.Join(System.String,System.String[])")]
        [InlineData("missing on device: M:System.String.Split(System.Char,System.StringSplitOptions)")]
        [InlineData("async machinery: T:System.Runtime.CompilerServices.AsyncStateMachineAttribute")]
        [InlineData("culture-sensitive on the host, ordinal on the device: M:System.String.StartsWith(System.String)")]
        [InlineData("async machinery: T:System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1{System.Int32}")]
        [InlineData("async machinery: T:System.Threading.Tasks.Task`1")]
        public void BadSample_IsRejected_NamingEachViolation(string expected)
        {
            IReadOnlyList<string> findings = BadSampleFindings();
            Assert.True(findings.Contains(expected), "expected finding '" + expected + "' in:\n" + string.Join("\n", findings));
        }

        [Theory]
        [InlineData("Monitor.Enter")]
        [InlineData("String.Format")]
        [InlineData("Split(System.Char[])")]
        public void EquivalentBindings_AreAcceptedByRule(string fragment)
        {
            IReadOnlyList<string> findings = BadSampleFindings();
            Assert.DoesNotContain(findings, f => f.Contains(fragment, StringComparison.Ordinal));
        }

        [Fact]
        public void Gate_FailsOnAMemberMissingFromTheList_EvenWhenTheTypeExists()
        {
            // String exists on the device, String.Join does not: the gate must look at members, not just types.
            NanoApiCatalog catalog = CatalogOrSkip("src/DeviceAuth/packages.config");
            Assert.True(catalog.HasType("System.String"));
            Assert.False(catalog.HasMember("M:", "System.String", "Join(System.String,System.String[])"));
            Assert.True(catalog.HasMember("M:", "System.ArgumentNullException", "get_Message"), "inherited members are found through the B: lines");
        }

        [Fact]
        public void Catalog_OnlyAdmitsThePackagesTheProjectDeclares()
        {
            // DeviceAuth does not reference nanoFramework.System.Net.Http: HttpClient is not admitted for it.
            NanoApiCatalog catalog = CatalogOrSkip("src/DeviceAuth/packages.config");
            Assert.False(catalog.HasType("System.Net.Http.HttpClient"));
        }

        [Fact]
        public void HostBridge_PublicSurface_EqualsTheTestFrameworkList_ReadAsAReferenceAssembly()
        {
            // Reading our bridge through the NANO_REF_DIR path (reference assemblies -> ID lines) must give
            // exactly the shared TestFramework list: this checks the bridge's API and the gate's ID writer at once.
            string list = RepoPaths.SharedOrSkip("nano-api/nanoFramework.TestFramework.txt");
            string bridge = typeof(nanoFramework.TestFramework.Assert).Assembly.Location;
            var expected = File.ReadAllLines(list).Where(l => l.Length > 2 && !l.StartsWith("I:", StringComparison.Ordinal)).ToHashSet();
            var actual = NanoApiCatalog.PublicApiLines(bridge)
                .Where(l => !l.Contains("nanoFramework.TestFramework.HostRunner", StringComparison.Ordinal))
                .ToHashSet();
            var missing = expected.Except(actual).OrderBy(x => x).ToList();
            var extra = actual.Except(expected).OrderBy(x => x).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0, "missing from bridge:\n" + string.Join("\n", missing) + "\nnot on the device:\n" + string.Join("\n", extra));
        }
    }
}
