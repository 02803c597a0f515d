using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace DeviceAuth.HostTests.Structure
{
    /// <summary>
    /// Each NuGet package (.nuspec at the repository root) ships one device project and must pin
    /// exactly the nanoFramework package versions that project builds against (its packages.config),
    /// and carry the nanoFramework library layout (lib/ with .dll, .pe, .pdbx, .xml).
    /// </summary>
    public class PackagingTests
    {
        public static TheoryData<string> Nuspecs()
        {
            var data = new TheoryData<string>();
            foreach (string f in Directory.EnumerateFiles(RepoPaths.Root, "*.nuspec", SearchOption.TopDirectoryOnly).OrderBy(f => f))
            {
                data.Add(Path.GetFileName(f));
            }

            return data;
        }

        private static XNamespace Ns(XDocument d) => d.Root!.Name.Namespace;

        [Theory]
        [MemberData(nameof(Nuspecs))]
        public void NuspecDependencies_EqualThePackagesConfigOfTheProjectItShips(string nuspec)
        {
            XDocument doc = XDocument.Load(RepoPaths.InRepo(nuspec));
            XNamespace ns = Ns(doc);
            string dll = doc.Descendants(ns + "file").Select(f => (string)f.Attribute("src")).Single(s => s.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
            string projectDir = Regex.Match(dll, @"^(?<dir>.+?)\\bin\\").Groups["dir"].Value.Replace('\\', Path.DirectorySeparatorChar);
            string config = RepoPaths.InRepo(projectDir, "packages.config");
            Assert.True(File.Exists(config), nuspec + " ships " + projectDir + ", which has no packages.config");

            var expected = XDocument.Load(config).Root!.Elements("package")
                .Where(e => (string)e.Attribute("developmentDependency") != "true")
                .ToDictionary(e => (string)e.Attribute("id"), e => "[" + (string)e.Attribute("version") + "]");
            var actual = doc.Descendants(ns + "dependency")
                .Where(d => ((string)d.Attribute("id")).StartsWith("nanoFramework.", StringComparison.Ordinal))
                .ToDictionary(d => (string)d.Attribute("id"), d => (string)d.Attribute("version"));
            Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        }

        [Theory]
        [MemberData(nameof(Nuspecs))]
        public void Nuspec_ShipsTheNanoFrameworkLibraryLayout(string nuspec)
        {
            XDocument doc = XDocument.Load(RepoPaths.InRepo(nuspec));
            var targets = doc.Descendants(Ns(doc) + "file").Select(f => (string)f.Attribute("target")).ToList();
            foreach (string ext in new[] { ".dll", ".pe", ".pdbx", ".xml" })
            {
                Assert.Contains(targets, t => t.StartsWith("lib\\", StringComparison.Ordinal) && t.EndsWith(ext, StringComparison.Ordinal));
            }

            Assert.NotNull(doc.Descendants(Ns(doc) + "license").SingleOrDefault());
            Assert.NotNull(doc.Descendants(Ns(doc) + "readme").SingleOrDefault());
        }
    }
}
