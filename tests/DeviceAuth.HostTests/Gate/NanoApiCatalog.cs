using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace DeviceAuth.HostTests.Gate
{
    /// <summary>
    /// What a device build may call: the union of the public APIs of some nanoFramework assemblies,
    /// read either from the ID lists in ../shared/nano-api (one file per assembly) or from real
    /// nanoFramework reference assemblies (NANO_REF_DIR), which are turned into the same IDs.
    /// </summary>
    public sealed class NanoApiCatalog
    {
        /// <summary>nanoFramework package id -> the assemblies (list file / dll base names) it ships.</summary>
        public static readonly IReadOnlyDictionary<string, string[]> PackageAssemblies = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["nanoFramework.CoreLibrary"] = new[] { "mscorlib" },
            ["nanoFramework.System.Collections"] = new[] { "nanoFramework.System.Collections" },
            ["nanoFramework.System.Text"] = new[] { "nanoFramework.System.Text" },
            ["nanoFramework.System.Threading"] = new[] { "System.Threading" },
            ["nanoFramework.Runtime.Events"] = new[] { "nanoFramework.Runtime.Events" },
            ["nanoFramework.Runtime.Native"] = new[] { "nanoFramework.Runtime.Native" },
            ["nanoFramework.System.IO.Streams"] = new[] { "System.IO.Streams" },
            ["nanoFramework.System.Net"] = new[] { "System.Net" },
            ["nanoFramework.System.Net.Http"] = new[] { "System.Net.Http" },
            ["nanoFramework.M2Mqtt"] = new[] { "nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.Core" },
            ["nanoFramework.System.Security.Cryptography"] = new[] { "nanoFramework.System.Security.Cryptography" },
            ["nanoFramework.TestFramework"] = new[] { "nanoFramework.TestFramework" },
        };

        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _baseOf = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string[]>> _methodsByTypeAndName = new(StringComparer.Ordinal);

        private NanoApiCatalog(string source)
        {
            Source = source;
        }

        /// <summary>Where the catalog came from (for messages).</summary>
        public string Source { get; }

        public int Count => _ids.Count;

        /// <summary>
        /// The catalog for a device project: the assemblies of the packages in its packages.config,
        /// from NANO_REF_DIR when that variable names a directory, else from the API lists in
        /// <paramref name="listDirectory"/>. Returns null (with <paramref name="why"/>) when neither exists.
        /// </summary>
        public static NanoApiCatalog ForPackagesConfig(string packagesConfig, string listDirectory, out string why)
        {
            string[] packages = XDocument.Load(packagesConfig).Root!.Elements("package").Select(e => (string)e.Attribute("id")).ToArray();
            var assemblies = new List<string>();
            foreach (string p in packages)
            {
                if (!PackageAssemblies.TryGetValue(p, out string[] names))
                {
                    throw new InvalidOperationException("The gate does not know which assemblies package " + p + " ships; add it to NanoApiCatalog.PackageAssemblies.");
                }

                assemblies.AddRange(names);
            }

            string refDir = Environment.GetEnvironmentVariable("NANO_REF_DIR");
            if (!string.IsNullOrEmpty(refDir) && Directory.Exists(refDir))
            {
                why = null;
                return FromReferenceAssemblies(refDir, assemblies);
            }

            if (listDirectory != null && Directory.Exists(listDirectory))
            {
                why = null;
                return FromLists(listDirectory, assemblies);
            }

            why = "neither NANO_REF_DIR (nanoFramework reference assemblies) nor the API lists (../shared/nano-api) are available";
            return null;
        }

        public static NanoApiCatalog FromLists(string directory, IEnumerable<string> assemblyNames)
        {
            var catalog = new NanoApiCatalog("API lists in " + directory);
            foreach (string name in assemblyNames.Distinct())
            {
                string file = Path.Combine(directory, name + ".txt");
                if (!File.Exists(file))
                {
                    throw new FileNotFoundException("API list missing for assembly " + name, file);
                }

                foreach (string line in File.ReadLines(file))
                {
                    catalog.AddLine(line.Trim());
                }
            }

            catalog.Index();
            return catalog;
        }

        public static NanoApiCatalog FromReferenceAssemblies(string directory, IEnumerable<string> assemblyNames)
        {
            var catalog = new NanoApiCatalog("reference assemblies in " + directory);
            foreach (string name in assemblyNames.Distinct())
            {
                string file = Directory.EnumerateFiles(directory, name + ".dll", SearchOption.AllDirectories).FirstOrDefault()
                    ?? throw new FileNotFoundException("Reference assembly missing in NANO_REF_DIR: " + name + ".dll");
                foreach (string line in PublicApiLines(file))
                {
                    catalog.AddLine(line);
                }
            }

            catalog.Index();
            return catalog;
        }

        /// <summary>The public (and protected) API of an assembly as ID lines (T:, M:, F:, B:), the format of ../shared/nano-api.</summary>
        public static IEnumerable<string> PublicApiLines(string assemblyPath)
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var provider = new DocIdProvider();
            var lines = new List<string>();
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition td = md.GetTypeDefinition(th);
                if (!IsVisible(md, td))
                {
                    continue;
                }

                string typeName = DocIdProvider.TypeName(md, th);
                lines.Add("T:" + typeName);
                if (!td.BaseType.IsNil)
                {
                    string baseName = td.BaseType.Kind switch
                    {
                        HandleKind.TypeReference => DocIdProvider.TypeName(md, (TypeReferenceHandle)td.BaseType),
                        HandleKind.TypeDefinition => DocIdProvider.TypeName(md, (TypeDefinitionHandle)td.BaseType),
                        _ => md.GetTypeSpecification((TypeSpecificationHandle)td.BaseType).DecodeSignature(provider, null),
                    };
                    lines.Add("B:" + typeName + " -> " + baseName);
                }

                foreach (MethodDefinitionHandle mh in td.GetMethods())
                {
                    MethodDefinition m = md.GetMethodDefinition(mh);
                    var access = m.Attributes & MethodAttributes.MemberAccessMask;
                    if (access != MethodAttributes.Public && access != MethodAttributes.Family && access != MethodAttributes.FamORAssem)
                    {
                        continue;
                    }

                    MethodSignature<string> sig = m.DecodeSignature(provider, null);
                    lines.Add("M:" + typeName + "." + DocIdProvider.MethodPart(md.GetString(m.Name), sig));
                }

                foreach (FieldDefinitionHandle fh in td.GetFields())
                {
                    FieldDefinition f = md.GetFieldDefinition(fh);
                    var access = f.Attributes & FieldAttributes.FieldAccessMask;
                    if (access != FieldAttributes.Public && access != FieldAttributes.Family && access != FieldAttributes.FamORAssem)
                    {
                        continue;
                    }

                    lines.Add("F:" + typeName + "." + md.GetString(f.Name));
                }
            }

            return lines;
        }

        private static bool IsVisible(MetadataReader md, TypeDefinition td)
        {
            var vis = td.Attributes & TypeAttributes.VisibilityMask;
            if (vis == TypeAttributes.Public)
            {
                return true;
            }

            if (vis == TypeAttributes.NestedPublic || vis == TypeAttributes.NestedFamily || vis == TypeAttributes.NestedFamORAssem)
            {
                return IsVisible(md, md.GetTypeDefinition(td.GetDeclaringType()));
            }

            return false;
        }

        private void AddLine(string line)
        {
            if (line.Length < 3 || line[1] != ':')
            {
                return;
            }

            if (line[0] == 'B')
            {
                int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
                _baseOf[line.Substring(2, arrow - 2)] = line.Substring(arrow + 4);
                return;
            }

            if (line[0] == 'I')
            {
                return;
            }

            _ids.Add(line);
        }

        private void Index()
        {
            foreach (string id in _ids.Where(i => i.StartsWith("M:", StringComparison.Ordinal)))
            {
                SplitMember(id, out string type, out string name, out string[] parameters);
                string key = type + "|" + name;
                if (!_methodsByTypeAndName.TryGetValue(key, out var list))
                {
                    _methodsByTypeAndName[key] = list = new List<string[]>();
                }

                list.Add(parameters);
            }
        }

        public bool HasType(string typeName) => _ids.Contains("T:" + typeName);

        /// <summary>The base chain of a type (itself first) as the catalog knows it.</summary>
        public IEnumerable<string> TypeAndBases(string typeName)
        {
            string t = typeName;
            int guard = 0;
            while (t != null && guard++ < 32)
            {
                yield return t;
                _baseOf.TryGetValue(t, out t);
            }
        }

        /// <summary>True when the member ID exists on its type or on one of its base types.</summary>
        public bool HasMember(string kindPrefix, string typeName, string memberPart)
        {
            foreach (string t in TypeAndBases(typeName))
            {
                if (_ids.Contains(kindPrefix + t + "." + memberPart))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Parameter lists of the methods named <paramref name="name"/> on the type or its bases.</summary>
        public IEnumerable<string[]> Overloads(string typeName, string name)
        {
            foreach (string t in TypeAndBases(typeName))
            {
                if (_methodsByTypeAndName.TryGetValue(t + "|" + name, out var list))
                {
                    foreach (string[] p in list)
                    {
                        yield return p;
                    }
                }
            }
        }

        /// <summary>Splits "M:Ns.Type.Name(P1,P2)" into type, name and parameters.</summary>
        public static void SplitMember(string id, out string type, out string name, out string[] parameters)
        {
            string body = id.Substring(2);
            int paren = body.IndexOf('(');
            string head = paren < 0 ? body : body.Substring(0, paren);
            int tilde = head.IndexOf('~');
            if (tilde >= 0)
            {
                head = head.Substring(0, tilde);
            }

            int dot = head.LastIndexOf('.');
            type = head.Substring(0, dot);
            name = head.Substring(dot + 1);
            if (paren < 0)
            {
                parameters = Array.Empty<string>();
            }
            else
            {
                string inner = body.Substring(paren + 1, body.LastIndexOf(')') - paren - 1);
                parameters = SplitTopLevel(inner);
            }
        }

        private static string[] SplitTopLevel(string inner)
        {
            var parts = new List<string>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i < inner.Length; i++)
            {
                char c = inner[i];
                if (c == '{' || c == '[')
                {
                    depth++;
                }
                else if (c == '}' || c == ']')
                {
                    depth--;
                }
                else if (c == ',' && depth == 0)
                {
                    parts.Add(inner.Substring(start, i - start));
                    start = i + 1;
                }
            }

            parts.Add(inner.Substring(start));
            return parts.ToArray();
        }
    }
}
