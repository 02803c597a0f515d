using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using DeviceAuth.HostTests.Docs;
using DeviceAuth.HostTests.Mqtt;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DeviceAuth.HostTests.Clients
{
    /// <summary>
    /// The device clients' device-only files (the M2Mqtt transport of CustomAuthMqttClient, the TLS
    /// settings of the HttpClient the HTTP clients make) cannot be part of the host build. Here each device
    /// assembly is compiled with Roslyn exactly as its .nfproj lists it (the .projitems plus the
    /// device-only files), with M2Mqtt reduced to the signatures the samples' stubs already use: it must
    /// compile, the partial methods must have their device implementation, and every device-only member
    /// must be in ../shared/nano-api.
    /// </summary>
    public class DeviceOnlyClientFilesTests
    {
        /// <summary>The .cs files a device project compiles: its .nfproj's own items and those of the .projitems it imports.</summary>
        private static List<string> DeviceSources(string nfproj)
        {
            string path = RepoPaths.InRepo(nfproj);
            string dir = Path.GetDirectoryName(path)!;
            var files = new List<string>();
            XDocument doc = XDocument.Load(path);
            foreach (XElement import in doc.Descendants().Where(e => e.Name.LocalName == "Import" && ((string)e.Attribute("Project")).EndsWith(".projitems", StringComparison.Ordinal)))
            {
                string items = Path.Combine(dir, (string)import.Attribute("Project"));
                files.AddRange(XDocument.Load(items).Descendants().Where(e => e.Name.LocalName == "Compile")
                    .Select(e => ((string)e.Attribute("Include")).Replace("$(MSBuildThisFileDirectory)", string.Empty)));
            }

            files.AddRange(doc.Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => (string)e.Attribute("Include")));
            return files.Select(f => Path.GetFullPath(Path.Combine(dir, f.Replace('\\', Path.DirectorySeparatorChar)))).ToList();
        }

        private static CSharpCompilation Compile(string name, IEnumerable<string> files, IEnumerable<(string Name, string Text)> stubs)
        {
            var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
                .Concat(stubs.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Name)));
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator)
                .Append(typeof(DeviceAuth.IClock).Assembly.Location)
                .Distinct()
                .Select(p => MetadataReference.CreateFromFile(p));
            return CSharpCompilation.Create(name, trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        }

        private static void AssertImplemented(CSharpCompilation compilation, string type, string method)
        {
            IMethodSymbol declaration = compilation.GetTypeByMetadataName(type)!.GetMembers(method).OfType<IMethodSymbol>().Single(m => m.PartialImplementationPart != null || m.PartialDefinitionPart == null);
            Assert.True(declaration.PartialImplementationPart != null, type + "." + method + " has no device implementation: the device build would leave it a no-op");
        }

        [Fact]
        public void MqttDeviceBuild_Compiles_WithTheClientsM2MqttTransport()
        {
            string nanoApi = RepoPaths.SharedOrSkip("nano-api");
            List<string> files = DeviceSources("src/DeviceAuth.Mqtt/DeviceAuth.Mqtt.nfproj");
            Assert.Contains(files, f => f.EndsWith(Path.Combine("Device", "CustomAuthMqttClient.M2Mqtt.cs"), StringComparison.Ordinal));

            // M2MqttTransport itself is replaced by its public signatures (it is checked against the M2Mqtt lists by M2MqttAdapterApiTests).
            files = files.Where(f => !f.EndsWith(Path.Combine("Device", "M2MqttTransport.cs"), StringComparison.Ordinal)).ToList();
            CSharpCompilation compilation = Compile("DeviceAuth.Mqtt", files, SampleStubs.Sources(nanoApi));
            var errors = compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            AssertImplemented(compilation, "DeviceAuth.Mqtt.CustomAuthMqttClient", "CreateM2MqttTransport");

            // Its M2Mqtt members (the TLS 1.2 enum field) are on the device.
            List<string> lines = Directory.GetFiles(nanoApi, "nanoFramework.M2Mqtt*.txt").SelectMany(File.ReadAllLines).Where(l => l.Length > 2).ToList();
            string source = File.ReadAllText(RepoPaths.InRepo("src/DeviceAuth.Mqtt/Device/CustomAuthMqttClient.M2Mqtt.cs"));
            var uses = M2MqttAdapterApiTests.ExtractUses(source, lines);
            Assert.Contains(uses, u => u.Description == "nanoFramework.M2Mqtt.MqttSslProtocols.TLSv1_2");
            Assert.Empty(uses.Where(u => !u.IsListed(lines)).Select(u => u.Description));
        }

        [Fact]
        public void HttpDeviceBuild_Compiles_WithTheClientsTlsSettings_UsingOnlyMembersTheDeviceHas()
        {
            string nanoApi = RepoPaths.SharedOrSkip("nano-api");
            List<string> files = DeviceSources("src/DeviceAuth.Http/DeviceAuth.Http.nfproj");
            Assert.Contains(files, f => f.EndsWith(Path.Combine("Device", "DeviceHttpClient.Tls.cs"), StringComparison.Ordinal));
            CSharpCompilation compilation = Compile("DeviceAuth.Http", files, SampleStubs.Sources(nanoApi).Where(s => s.Name == "stubs.cs"));

            // .NET's HttpClient lacks the device's TLS members: those errors are accepted only for members the device list has.
            string[] list = File.ReadAllLines(Path.Combine(nanoApi, "System.Net.Http.txt"));
            var errors = new List<string>();
            var accepted = new List<string>();
            foreach (Diagnostic d in compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                string member = d.Id == "CS1061" ? d.GetMessage().Split('\'')[3] : null;
                if (member != null && list.Contains("M:System.Net.Http.HttpClient.set_" + member + "(" + (member == "SslProtocols" ? "System.Net.Security.SslProtocols" : "System.Security.Cryptography.X509Certificates.X509Certificate") + ")"))
                {
                    accepted.Add(member);
                    continue;
                }

                errors.Add(d.ToString());
            }

            Assert.True(errors.Count == 0, string.Join("\n", errors));
            Assert.Equal(new[] { "HttpsAuthentCert", "SslProtocols" }, accepted.OrderBy(a => a, StringComparer.Ordinal));
            Assert.Contains("F:System.Net.Security.SslProtocols.Tls12", File.ReadAllLines(Path.Combine(nanoApi, "System.Net.txt")));
            AssertImplemented(compilation, "DeviceAuth.Http.DeviceHttpClient", "Create");
            AssertImplemented(compilation, "DeviceAuth.Http.HttpSession", "EnableKeepAlive");
        }

        [Fact]
        public void DeviceOnlyFiles_AreListedInTheNfprojAlone()
        {
            foreach ((string project, string file) in new[] { ("src/DeviceAuth.Mqtt/DeviceAuth.Mqtt", @"Device\CustomAuthMqttClient.M2Mqtt.cs"), ("src/DeviceAuth.Http/DeviceAuth.Http", @"Device\DeviceHttpClient.Tls.cs") })
            {
                var compiles = XDocument.Load(RepoPaths.InRepo(project + ".nfproj")).Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => (string)e.Attribute("Include"));
                Assert.Contains(file, compiles);
                var shared = XDocument.Load(RepoPaths.InRepo(project + ".projitems")).Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => (string)e.Attribute("Include"));
                Assert.DoesNotContain(shared, s => s.EndsWith(file, StringComparison.Ordinal));
            }
        }
    }
}
