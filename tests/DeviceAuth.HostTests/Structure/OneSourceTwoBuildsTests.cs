using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace DeviceAuth.HostTests.Structure
{
    /// <summary>
    /// Keeps the device and host builds compiling the same files: every .cs file beside a device
    /// project is listed exactly once (in the .projitems both builds import, or, for device-only
    /// adapters, in the .nfproj), every listed file exists, and each .nfproj references exactly the
    /// package versions of its packages.config.
    /// </summary>
    public class OneSourceTwoBuildsTests
    {
        public static TheoryData<string> DeviceProjects()
        {
            var data = new TheoryData<string>();
            foreach (string nfproj in Directory.EnumerateFiles(RepoPaths.Root, "*.nfproj", SearchOption.AllDirectories).Where(p => !IsBuildOutput(p)).OrderBy(p => p))
            {
                data.Add(Path.GetRelativePath(RepoPaths.Root, nfproj));
            }

            return data;
        }

        private static bool IsBuildOutput(string path) =>
            path.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj" || part == "packages");

        private static IEnumerable<string> CompileItems(string projectFile)
        {
            string dir = Path.GetDirectoryName(projectFile)!;
            XDocument doc = XDocument.Load(projectFile);
            foreach (XElement e in doc.Descendants().Where(e => e.Name.LocalName == "Compile"))
            {
                string include = (string)e.Attribute("Include");
                include = include.Replace("$(MSBuildThisFileDirectory)", string.Empty).Replace('\\', Path.DirectorySeparatorChar);
                yield return Path.GetFullPath(Path.Combine(dir, include));
            }

            foreach (XElement import in doc.Descendants().Where(e => e.Name.LocalName == "Import"))
            {
                string project = (string)import.Attribute("Project");
                if (project.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (string item in CompileItems(Path.GetFullPath(Path.Combine(dir, project.Replace('\\', Path.DirectorySeparatorChar)))))
                    {
                        yield return item;
                    }
                }
            }
        }

        [Theory]
        [MemberData(nameof(DeviceProjects))]
        public void EverySourceFile_IsCompiledOnce_AndExists(string nfproj)
        {
            string path = RepoPaths.InRepo(nfproj);
            string dir = Path.GetDirectoryName(path)!;
            var listed = CompileItems(path).ToList();
            var duplicates = listed.GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, "listed twice: " + string.Join(", ", duplicates));
            var missing = listed.Where(f => !File.Exists(f)).ToList();
            Assert.True(missing.Count == 0, "listed but missing: " + string.Join(", ", missing));
            var onDisk = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(Path.GetRelativePath(dir, f)))
                .Select(Path.GetFullPath)
                .ToList();
            var unlisted = onDisk.Except(listed).ToList();
            Assert.True(unlisted.Count == 0, "source files the device build would not compile: " + string.Join(", ", unlisted));
        }

        [Theory]
        [MemberData(nameof(DeviceProjects))]
        public void NfprojHintPaths_MatchPackagesConfigVersions(string nfproj)
        {
            string path = RepoPaths.InRepo(nfproj);
            string config = Path.Combine(Path.GetDirectoryName(path)!, "packages.config");
            Assert.True(File.Exists(config), nfproj + " has no packages.config");
            var packages = XDocument.Load(config).Root!.Elements("package")
                .ToDictionary(e => (string)e.Attribute("id"), e => (string)e.Attribute("version"), StringComparer.OrdinalIgnoreCase);
            var hintPaths = XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToList();
            Assert.NotEmpty(hintPaths);
            var referenced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string hint in hintPaths)
            {
                Match m = Regex.Match(hint, @"packages\\(?<id>[A-Za-z0-9.]+?)\.(?<version>\d+\.\d+\.\d+(\.\d+)?(-[A-Za-z0-9.]+)?)\\lib\\");
                Assert.True(m.Success, "unexpected HintPath form in " + nfproj + ": " + hint);
                string id = m.Groups["id"].Value;
                referenced.Add(id);
                Assert.True(packages.TryGetValue(id, out string version), nfproj + " references " + id + " which packages.config does not list");
                Assert.Equal(version, m.Groups["version"].Value);
            }

            var unreferenced = packages.Keys.Where(id => !referenced.Contains(id)).ToList();
            Assert.True(unreferenced.Count == 0, "packages.config lists packages the .nfproj does not reference: " + string.Join(", ", unreferenced));
        }

        [Fact]
        public void DeviceSolution_ListsEveryNfproj()
        {
            string sln = File.ReadAllText(RepoPaths.InRepo("DeviceAuth.nano.sln"));
            foreach (string nfproj in Directory.EnumerateFiles(RepoPaths.Root, "*.nfproj", SearchOption.AllDirectories).Where(p => !IsBuildOutput(p)))
            {
                string rel = Path.GetRelativePath(RepoPaths.Root, nfproj).Replace('/', '\\');
                Assert.Contains(rel, sln);
            }
        }
    }
}
