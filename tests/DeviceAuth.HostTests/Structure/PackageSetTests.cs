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
    /// The nanoFramework packages of every device project (packages.config; its .nfproj HintPaths and
    /// the nuspecs are held to it by OneSourceTwoBuildsTests and PackagingTests) form one set that NuGet
    /// could resolve: each package has one version across the repository, and every minimum a package
    /// declares (../shared/nano-api/dependencies.txt) is met in the same project. For a version the
    /// file does not list, the dependencies of the newest listed version below it of the same package
    /// apply (System.Net 1.11.60 is a later build of the 1.11 line whose 1.11.54 the file lists).
    /// </summary>
    public class PackageSetTests
    {
        /// <summary>One declared dependency: package and version -> dependency and minimum version.</summary>
        public sealed record Declared(string Package, Version Version, string Dependency, Version Minimum);

        /// <summary>The lines of dependencies.txt ("id version -> id version").</summary>
        public static List<Declared> ReadDeclared(string path)
        {
            var result = new List<Declared>();
            foreach (string line in File.ReadAllLines(path))
            {
                Match m = Regex.Match(line, @"^\s*(\S+)\s+(\d[\d.]*)\s*->\s*(\S+)\s+(\d[\d.]*)\s*$");
                if (m.Success)
                {
                    result.Add(new Declared(m.Groups[1].Value, Version.Parse(m.Groups[2].Value), m.Groups[3].Value, Version.Parse(m.Groups[4].Value)));
                }
            }

            return result;
        }

        /// <summary>id -> version of a packages.config.</summary>
        public static Dictionary<string, Version> ReadConfig(string path) =>
            XDocument.Load(path).Root!.Elements("package").ToDictionary(e => (string)e.Attribute("id"), e => Version.Parse((string)e.Attribute("version")), StringComparer.Ordinal);

        /// <summary>Every unmet minimum of <paramref name="config"/>, one line each.</summary>
        public static List<string> UnmetMinimums(Dictionary<string, Version> config, List<Declared> declared)
        {
            var unmet = new List<string>();
            foreach (KeyValuePair<string, Version> package in config)
            {
                Version listed = declared.Where(d => d.Package == package.Key && d.Version <= package.Value).Select(d => d.Version).DefaultIfEmpty().Max();
                foreach (Declared d in declared.Where(d => d.Package == package.Key && d.Version == listed))
                {
                    if (!config.TryGetValue(d.Dependency, out Version have))
                    {
                        unmet.Add($"{d.Package} {package.Value} needs {d.Dependency} >= {d.Minimum}, which is missing");
                    }
                    else if (have < d.Minimum)
                    {
                        unmet.Add($"{d.Package} {package.Value} needs {d.Dependency} >= {d.Minimum}, the project has {have}");
                    }
                }
            }

            return unmet;
        }

        private static IEnumerable<string> Configs() =>
            Directory.EnumerateFiles(RepoPaths.Root, "packages.config", SearchOption.AllDirectories)
                .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj" || part == "packages"))
                .OrderBy(p => p, StringComparer.Ordinal);

        [Fact]
        public void EveryProject_MeetsEveryDeclaredMinimum()
        {
            List<Declared> declared = ReadDeclared(RepoPaths.SharedOrSkip("nano-api/dependencies.txt"));
            Assert.Contains(declared, d => d.Package == "nanoFramework.System.Net.Http" && d.Dependency == "nanoFramework.System.Net" && d.Minimum == new Version(1, 11, 60));
            var problems = new List<string>();
            foreach (string config in Configs())
            {
                problems.AddRange(UnmetMinimums(ReadConfig(config), declared).Select(p => Path.GetRelativePath(RepoPaths.Root, config) + ": " + p));
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void EachPackage_HasOneVersionAcrossTheRepository()
        {
            var versions = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (string config in Configs())
            {
                foreach (KeyValuePair<string, Version> p in ReadConfig(config))
                {
                    if (!versions.TryGetValue(p.Key, out HashSet<string> set))
                    {
                        versions[p.Key] = set = new HashSet<string>();
                    }

                    set.Add(p.Value.ToString());
                }
            }

            var split = versions.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key + ": " + string.Join(", ", kv.Value.OrderBy(v => v))).ToList();
            Assert.True(split.Count == 0, "packages pinned at more than one version:\n" + string.Join("\n", split));
        }

        [Fact]
        public void Check_FailsOnAMinimumTheProjectDoesNotMeet()
        {
            // The fixture: the set as it was before System.Net was raised to 1.11.60 (and Threading added to DeviceAuth.Http).
            var declared = new List<Declared>
            {
                new("nanoFramework.System.Net.Http", new Version(1, 5, 210), "nanoFramework.System.Net", new Version(1, 11, 60)),
                new("nanoFramework.System.Net.Http", new Version(1, 5, 210), "nanoFramework.System.Threading", new Version(1, 1, 52)),
                new("nanoFramework.System.Net", new Version(1, 11, 54), "nanoFramework.System.Text", new Version(1, 3, 42)),
            };
            var old = new Dictionary<string, Version>
            {
                ["nanoFramework.System.Net.Http"] = new Version(1, 5, 210),
                ["nanoFramework.System.Net"] = new Version(1, 11, 54),
                ["nanoFramework.System.Text"] = new Version(1, 3, 42),
            };
            List<string> unmet = UnmetMinimums(old, declared);
            Assert.Contains("nanoFramework.System.Net.Http 1.5.210 needs nanoFramework.System.Net >= 1.11.60, the project has 1.11.54", unmet);
            Assert.Contains("nanoFramework.System.Net.Http 1.5.210 needs nanoFramework.System.Threading >= 1.1.52, which is missing", unmet);

            // A version the file does not list takes the dependencies of the newest listed one below it.
            old["nanoFramework.System.Net"] = new Version(1, 11, 60);
            old.Remove("nanoFramework.System.Text");
            Assert.Contains("nanoFramework.System.Net 1.11.60 needs nanoFramework.System.Text >= 1.3.42, which is missing", UnmetMinimums(old, declared));
        }
    }
}
