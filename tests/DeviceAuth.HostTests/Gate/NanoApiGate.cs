using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace DeviceAuth.HostTests.Gate
{
    /// <summary>
    /// The nanoFramework API compatibility gate: reads a host-built device assembly and reports
    /// every type or member reference leaving it that the device does not have, every generic
    /// instantiation, and every use of async machinery. An empty result means the assembly calls
    /// only what the catalog's nanoFramework assemblies expose.
    /// </summary>
    public static class NanoApiGate
    {
        /// <summary>
        /// Attributes that the C# compiler or the SDK put on every assembly and that the device build
        /// does not depend on (the nanoFramework toolchain emits its own). Nothing else is exempt.
        /// </summary>
        private static readonly HashSet<string> CompilerEmitted = new(StringComparer.Ordinal)
        {
            "System.Runtime.CompilerServices.CompilationRelaxationsAttribute",   // [assembly: CompilationRelaxations(8)]
            "System.Runtime.CompilerServices.RuntimeCompatibilityAttribute",     // [assembly: RuntimeCompatibility(WrapNonExceptionThrows = true)]
            "System.Diagnostics.DebuggableAttribute",                            // Debug builds
            "System.Diagnostics.DebuggableAttribute.DebuggingModes",
            "System.Runtime.Versioning.TargetFrameworkAttribute",                // [assembly: TargetFramework(".NETCoreApp,Version=v10.0")]
            "System.Runtime.CompilerServices.RefSafetyRulesAttribute",           // [module: RefSafetyRules(11)], emitted whatever the LangVersion when the corlib has ref fields
            "System.Runtime.CompilerServices.CompilerGeneratedAttribute",        // on auto-property backing fields; Roslyn omits it when the corlib (nano mscorlib) lacks it
        };

        /// <summary>
        /// Members that exist on both builds but do not behave alike: on .NET they compare or convert
        /// with the current culture (a soft hyphen is ignored, 'I'.ToLower() may be dotless), on the
        /// device they are ordinal. The same source would accept different inputs on the two builds,
        /// so device code must use a char-by-char ordinal helper (DeviceAuth.Encoding.AsciiText) instead.
        /// </summary>
        private static readonly HashSet<string> CultureSensitive = new(StringComparer.Ordinal)
        {
            "M:System.String.StartsWith(System.String)",
            "M:System.String.EndsWith(System.String)",
            "M:System.String.IndexOf(System.String)",
            "M:System.String.IndexOf(System.String,System.Int32)",
            "M:System.String.IndexOf(System.String,System.Int32,System.Int32)",
            "M:System.String.LastIndexOf(System.String)",
            "M:System.String.LastIndexOf(System.String,System.Int32)",
            "M:System.String.LastIndexOf(System.String,System.Int32,System.Int32)",
            "M:System.String.CompareTo(System.String)",
            "M:System.String.CompareTo(System.Object)",
            "M:System.String.Compare(System.String,System.String)",
            "M:System.String.ToLower",
            "M:System.String.ToUpper",
        };

        private static readonly string[] AsyncMarkers =
        {
            "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
            "System.Runtime.CompilerServices.IAsyncStateMachine",
            "System.Runtime.CompilerServices.AsyncTaskMethodBuilder",
            "System.Runtime.CompilerServices.AsyncVoidMethodBuilder",
            "System.Runtime.CompilerServices.AsyncValueTaskMethodBuilder",
            "System.Runtime.CompilerServices.AsyncIteratorMethodBuilder",
            "System.Runtime.CompilerServices.TaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable",
            "System.Runtime.CompilerServices.ValueTaskAwaiter",
            "System.Threading.Tasks.",
        };

        /// <param name="assemblyPath">The host-built device assembly.</param>
        /// <param name="catalog">What the device has.</param>
        /// <param name="ownAssemblies">Names of our other device assemblies (checked by their own gate run).</param>
        /// <returns>One line per finding, e.g. "missing on device: M:System.String.Join(System.String,System.String[])".</returns>
        public static IReadOnlyList<string> Check(string assemblyPath, NanoApiCatalog catalog, IEnumerable<string> ownAssemblies)
        {
            var own = new HashSet<string>(ownAssemblies, StringComparer.OrdinalIgnoreCase);
            var findings = new SortedSet<string>(StringComparer.Ordinal);
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var provider = new DocIdProvider();

            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                if (IsOwn(md, h, own))
                {
                    continue;
                }

                string name = DocIdProvider.TypeName(md, h);
                if (IsAsync(name))
                {
                    findings.Add("async machinery: T:" + name);
                }
                else if (!CompilerEmitted.Contains(name) && !catalog.HasType(name))
                {
                    findings.Add("missing on device: T:" + name);
                }
            }

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                TypeSpecificationHandle h = MetadataTokens.TypeSpecificationHandle(row);
                provider.SawGenericInstantiation = false;
                string spec = md.GetTypeSpecification(h).DecodeSignature(provider, null);
                if (provider.SawGenericInstantiation)
                {
                    findings.Add((IsAsync(spec) ? "async machinery: T:" : "generic instantiation: T:") + spec);
                }
            }

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.MethodSpec); row++)
            {
                MethodSpecificationHandle h = MetadataTokens.MethodSpecificationHandle(row);
                MethodSpecification ms = md.GetMethodSpecification(h);
                string method = MethodId(md, ms.Method, provider, out string _);
                var args = ms.DecodeSignature(provider, null);
                string id = method + "{" + string.Join(",", args) + "}";
                // Rule: an empty 'params' argument is Array.Empty<T>() on the host and 'new T[0]' on the device.
                if (method == "M:System.Array.Empty``1")
                {
                    continue;
                }

                findings.Add("generic instantiation: " + id);
            }

            foreach (MemberReferenceHandle h in md.MemberReferences)
            {
                MemberReference mr = md.GetMemberReference(h);
                string typeName;
                switch (mr.Parent.Kind)
                {
                    case HandleKind.TypeReference:
                        if (IsOwn(md, (TypeReferenceHandle)mr.Parent, own))
                        {
                            continue;
                        }

                        typeName = DocIdProvider.TypeName(md, (TypeReferenceHandle)mr.Parent);
                        break;
                    case HandleKind.TypeSpecification:
                        provider.SawGenericInstantiation = false;
                        typeName = md.GetTypeSpecification((TypeSpecificationHandle)mr.Parent).DecodeSignature(provider, null);
                        if (provider.SawGenericInstantiation || typeName.Contains('['))
                        {
                            // Members of generic instantiations (already reported) or of multi-dimensional arrays.
                            findings.Add((IsAsync(typeName) ? "async machinery: " : provider.SawGenericInstantiation ? "generic instantiation: " : "missing on device: ") + "member of " + typeName + ": " + md.GetString(mr.Name));
                            continue;
                        }

                        break;
                    default:
                        continue; // members of our own definitions
                }

                if (CompilerEmitted.Contains(typeName))
                {
                    continue;
                }

                if (IsAsync(typeName))
                {
                    findings.Add("async machinery: " + typeName + "." + md.GetString(mr.Name));
                    continue;
                }

                string name = md.GetString(mr.Name);
                if (mr.GetKind() == MemberReferenceKind.Field)
                {
                    if (!catalog.HasMember("F:", typeName, name))
                    {
                        findings.Add("missing on device: F:" + typeName + "." + name);
                    }

                    continue;
                }

                provider.SawGenericInstantiation = false;
                MethodSignature<string> sig = mr.DecodeMethodSignature(provider, null);
                string part = DocIdProvider.MethodPart(name, sig);
                if (CultureSensitive.Contains("M:" + typeName + "." + part))
                {
                    findings.Add("culture-sensitive on the host, ordinal on the device: M:" + typeName + "." + part);
                    continue;
                }

                if (catalog.HasMember("M:", typeName, part) || IsEquivalent(catalog, typeName, name, sig))
                {
                    continue;
                }

                findings.Add("missing on device: M:" + typeName + "." + part);
            }

            return findings.ToList();
        }

        /// <summary>
        /// The members that the host compiler binds differently from the device compiler for the
        /// same source (see ../shared/nano-api/README.md), accepted by rule:
        /// <list type="number">
        /// <item>lock(x): Monitor.Enter(Object, ref Boolean) on the host, Monitor.Enter(Object) on the device.</item>
        /// <item>params: the host binds a fixed-arity overload (String.Format(String,Object,Object)) where the
        /// device binds the params-array one (String.Format(String,Object[])): accepted when the device has a
        /// member of the same type and name whose leading parameters match and whose last parameter is an
        /// array whose element type can hold every remaining argument.</item>
        /// </list>
        /// </summary>
        private static bool IsEquivalent(NanoApiCatalog catalog, string typeName, string name, MethodSignature<string> sig)
        {
            string[] host = sig.ParameterTypes.ToArray();
            if (typeName == "System.Threading.Monitor" && name == "Enter" && host.Length == 2 && host[0] == "System.Object" && host[1] == "System.Boolean@")
            {
                return catalog.HasMember("M:", typeName, "Enter(System.Object)");
            }

            string methodName = name == ".ctor" ? "#ctor" : name;
            foreach (string[] device in catalog.Overloads(typeName, methodName))
            {
                if (device.Length == 0 || !device[^1].EndsWith("[]", StringComparison.Ordinal))
                {
                    continue;
                }

                int leading = device.Length - 1;
                if (host.Length <= leading)
                {
                    continue;
                }

                bool match = true;
                for (int i = 0; i < leading && match; i++)
                {
                    match = host[i] == device[i];
                }

                string element = device[^1].Substring(0, device[^1].Length - 2);
                for (int i = leading; i < host.Length && match; i++)
                {
                    match = element == "System.Object" ? !host[i].EndsWith("@", StringComparison.Ordinal) : host[i] == element;
                }

                if (match)
                {
                    return true;
                }
            }

            return false;
        }

        private static string MethodId(MetadataReader md, EntityHandle method, DocIdProvider provider, out string typeName)
        {
            if (method.Kind == HandleKind.MemberReference)
            {
                MemberReference mr = md.GetMemberReference((MemberReferenceHandle)method);
                typeName = mr.Parent.Kind switch
                {
                    HandleKind.TypeReference => DocIdProvider.TypeName(md, (TypeReferenceHandle)mr.Parent),
                    HandleKind.TypeDefinition => DocIdProvider.TypeName(md, (TypeDefinitionHandle)mr.Parent),
                    HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)mr.Parent).DecodeSignature(provider, null),
                    _ => "?",
                };
                return "M:" + typeName + "." + DocIdProvider.MethodPart(md.GetString(mr.Name), mr.DecodeMethodSignature(provider, null));
            }

            MethodDefinition def = md.GetMethodDefinition((MethodDefinitionHandle)method);
            typeName = DocIdProvider.TypeName(md, def.GetDeclaringType());
            return "M:" + typeName + "." + DocIdProvider.MethodPart(md.GetString(def.Name), def.DecodeSignature(provider, null));
        }

        private static bool IsAsync(string typeName) =>
            AsyncMarkers.Any(m => m.EndsWith(".", StringComparison.Ordinal) ? typeName.StartsWith(m, StringComparison.Ordinal) : typeName.StartsWith(m, StringComparison.Ordinal) && (typeName.Length == m.Length || typeName[m.Length] == '`' || typeName[m.Length] == '{' || typeName[m.Length] == '.'));

        private static bool IsOwn(MetadataReader md, TypeReferenceHandle h, HashSet<string> own)
        {
            EntityHandle scope = md.GetTypeReference(h).ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                scope = md.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }

            if (scope.Kind == HandleKind.AssemblyReference)
            {
                return own.Contains(md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name));
            }

            return scope.Kind == HandleKind.ModuleDefinition;
        }
    }
}
