using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace DeviceAuth.HostTests.Gate
{
    /// <summary>
    /// The device-runtime rules of the API gate (<see cref="DeviceRuntimeRules"/>), run on every
    /// assembly that runs on the device, the unit-test assembly included (NFUnitTest: it runs in the
    /// same interpreter), and proven able to fail on tests/Fixtures/GateBadSample/DeviceRuntimeSamples.cs.
    /// They need no API list, so they never skip.
    /// </summary>
    public class DeviceRuntimeRulesTests
    {
        /// <summary>The one method of the test assembly allowed to call Convert.ToBase64String (an oracle that refuses empty input).</summary>
        public const string TestBase64Oracle = "DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64";

        public static TheoryData<string> DeviceAssemblies() => new()
        {
            typeof(DeviceAuth.IClock).Assembly.Location,
            typeof(DeviceAuth.Http.HttpSession).Assembly.Location,
            typeof(DeviceAuth.Mqtt.MqttSession).Assembly.Location,
            typeof(DeviceAuth.Tests.Encoding.Base64UrlTests).Assembly.Location,
        };

        /// <summary>The rule settings of a device assembly: only the test assembly has a Base64 oracle.</summary>
        public static DeviceRuntimeRules.Options OptionsFor(string assemblyPath)
        {
            var options = new DeviceRuntimeRules.Options();
            if (Path.GetFileNameWithoutExtension(assemblyPath) == "DeviceAuth.Tests")
            {
                options.Base64OracleMethods.Add(TestBase64Oracle);
            }

            return options;
        }

        [Theory]
        [MemberData(nameof(DeviceAssemblies))]
        public void DeviceAssembly_FollowsTheRealRuntimesRules(string assemblyPath)
        {
            IReadOnlyList<string> findings = DeviceRuntimeRules.Check(assemblyPath, OptionsFor(assemblyPath));
            Assert.True(findings.Count == 0, Path.GetFileName(assemblyPath) + " does what misbehaves in the real nanoCLR:\n" + string.Join("\n", findings));
        }

        private static IReadOnlyList<string> SampleFindings(DeviceRuntimeRules.Options options) =>
            DeviceRuntimeRules.Check(typeof(GateBadSample.RuntimeBadSample).Assembly.Location, options);

        [Theory]
        [InlineData(DeviceRuntimeRules.IndexerRule + ": M:System.String.get_Chars(System.Int32) in GateBadSample.RuntimeBadSample.CountDots(System.String)")]
        [InlineData(DeviceRuntimeRules.PositionRule + ": M:System.String.IndexOf(System.Char) in GateBadSample.RuntimeBadSample.FindColon(System.String)")]
        [InlineData(DeviceRuntimeRules.PositionRule + ": M:System.String.Contains(System.String) in GateBadSample.RuntimeBadSample.HasMarker(System.String)")]
        [InlineData(DeviceRuntimeRules.LoopRule + ": M:System.String.get_Length at IL_0015 in GateBadSample.RuntimeBadSample.SumLengthsInLoop(System.Char[],System.String)")]
        [InlineData(DeviceRuntimeRules.LoopRule + ": M:System.String.Substring(System.Int32,System.Int32) at IL_0010 in GateBadSample.RuntimeBadSample.PiecesInLoop(System.String)")]
        [InlineData(DeviceRuntimeRules.Base64Rule + ": M:System.Convert.ToBase64String(System.Byte[]) in GateBadSample.RuntimeBadSample.EncodeWithTheRuntime(System.Byte[])")]
        [InlineData(DeviceRuntimeRules.CctorRule + ": F:System.DateTime.MaxValue read by the static constructor of GateBadSample.StaticFromMscorlib")]
        [InlineData(DeviceRuntimeRules.CctorRule + ": F:System.TimeSpan.Zero read by the static constructor of GateBadSample.StaticViaHelper (in GateBadSample.StaticViaHelper.Compute)")]
        [InlineData(DeviceRuntimeRules.CctorRule + ": M:System.Text.Encoding.get_UTF8 called by the static constructor of GateBadSample.StaticFromPropertyGetter")]
        [InlineData(DeviceRuntimeRules.LiteralRule + " (unpaired surrogate U+D800 at index 1: the device stores U+FFFD): \"a\\ud800b\" in GateBadSample.RuntimeBadSample.LoneSurrogateLiteral")]
        [InlineData(DeviceRuntimeRules.LiteralRule + " (U+0000 at index 1: the device string ends there): \"a\\u0000b\" in GateBadSample.RuntimeBadSample.NulLiteral")]
        public void BadSample_IsRejected_NamingTheMethod(string expected)
        {
            IReadOnlyList<string> findings = SampleFindings(new DeviceRuntimeRules.Options());
            Assert.True(findings.Contains(expected), "expected finding '" + expected + "' in:\n" + string.Join("\n", findings));
        }

        [Fact]
        public void AcceptedPatterns_AreNotReported()
        {
            // Length read once, a char[] loop, per-string work in a method called in a loop, a literal
            // emoji, DateTime from ticks and literal arrays in static fields, the other samples of the fixture.
            IReadOnlyList<string> findings = SampleFindings(new DeviceRuntimeRules.Options());
            Assert.DoesNotContain(findings, f => f.Contains("RuntimeAcceptedSample", StringComparison.Ordinal));
            Assert.DoesNotContain(findings, f => f.Contains("GateBadSample.BadSample.", StringComparison.Ordinal) || f.Contains("AcceptedByRule", StringComparison.Ordinal));
        }

        [Fact]
        public void Base64Oracle_IsAdmittedOnlyInTheListedMethod()
        {
            var options = new DeviceRuntimeRules.Options();
            options.Base64OracleMethods.Add("GateBadSample.RuntimeBadSample.EncodeWithTheRuntime");
            Assert.DoesNotContain(SampleFindings(options), f => f.StartsWith(DeviceRuntimeRules.Base64Rule, StringComparison.Ordinal));
            Assert.Contains(SampleFindings(new DeviceRuntimeRules.Options()), f => f.StartsWith(DeviceRuntimeRules.Base64Rule, StringComparison.Ordinal));
        }

        [Fact]
        public void TestAssembly_ItsOracle_RefusesEmptyInput()
        {
            // The one Convert.ToBase64String the test assembly may call must refuse what the device gets wrong.
            Assert.ThrowsAny<Exception>(() => DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(new byte[0]));
            Assert.Equal("AQI=", DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(new byte[] { 1, 2 }));
        }

        [Theory]
        [InlineData("a", null)]
        [InlineData("\ud83d\ude00", null)]
        [InlineData("", null)]
        public void WhyDeviceCannotHold_AcceptsWhatADeviceStringHolds(string text, string expected)
        {
            Assert.Equal(expected, DeviceRuntimeRules.WhyDeviceCannotHold(text));
        }

        [Fact]
        public void WhyDeviceCannotHold_NamesLoneSurrogatesAndNul()
        {
            // Code literals: an attribute argument would already have lost the lone surrogate.
            Assert.Contains("unpaired surrogate U+DE00 at index 0", DeviceRuntimeRules.WhyDeviceCannotHold("\ude00\ud83d"));
            Assert.Contains("unpaired surrogate U+D83D at index 1", DeviceRuntimeRules.WhyDeviceCannotHold("a\ud83d"));
            Assert.Contains("U+0000 at index 2", DeviceRuntimeRules.WhyDeviceCannotHold("ab\0"));
        }
    }
}
