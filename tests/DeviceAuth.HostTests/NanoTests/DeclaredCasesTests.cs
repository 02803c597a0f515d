using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using nanoFramework.TestFramework.HostRunner;
using Xunit;

namespace DeviceAuth.HostTests.NanoTests
{
    /// <summary>
    /// The number of test cases the device test assembly (NFUnitTest) declares, printed so that a run
    /// of the official launcher in the real runtime can be checked for completeness (it reports one
    /// line per case, and stops silently when an attribute is one the device cannot parse), and
    /// counted twice: by the bridge from the metadata, and from the C# sources with Roslyn.
    /// See it with: dotnet test tests/DeviceAuth.HostTests --filter "FullyQualifiedName~DeclaredCasesTests" --logger "console;verbosity=detailed"
    /// </summary>
    public class DeclaredCasesTests
    {
        [Fact]
        public void NFUnitTest_DeclaredCases_ArePrinted_AllRunnableOnTheDevice_AndMatchTheSources()
        {
            NanoDeclaredCases count = NanoDeclaredCases.Of(typeof(DeviceAuth.Tests.Encoding.Base64UrlTests).Assembly);
            string line = "NFUnitTest " + count;
            TestContext.Current.TestOutputHelper?.WriteLine(line);
            Console.WriteLine("[nano] " + line);
            Assert.Equal(0, count.Refused);
            Assert.Equal(SourceCount(), count.Cases);
            Assert.True(count.Cases > 500, line);
        }

        /// <summary>Cases declared in the sources DeviceAuth.Tests.projitems lists: per [TestClass], each [TestMethod] once or once per [DataRow], plus [Setup]/[Cleanup].</summary>
        private static int SourceCount()
        {
            string projitems = RepoPaths.InRepo("tests", "DeviceAuth.Tests", "DeviceAuth.Tests.projitems");
            int cases = 0;
            foreach (string include in XDocument.Load(projitems).Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => (string)e.Attribute("Include")))
            {
                string path = RepoPaths.InRepo("tests", "DeviceAuth.Tests", include.Replace("$(MSBuildThisFileDirectory)", string.Empty).Replace('\\', Path.DirectorySeparatorChar));
                CompilationUnitSyntax unit = CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetCompilationUnitRoot();
                foreach (ClassDeclarationSyntax cls in unit.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => Has(c.AttributeLists, "TestClass")))
                {
                    foreach (MethodDeclarationSyntax m in cls.Members.OfType<MethodDeclarationSyntax>())
                    {
                        int rows = m.AttributeLists.SelectMany(l => l.Attributes).Count(a => Name(a) == "DataRow");
                        cases += Has(m.AttributeLists, "TestMethod") ? Math.Max(rows, 1) : 0;
                        cases += Has(m.AttributeLists, "Setup") || Has(m.AttributeLists, "Cleanup") ? 1 : 0;
                    }
                }
            }

            return cases;
        }

        private static bool Has(Microsoft.CodeAnalysis.SyntaxList<AttributeListSyntax> lists, string name) =>
            lists.SelectMany(l => l.Attributes).Any(a => Name(a) == name);

        private static string Name(AttributeSyntax a)
        {
            string n = a.Name.ToString();
            n = n.Substring(n.LastIndexOf('.') + 1);
            return n.EndsWith("Attribute", StringComparison.Ordinal) ? n.Substring(0, n.Length - "Attribute".Length) : n;
        }
    }
}
