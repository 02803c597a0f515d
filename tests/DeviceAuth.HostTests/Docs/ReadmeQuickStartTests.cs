using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceAuth.HostTests.Gate;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DeviceAuth.HostTests.Docs
{
    /// <summary>
    /// The C# the README's quick start shows is a whole program: it compiles (C# 9) against the library's
    /// host build with the samples' stubs, uses only what the device has (the API lists of the MQTT
    /// sample's packages and the stated Wi-Fi and file members), and starts from CustomAuthMqttClient.
    /// </summary>
    public class ReadmeQuickStartTests
    {
        private static string QuickStartCode()
        {
            string readme = File.ReadAllText(RepoPaths.InRepo("README.md"));
            int section = readme.IndexOf("\n## Quick start", StringComparison.Ordinal);
            Assert.True(section >= 0, "README has no Quick start section");
            int next = readme.IndexOf("\n## ", section + 1, StringComparison.Ordinal);
            Match block = Regex.Match(readme.Substring(section, next - section), "```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline);
            Assert.True(block.Success, "the Quick start section has no ```csharp block");
            return block.Groups["code"].Value;
        }

        [Fact]
        public void QuickStartCode_CompilesAgainstTheLibrary_UsesOnlyDeviceApi_AndStartsTheMqttClient()
        {
            string nanoApi = RepoPaths.SharedOrSkip("nano-api");
            CSharpCompilation compilation = SampleSourceTests.Compile("ReadmeQuickStart", new[] { ("README.md", QuickStartCode()) }, nanoApi, out List<SyntaxTree> trees);
            NanoApiCatalog catalog = SampleSourceTests.Catalog("readme", "MqttCustomAuth", nanoApi, out HashSet<string> stated);
            List<string> findings = SampleSourceTests.DeviceApiFindings(compilation, trees, catalog, stated, new HashSet<string>(StringComparer.Ordinal));
            Assert.True(findings.Count == 0, "README quick start:\n" + string.Join("\n", findings.Distinct()));

            SemanticModel model = compilation.GetSemanticModel(trees[0]);
            var calls = trees[0].GetRoot(TestContext.Current.CancellationToken).DescendantNodes()
                .Where(n => n is ObjectCreationExpressionSyntax || n is InvocationExpressionSyntax)
                .Select(n => model.GetSymbolInfo(n, TestContext.Current.CancellationToken).Symbol)
                .Where(s => s != null)
                .Select(s => s.ContainingType.ToDisplayString() + "." + s.Name)
                .ToHashSet();
            Assert.Contains("DeviceAuth.Mqtt.CustomAuthMqttOptions.ForSignedTokens", calls);
            Assert.Contains("DeviceAuth.Mqtt.CustomAuthMqttClient..ctor", calls);
            Assert.Contains("DeviceAuth.Mqtt.CustomAuthMqttClient.Start", calls);
            Assert.Contains("DeviceAuth.Mqtt.CustomAuthMqttClient.Publish", calls);
        }

        [Fact]
        public void QuickStartCheck_CanFail_OnAMemberTheDeviceLacks()
        {
            string nanoApi = RepoPaths.SharedOrSkip("nano-api");
            string code = QuickStartCode().Replace("Thread.Sleep(60000);", "Thread.Sleep(60000); string.Join(\",\", new string[0]);", StringComparison.Ordinal);
            CSharpCompilation compilation = SampleSourceTests.Compile("ReadmeQuickStartBad", new[] { ("README.md", code) }, nanoApi, out List<SyntaxTree> trees);
            NanoApiCatalog catalog = SampleSourceTests.Catalog("readme-bad", "MqttCustomAuth", nanoApi, out HashSet<string> stated);
            List<string> findings = SampleSourceTests.DeviceApiFindings(compilation, trees, catalog, stated, new HashSet<string>(StringComparer.Ordinal));
            Assert.Contains(findings, f => f.Contains("System.String.Join", StringComparison.Ordinal));
        }
    }
}
