using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace DeviceAuth.HostTests.Gate
{
    /// <summary>
    /// What the real nanoCLR does differently from .NET with the same IL (../shared/NANOFRAMEWORK.md,
    /// "Measured in the real runtime"), checked in a host-built device assembly's IL. It needs no API
    /// list, so it always runs. Each finding names the rule, the member and the method:
    /// <list type="bullet">
    /// <item>strings are UTF-8 on the device: <c>s[i]</c> (String.get_Chars) re-counts the string on every
    /// call and returns the wrong char after a supplementary character; IndexOf/IndexOfAny/LastIndexOf*/
    /// Contains/ToCharArray(int,int) locate positions the same broken way;</item>
    /// <item>String.get_Length and String.Substring convert the whole string on every call: allowed, but
    /// not inside a loop of the same method (a backward branch's range in IL), where they cost O(n) per
    /// iteration; a loop over different strings moves the per-string work into a method of its own;</item>
    /// <item>static constructors run in no dependency order across assemblies: a .cctor (or a method of
    /// the same assembly it calls) must not read another assembly's static field or static property;</item>
    /// <item>Convert.ToBase64String of an empty array returns garbage: library code uses its own encoder
    /// (tests may use it as an oracle, only in the methods listed in <see cref="Options.Base64OracleMethods"/>);</item>
    /// <item>a string literal cannot hold a lone surrogate (it becomes U+FFFD) or U+0000 (the string ends there).</item>
    /// </list>
    /// </summary>
    public static class DeviceRuntimeRules
    {
        /// <summary>Per-assembly settings.</summary>
        public sealed class Options
        {
            /// <summary>"Namespace.Type.Method" names allowed to call Convert.ToBase64String (test oracles).</summary>
            public ISet<string> Base64OracleMethods { get; } = new HashSet<string>(StringComparer.Ordinal);
        }

        /// <summary>O(n) per call on the device and wrong after a supplementary character.</summary>
        public const string IndexerRule = "O(n) per call on the device, wrong after a supplementary character (read the string once with ToCharArray)";

        /// <summary>Positions counted the broken way.</summary>
        public const string PositionRule = "wrong after a supplementary character on the device, O(n) per call (search a char[] instead)";

        /// <summary>Whole-string work per call inside a loop.</summary>
        public const string LoopRule = "converts the whole string on every call on the device, called inside a loop (hoist it, or move the per-string work into a method)";

        /// <summary>Static constructor ordering.</summary>
        public const string CctorRule = "static initialisation reads another assembly's static state, which the device may not have initialised yet (use a literal, a const or compute on first use)";

        /// <summary>Base64 of an empty array.</summary>
        public const string Base64Rule = "returns garbage for an empty array on the device (use DeviceAuth.Encoding.Base64Url)";

        /// <summary>Literals a device string cannot hold.</summary>
        public const string LiteralRule = "string literal the device cannot hold";

        private static readonly HashSet<string> PositionMembers = new(StringComparer.Ordinal)
        {
            "IndexOf(System.Char)", "IndexOf(System.Char,System.Int32)", "IndexOf(System.Char,System.Int32,System.Int32)",
            "IndexOf(System.String)", "IndexOf(System.String,System.Int32)", "IndexOf(System.String,System.Int32,System.Int32)",
            "IndexOfAny(System.Char[])", "IndexOfAny(System.Char[],System.Int32)", "IndexOfAny(System.Char[],System.Int32,System.Int32)",
            "LastIndexOf(System.Char)", "LastIndexOf(System.Char,System.Int32)", "LastIndexOf(System.Char,System.Int32,System.Int32)",
            "LastIndexOf(System.String)", "LastIndexOf(System.String,System.Int32)", "LastIndexOf(System.String,System.Int32,System.Int32)",
            "LastIndexOfAny(System.Char[])", "LastIndexOfAny(System.Char[],System.Int32)", "LastIndexOfAny(System.Char[],System.Int32,System.Int32)",
            "Contains(System.String)", "ToCharArray(System.Int32,System.Int32)",
        };

        private static readonly HashSet<string> WholeStringMembers = new(StringComparer.Ordinal)
        {
            "get_Length", "Substring(System.Int32)", "Substring(System.Int32,System.Int32)",
        };

        /// <summary>Every finding in <paramref name="assemblyPath"/>, one line each, sorted.</summary>
        public static IReadOnlyList<string> Check(string assemblyPath, Options options)
        {
            var findings = new SortedSet<string>(StringComparer.Ordinal);
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var provider = new DocIdProvider();
            var bodies = new Dictionary<MethodDefinitionHandle, List<IlInstruction>>();
            foreach (MethodDefinitionHandle h in md.MethodDefinitions)
            {
                MethodDefinition def = md.GetMethodDefinition(h);
                if (def.RelativeVirtualAddress != 0)
                {
                    bodies[h] = IlInstructions.Decode(pe.GetMethodBody(def.RelativeVirtualAddress));
                }
            }

            foreach (KeyValuePair<MethodDefinitionHandle, List<IlInstruction>> m in bodies)
            {
                string where = MethodName(md, m.Key);
                List<(int Start, int End)> loops = IlInstructions.Loops(m.Value);
                foreach (IlInstruction i in m.Value)
                {
                    if (IlInstructions.IsCall(i))
                    {
                        CheckCall(md, provider, i, loops, where, options, findings);
                    }
                    else if (i.OpCode == OpCodes.Ldstr)
                    {
                        string literal = md.GetUserString(MetadataTokens.UserStringHandle(i.Token & 0xFFFFFF));
                        string why = WhyDeviceCannotHold(literal);
                        if (why != null)
                        {
                            findings.Add(LiteralRule + " (" + why + "): " + Printable(literal) + " in " + where);
                        }
                    }
                }
            }

            foreach (MethodDefinitionHandle cctor in bodies.Keys.Where(h => md.GetString(md.GetMethodDefinition(h).Name) == ".cctor"))
            {
                CheckStaticInitialisation(md, provider, bodies, cctor, findings);
            }

            return findings.ToList();
        }

        private static void CheckCall(MetadataReader md, DocIdProvider provider, IlInstruction i, List<(int Start, int End)> loops, string where, Options options, SortedSet<string> findings)
        {
            if (!TryExternalMember(md, provider, IlInstructions.Handle(i), out string type, out string part))
            {
                return;
            }

            string id = "M:" + type + "." + part;
            if (type == "System.String")
            {
                if (part == "get_Chars(System.Int32)")
                {
                    findings.Add(IndexerRule + ": " + id + " in " + where);
                }
                else if (PositionMembers.Contains(part))
                {
                    findings.Add(PositionRule + ": " + id + " in " + where);
                }
                else if (WholeStringMembers.Contains(part) && loops.Any(l => i.Offset >= l.Start && i.Offset <= l.End))
                {
                    findings.Add(LoopRule + ": " + id + " at IL_" + i.Offset.ToString("x4") + " in " + where);
                }
            }
            else if (type == "System.Convert" && part.StartsWith("ToBase64String", StringComparison.Ordinal) && !options.Base64OracleMethods.Contains(StripSignature(where)))
            {
                findings.Add(Base64Rule + ": " + id + " in " + where);
            }
        }

        /// <summary>
        /// Walks the static constructor and every method of this assembly it can call (directly or
        /// not), reporting loads of external static fields and calls to external static property getters.
        /// </summary>
        private static void CheckStaticInitialisation(MetadataReader md, DocIdProvider provider, Dictionary<MethodDefinitionHandle, List<IlInstruction>> bodies, MethodDefinitionHandle cctor, SortedSet<string> findings)
        {
            string owner = DocIdProvider.TypeName(md, md.GetMethodDefinition(cctor).GetDeclaringType());
            var seen = new HashSet<MethodDefinitionHandle> { cctor };
            var work = new Stack<MethodDefinitionHandle>();
            work.Push(cctor);
            while (work.Count > 0)
            {
                MethodDefinitionHandle current = work.Pop();
                foreach (IlInstruction i in bodies.TryGetValue(current, out List<IlInstruction> code) ? code : new List<IlInstruction>())
                {
                    if (!IlInstructions.IsCall(i) && !IlInstructions.IsStaticFieldLoad(i))
                    {
                        continue;
                    }

                    EntityHandle target = IlInstructions.Handle(i);
                    if (IlInstructions.IsStaticFieldLoad(i) && target.Kind == HandleKind.MemberReference)
                    {
                        MemberReference field = md.GetMemberReference((MemberReferenceHandle)target);
                        findings.Add(CctorRule + ": F:" + ParentName(md, provider, field.Parent) + "." + md.GetString(field.Name) + " read by the static constructor of " + owner + Via(md, current, cctor));
                    }
                    else if (IlInstructions.IsCall(i) && target.Kind == HandleKind.MethodDefinition && seen.Add((MethodDefinitionHandle)target))
                    {
                        work.Push((MethodDefinitionHandle)target);
                    }
                    else if (IlInstructions.IsCall(i) && target.Kind == HandleKind.MemberReference)
                    {
                        MemberReference mr = md.GetMemberReference((MemberReferenceHandle)target);
                        string name = md.GetString(mr.Name);
                        if (name.StartsWith("get_", StringComparison.Ordinal) && !mr.DecodeMethodSignature(provider, null).Header.IsInstance)
                        {
                            findings.Add(CctorRule + ": M:" + ParentName(md, provider, mr.Parent) + "." + name + " called by the static constructor of " + owner + Via(md, current, cctor));
                        }
                    }
                }
            }
        }

        private static string Via(MetadataReader md, MethodDefinitionHandle current, MethodDefinitionHandle cctor) =>
            current == cctor ? string.Empty : " (in " + MethodName(md, current) + ")";

        /// <summary>Why a device string cannot hold <paramref name="s"/>, or null when it can.</summary>
        public static string WhyDeviceCannotHold(string s)
        {
            for (int k = 0; k < s.Length; k++)
            {
                char c = s[k];
                if (c == '\0')
                {
                    return "U+0000 at index " + k + ": the device string ends there";
                }

                if (char.IsHighSurrogate(c) && k + 1 < s.Length && char.IsLowSurrogate(s[k + 1]))
                {
                    k++;
                }
                else if (char.IsSurrogate(c))
                {
                    return "unpaired surrogate U+" + ((int)c).ToString("X4") + " at index " + k + ": the device stores U+FFFD";
                }
            }

            return null;
        }

        /// <summary>The literal with control characters and surrogates escaped, cut at 40 characters.</summary>
        public static string Printable(string s)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in s.Length > 40 ? s.Substring(0, 40) : s)
            {
                sb.Append(c < ' ' || char.IsSurrogate(c) || c > '~' ? "\\u" + ((int)c).ToString("x4") : c.ToString());
            }

            return sb.Append(s.Length > 40 ? "\"..." : "\"").ToString();
        }

        private static bool TryExternalMember(MetadataReader md, DocIdProvider provider, EntityHandle handle, out string type, out string part)
        {
            type = part = null;
            if (handle.Kind != HandleKind.MemberReference)
            {
                return false;
            }

            MemberReference mr = md.GetMemberReference((MemberReferenceHandle)handle);
            if (mr.GetKind() != MemberReferenceKind.Method || mr.Parent.Kind != HandleKind.TypeReference)
            {
                return false;
            }

            type = DocIdProvider.TypeName(md, (TypeReferenceHandle)mr.Parent);
            part = DocIdProvider.MethodPart(md.GetString(mr.Name), mr.DecodeMethodSignature(provider, null));
            return true;
        }

        private static string ParentName(MetadataReader md, DocIdProvider provider, EntityHandle parent) => parent.Kind switch
        {
            HandleKind.TypeReference => DocIdProvider.TypeName(md, (TypeReferenceHandle)parent),
            HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(provider, null),
            _ => "?",
        };

        /// <summary>"Namespace.Type.Method(Params)" of a method defined in the assembly.</summary>
        private static string MethodName(MetadataReader md, MethodDefinitionHandle h)
        {
            MethodDefinition def = md.GetMethodDefinition(h);
            return DocIdProvider.TypeName(md, def.GetDeclaringType()) + "." + DocIdProvider.MethodPart(md.GetString(def.Name), def.DecodeSignature(new DocIdProvider(), null));
        }

        private static string StripSignature(string method)
        {
            int open = method.IndexOf('(');
            return open < 0 ? method : method.Substring(0, open);
        }
    }
}
