using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DeviceAuth.HostTests.Gate;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DeviceAuth.HostTests.Docs
{
    /// <summary>
    /// The sample apps cannot be built here (their Wi-Fi, SNTP and file-system packages are
    /// device-only), so this compiles their sources with Roslyn (C# 9, the nanoFramework project
    /// system's language version) against the library's host build, with stubs for the device-only
    /// members, and then walks every symbol the samples use: a library member must exist (the compiler
    /// proves it); any other member must be in the nanoFramework API lists of the sample's
    /// packages.config or in the "stated" list of samples/README.md (Wi-Fi, SNTP, file system).
    /// Members that exist on the device but not on .NET (HttpClient.SslProtocols, HttpContent.ReadAsString)
    /// surface as compile errors CS1061; those are accepted only when the API lists have the member.
    /// </summary>
    public class SampleSourceTests
    {
        private const string StatedBegin = "<!-- stated-api:begin -->";
        private const string StatedEnd = "<!-- stated-api:end -->";

        public static TheoryData<string> Samples() => new(SampleNames());

        /// <summary>The folders under samples/ that hold an .nfproj.</summary>
        public static string[] SampleNames() =>
            Directory.EnumerateDirectories(RepoPaths.InRepo("samples"))
                .Where(dir => Directory.EnumerateFiles(dir, "*.nfproj").Any())
                .Select(Path.GetFileName)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();

        /// <summary>The doc-ID lines of samples/README.md's stated-API block.</summary>
        public static IReadOnlyList<string> StatedApi()
        {
            string text = File.ReadAllText(RepoPaths.InRepo("samples", "README.md"));
            int b = text.IndexOf(StatedBegin, StringComparison.Ordinal);
            int e = text.IndexOf(StatedEnd, StringComparison.Ordinal);
            Assert.True(b >= 0 && e > b, "samples/README.md lacks the stated-API block");
            return text.Substring(b, e - b).Split('\n').Select(l => l.Trim()).Where(l => Regex.IsMatch(l, "^[TMFE]:")).ToList();
        }

        [Fact]
        public void EverySample_HasReadme_SettingsExample_AndIsInTheDeviceSolution()
        {
            string sln = File.ReadAllText(RepoPaths.InRepo("DeviceAuth.nano.sln"));
            string[] expected = { "ApiGatewayJwt", "HttpsPublish", "MqttCustomAuth" };
            Assert.Equal(expected, SampleNames());
            foreach (string name in expected)
            {
                Assert.True(File.Exists(RepoPaths.InRepo("samples", name, "README.md")), name + " has no README.md");
                Assert.True(File.Exists(RepoPaths.InRepo("samples", name, "settings.example.json")), name + " has no settings.example.json");
                Assert.Contains("samples\\" + name + "\\" + name + ".nfproj", sln);
                XDocument nfproj = XDocument.Load(RepoPaths.InRepo("samples", name, name + ".nfproj"));
                Assert.Equal("Exe", nfproj.Descendants().Single(x => x.Name.LocalName == "OutputType").Value);
                System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("samples", name, "settings.example.json"))).Dispose();
            }
        }

        [Theory]
        [MemberData(nameof(Samples))]
        public void SamplePackages_IncludeWifiSntpFileSystem_AtTheVersionsTheReadmeStates(string sample)
        {
            var packages = XDocument.Load(RepoPaths.InRepo("samples", sample, "packages.config")).Root!.Elements("package")
                .ToDictionary(e => (string)e.Attribute("id"), e => (string)e.Attribute("version"));
            string readme = File.ReadAllText(RepoPaths.InRepo("samples", "README.md"));
            foreach (string id in new[] { "nanoFramework.System.Device.Wifi", "nanoFramework.Networking.Sntp", "nanoFramework.System.IO.FileSystem" })
            {
                Assert.True(packages.TryGetValue(id, out string version), sample + " lacks " + id);
                Assert.Matches("\\| " + Regex.Escape(id) + " \\| " + Regex.Escape(version) + " \\|", readme);
            }

            // The library's own packages at the library's versions (the device app deploys them too).
            foreach (string lib in new[] { "src/DeviceAuth/packages.config" })
            {
                foreach (XElement p in XDocument.Load(RepoPaths.InRepo(lib)).Root!.Elements("package"))
                {
                    Assert.Equal((string)p.Attribute("version"), packages.GetValueOrDefault((string)p.Attribute("id")));
                }
            }
        }

        [Theory]
        [MemberData(nameof(Samples))]
        public void SampleSources_CompileAgainstTheLibrary_AndUseOnlyListedOrStatedDeviceApi(string sample)
        {
            string nanoApi = RepoPaths.SharedOrSkip("nano-api");
            CSharpCompilation compilation = Compile(sample, nanoApi, out List<SyntaxTree> sampleTrees);
            NanoApiCatalog catalog = Catalog(sample, sample, nanoApi, out HashSet<string> stated);
            var usedStated = new HashSet<string>(StringComparer.Ordinal);
            List<string> findings = DeviceApiFindings(compilation, sampleTrees, catalog, stated, usedStated);
            Assert.True(findings.Count == 0, sample + ":\n" + string.Join("\n", findings.Distinct()));
            SampleUsage.Record(sample, usedStated);
        }

        /// <summary>
        /// What <paramref name="trees"/> use that the device lacks: compile errors other than "member missing on .NET"
        /// for members the device has, generics, async, and every symbol outside the library that is neither in
        /// <paramref name="catalog"/> nor stated (stated ones used are added to <paramref name="usedStated"/>).
        /// </summary>
        internal static List<string> DeviceApiFindings(CSharpCompilation compilation, List<SyntaxTree> trees, NanoApiCatalog catalog, HashSet<string> stated, HashSet<string> usedStated)
        {
            List<SyntaxTree> sampleTrees = trees;
            var findings = new List<string>();

            // 1. Compile errors: only "member missing on .NET" for members the device has.
            foreach (Diagnostic d in compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                if (d.Id == "CS1061" && d.Location.SourceTree != null && sampleTrees.Contains(d.Location.SourceTree))
                {
                    SemanticModel model = compilation.GetSemanticModel(d.Location.SourceTree);
                    var access = d.Location.SourceTree.GetRoot(TestContext.Current.CancellationToken).FindNode(d.Location.SourceSpan).FirstAncestorOrSelf<MemberAccessExpressionSyntax>();
                    ITypeSymbol type = access == null ? null : model.GetTypeInfo(access.Expression, TestContext.Current.CancellationToken).Type;
                    string name = access?.Name.Identifier.Text;
                    if (type != null && DeviceHasMemberNamed(catalog, TypeName(type), name))
                    {
                        continue;
                    }
                }

                findings.Add("compile error: " + d);
            }

            // 2. Every symbol the sample sources name.
            foreach (SyntaxTree tree in sampleTrees)
            {
                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (SyntaxNode node in tree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes())
                {
                    if (node is GenericNameSyntax || node is TypeArgumentListSyntax)
                    {
                        findings.Add("generic: " + node + " at " + Where(node));
                        continue;
                    }

                    if (node is AwaitExpressionSyntax || (node is MethodDeclarationSyntax m && m.Modifiers.Any(SyntaxKind.AsyncKeyword)))
                    {
                        findings.Add("async: " + Where(node));
                        continue;
                    }

                    if (!(node is IdentifierNameSyntax || node is PredefinedTypeSyntax || node is ObjectCreationExpressionSyntax || node is ElementAccessExpressionSyntax))
                    {
                        continue;
                    }

                    ISymbol symbol = model.GetSymbolInfo(node, TestContext.Current.CancellationToken).Symbol;
                    if (symbol == null || IsOwn(symbol, sampleTrees))
                    {
                        continue;
                    }

                    foreach (string id in Ids(symbol, node))
                    {
                        if (stated.Contains(id))
                        {
                            usedStated.Add(id);
                        }
                        else if (!InCatalog(catalog, id))
                        {
                            findings.Add("not on the device (nor stated): " + id + " at " + Where(node));
                        }
                    }
                }
            }

            return findings;
        }

        [Fact]
        public void StatedApi_EveryLineIsUsedByASample_AndNamesARealMember()
        {
            RepoPaths.SharedOrSkip("nano-api");
            foreach (string sample in SampleNames())
            {
                SampleSourceTests_Run(sample);
            }

            IReadOnlyList<string> stated = StatedApi();
            Assert.NotEmpty(stated);
            var unused = stated.Where(id => !SampleUsage.All.Contains(id)).ToList();
            Assert.True(unused.Count == 0, "stated in samples/README.md but used by no sample: " + string.Join(", ", unused));

            // The stubs declare exactly the stated members (plus types the signatures need), so a stub cannot invent API.
            foreach (string id in stated)
            {
                Assert.Contains(id, SampleStubs.DeclaredIds);
            }
        }

        private void SampleSourceTests_Run(string sample)
        {
            if (!SampleUsage.Has(sample))
            {
                SampleSources_CompileAgainstTheLibrary_AndUseOnlyListedOrStatedDeviceApi(sample);
            }
        }

        [Theory]
        [InlineData("MqttCustomAuth", "DeviceAuth.Mqtt.CustomAuthMqttClient")]
        [InlineData("HttpsPublish", "DeviceAuth.Http.CustomAuthHttpClient")]
        [InlineData("ApiGatewayJwt", "DeviceAuth.Http.ApiGatewayClient")]
        public void Sample_StartsFromItsDeviceClient_NotFromTheParts(string sample, string client)
        {
            // The parts stay public for those who need them, but a sample shows the few lines a user writes.
            string[] parts =
            {
                "DeviceAuth.Mqtt.MqttSession", "DeviceAuth.Mqtt.MqttSessionDriver", "DeviceAuth.Mqtt.MqttSessionOptions", "DeviceAuth.Mqtt.Device.M2MqttTransport",
                "DeviceAuth.Http.HttpSession", "DeviceAuth.Http.HttpSessionOptions", "System.Net.Http.HttpClient", "DeviceAuth.Lifetime.LifetimeOptions",
                "DeviceAuth.Credentials.AwsIotMqttAuthorization", "DeviceAuth.Credentials.AwsIotHttpAuthorization", "DeviceAuth.Credentials.ApiGatewayJwtAuthorization", "DeviceAuth.Credentials.ApiGatewayRequestAuthorization",
                "DeviceAuth.Tokens.DeviceSignedTokenSource", "DeviceAuth.Tokens.HmacTokenSource", "DeviceAuth.Tokens.JwtTokenSource",
            };
            CSharpCompilation compilation = Compile(sample, RepoPaths.SharedOrSkip("nano-api"), out List<SyntaxTree> sampleTrees);
            var created = new HashSet<string>(StringComparer.Ordinal);
            foreach (SyntaxTree tree in sampleTrees)
            {
                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (ObjectCreationExpressionSyntax creation in tree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<ObjectCreationExpressionSyntax>())
                {
                    if (model.GetTypeInfo(creation, TestContext.Current.CancellationToken).Type is ITypeSymbol type)
                    {
                        created.Add(TypeName(type));
                    }
                }
            }

            Assert.Contains(client, created);
            Assert.Empty(created.Intersect(parts));
        }

        /// <summary>The sample's sources (as its .nfproj lists them) and the stubs, compiled (C# 9) against the library's host build.</summary>
        private static CSharpCompilation Compile(string sample, string nanoApi, out List<SyntaxTree> sampleTrees)
        {
            string nfprojPath = RepoPaths.InRepo("samples", sample, sample + ".nfproj");
            string dir = Path.GetDirectoryName(nfprojPath)!;
            List<string> sources = XDocument.Load(nfprojPath).Descendants().Where(x => x.Name.LocalName == "Compile")
                .Select(x => Path.GetFullPath(Path.Combine(dir, ((string)x.Attribute("Include")).Replace('\\', Path.DirectorySeparatorChar)))).ToList();
            Assert.Contains(sources, s => s.EndsWith("Program.cs", StringComparison.Ordinal));
            return Compile(sample, sources.Select(s => (s, File.ReadAllText(s))), nanoApi, out sampleTrees);
        }

        /// <summary>Sources (path, text) and the stubs, compiled (C# 9) against the library's host build.</summary>
        internal static CSharpCompilation Compile(string name, IEnumerable<(string Path, string Text)> sources, string nanoApi, out List<SyntaxTree> sampleTrees)
        {
            var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
            sampleTrees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path, cancellationToken: TestContext.Current.CancellationToken)).ToList();
            List<SyntaxTree> stubs = SampleStubs.Sources(nanoApi).Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Name, cancellationToken: TestContext.Current.CancellationToken)).ToList();
            return CSharpCompilation.Create(
                name,
                sampleTrees.Concat(stubs),
                References(),
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));
        }

        private static IEnumerable<MetadataReference> References()
        {
            var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator).ToList();
            paths.Add(typeof(DeviceAuth.IClock).Assembly.Location);
            paths.Add(typeof(DeviceAuth.Mqtt.MqttSession).Assembly.Location);
            paths.Add(typeof(DeviceAuth.Http.HttpSession).Assembly.Location);
            return paths.Distinct().Select(p => MetadataReference.CreateFromFile(p));
        }

        /// <summary>The API lists of <paramref name="sample"/>'s packages plus the stated lines (written to a temporary folder named after <paramref name="key"/>).</summary>
        internal static NanoApiCatalog Catalog(string key, string sample, string nanoApi, out HashSet<string> stated)
        {
            // The lists of the sample's packages that have lists, plus the stated lines, in one folder.
            string folder = Path.Combine(Path.GetTempPath(), "deviceauth-sample-api-" + Environment.ProcessId + "-" + key);
            Directory.CreateDirectory(folder);
            var names = new List<string>();
            foreach (XElement p in XDocument.Load(RepoPaths.InRepo("samples", sample, "packages.config")).Root!.Elements("package"))
            {
                if (NanoApiCatalog.PackageAssemblies.TryGetValue((string)p.Attribute("id"), out string[] assemblies))
                {
                    foreach (string a in assemblies)
                    {
                        File.Copy(Path.Combine(nanoApi, a + ".txt"), Path.Combine(folder, a + ".txt"), true);
                        names.Add(a);
                    }
                }
            }

            stated = new HashSet<string>(StatedApi(), StringComparer.Ordinal);
            File.WriteAllLines(Path.Combine(folder, "stated.txt"), stated);
            names.Add("stated");
            return NanoApiCatalog.FromLists(folder, names);
        }

        private static bool IsOwn(ISymbol symbol, List<SyntaxTree> sampleTrees)
        {
            ISymbol s = symbol is IMethodSymbol { ReducedFrom: not null } r ? r.ReducedFrom : symbol;
            if (s.Kind is SymbolKind.Local or SymbolKind.Parameter or SymbolKind.Namespace or SymbolKind.Label or SymbolKind.RangeVariable or SymbolKind.Discard)
            {
                return true;
            }

            if (s.DeclaringSyntaxReferences.Any(d => sampleTrees.Contains(d.SyntaxTree)))
            {
                return true;
            }

            // The library (host build of the same sources), and M2MqttTransport's signature-only stub taken from its real source.
            string asm = s.ContainingAssembly?.Name ?? string.Empty;
            if (asm == "DeviceAuth" || asm == "DeviceAuth.Mqtt" || asm == "DeviceAuth.Http")
            {
                return true;
            }

            INamedTypeSymbol type = s as INamedTypeSymbol ?? s.ContainingType;
            return type != null && TypeName(type).StartsWith("DeviceAuth.", StringComparison.Ordinal);
        }

        /// <summary>The doc IDs a use of <paramref name="symbol"/> at <paramref name="node"/> needs on the device.</summary>
        private static IEnumerable<string> Ids(ISymbol symbol, SyntaxNode node)
        {
            switch (symbol)
            {
                case INamedTypeSymbol t:
                    yield return "T:" + TypeName(t);
                    break;
                case IPropertySymbol p:
                    bool write = IsAssignmentTarget(node);
                    IMethodSymbol accessor = write ? p.SetMethod : p.GetMethod;
                    yield return accessor?.GetDocumentationCommentId() ?? ("M:" + TypeName(p.ContainingType) + "." + (write ? "set_" : "get_") + p.Name);
                    break;
                case IMethodSymbol m:
                    yield return (m.ReducedFrom ?? m).OriginalDefinition.GetDocumentationCommentId();
                    break;
                case IFieldSymbol f:
                    yield return f.GetDocumentationCommentId();
                    break;
                case IEventSymbol e:
                    yield return e.AddMethod?.GetDocumentationCommentId();
                    break;
            }
        }

        private static bool IsAssignmentTarget(SyntaxNode node)
        {
            SyntaxNode expr = node.Parent is MemberAccessExpressionSyntax ma && ma.Name == node ? ma : node;
            return expr.Parent is AssignmentExpressionSyntax a && a.Left == expr;
        }

        private static bool InCatalog(NanoApiCatalog catalog, string id)
        {
            if (id == null)
            {
                return false;
            }

            if (id.StartsWith("T:", StringComparison.Ordinal))
            {
                return catalog.HasType(id.Substring(2));
            }

            string kind = id.Substring(0, 2);
            string body = id.Substring(2);
            int paren = body.IndexOf('(');
            string head = paren < 0 ? body : body.Substring(0, paren);
            int dot = head.LastIndexOf('.');
            return catalog.HasMember(kind, head.Substring(0, dot), body.Substring(dot + 1));
        }

        private static bool DeviceHasMemberNamed(NanoApiCatalog catalog, string type, string name) =>
            name != null && (catalog.Overloads(type, name).Any() || catalog.Overloads(type, "get_" + name).Any() || catalog.Overloads(type, "set_" + name).Any());

        internal static string TypeName(ITypeSymbol type) =>
            type.ToDisplayString(new SymbolDisplayFormat(typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces));

        private static string Where(SyntaxNode node)
        {
            FileLinePositionSpan span = node.GetLocation().GetLineSpan();
            return Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1);
        }

        /// <summary>Which stated members each sample used (filled by the per-sample test).</summary>
        private static class SampleUsage
        {
            private static readonly Dictionary<string, HashSet<string>> BySample = new();

            public static HashSet<string> All
            {
                get
                {
                    lock (BySample)
                    {
                        return new HashSet<string>(BySample.Values.SelectMany(v => v));
                    }
                }
            }

            public static void Record(string sample, HashSet<string> ids)
            {
                lock (BySample)
                {
                    BySample[sample] = ids;
                }
            }

            public static bool Has(string sample)
            {
                lock (BySample)
                {
                    return BySample.ContainsKey(sample);
                }
            }
        }
    }
}
