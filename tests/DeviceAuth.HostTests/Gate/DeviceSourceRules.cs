using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceAuth.HostTests.Gate
{
    /// <summary>
    /// The rules of <see cref="DeviceRuntimeRules"/> for device code the host cannot build into IL:
    /// files listed only in an .nfproj (the M2Mqtt adapter, the keep-alive switch, the samples). The
    /// file is compiled with Roslyn against .NET and the library's host build; its nanoFramework-only
    /// types do not bind, but every string, Convert and static-member use does, and those are what the
    /// rules look at. "In a loop" is syntactic here: inside a for/foreach/while/do statement.
    /// </summary>
    public static class DeviceSourceRules
    {
        private static readonly HashSet<string> PositionMembers = new(StringComparer.Ordinal)
        {
            "IndexOf", "IndexOfAny", "LastIndexOf", "LastIndexOfAny", "Contains",
        };

        /// <summary>Findings in the C# file at <paramref name="path"/>.</summary>
        public static IReadOnlyList<string> Check(string path) => CheckText(Path.GetFileName(path), File.ReadAllText(path));

        /// <summary>Findings in <paramref name="text"/>, reported under <paramref name="name"/>.</summary>
        public static IReadOnlyList<string> CheckText(string name, string text)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.CSharp9), name);
            var compilation = CSharpCompilation.Create("device-source", new[] { tree }, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            SemanticModel model = compilation.GetSemanticModel(tree);
            var findings = new SortedSet<string>(StringComparer.Ordinal);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                string where = " at " + name + ":" + (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
                string rule = Rule(model, node);
                if (rule != null)
                {
                    findings.Add(rule + where);
                }
            }

            return findings.ToList();
        }

        private static string Rule(SemanticModel model, SyntaxNode node)
        {
            switch (node)
            {
                case ElementAccessExpressionSyntax e when IsString(model, e.Expression):
                    return DeviceRuntimeRules.IndexerRule + ": " + e;
                case InvocationExpressionSyntax i when model.GetSymbolInfo(i).Symbol is IMethodSymbol m:
                    return CallRule(m, i);
                case MemberAccessExpressionSyntax a when a.Name.Identifier.Text == "Length" && IsString(model, a.Expression) && InLoop(a):
                    return DeviceRuntimeRules.LoopRule + ": " + a;
                case LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression) && DeviceRuntimeRules.WhyDeviceCannotHold(l.Token.ValueText) is string why:
                    return DeviceRuntimeRules.LiteralRule + " (" + why + ")";
                case IdentifierNameSyntax id when InStaticInitialisation(id) && model.GetSymbolInfo(id).Symbol is ISymbol s && IsExternalStatic(s, model.Compilation):
                    return DeviceRuntimeRules.CctorRule + ": " + s.ContainingType.ToDisplayString() + "." + s.Name;
                default:
                    return null;
            }
        }

        private static string CallRule(IMethodSymbol m, InvocationExpressionSyntax call)
        {
            string type = m.ContainingType.ToDisplayString();
            if (type == "string" && (PositionMembers.Contains(m.Name) || (m.Name == "ToCharArray" && m.Parameters.Length == 2)))
            {
                return DeviceRuntimeRules.PositionRule + ": " + call;
            }

            if (type == "string" && m.Name == "Substring" && InLoop(call))
            {
                return DeviceRuntimeRules.LoopRule + ": " + call;
            }

            return type == "System.Convert" && m.Name == "ToBase64String" ? DeviceRuntimeRules.Base64Rule + ": " + call : null;
        }

        private static bool IsString(SemanticModel model, ExpressionSyntax e) => model.GetTypeInfo(e).Type?.SpecialType == SpecialType.System_String;

        private static bool InLoop(SyntaxNode node) =>
            node.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax).Any(a => a is ForStatementSyntax || a is ForEachStatementSyntax || a is WhileStatementSyntax || a is DoStatementSyntax);

        /// <summary>Inside a static field's initializer or a static constructor.</summary>
        private static bool InStaticInitialisation(SyntaxNode node)
        {
            MemberDeclarationSyntax member = node.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault();
            return (member is FieldDeclarationSyntax f && f.Modifiers.Any(SyntaxKind.StaticKeyword) && !f.Modifiers.Any(SyntaxKind.ConstKeyword))
                || (member is ConstructorDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.StaticKeyword))
                || (member is PropertyDeclarationSyntax p && p.Modifiers.Any(SyntaxKind.StaticKeyword) && p.Initializer != null && p.Initializer.Span.Contains(node.Span));
        }

        private static bool IsExternalStatic(ISymbol s, Compilation compilation) =>
            s.IsStatic && (s is IFieldSymbol field && !field.IsConst || s is IPropertySymbol)
            && !SymbolEqualityComparer.Default.Equals(s.ContainingAssembly, compilation.Assembly);

        private static IEnumerable<MetadataReference> References()
        {
            var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator).ToList();
            paths.Add(typeof(DeviceAuth.IClock).Assembly.Location);
            paths.Add(typeof(DeviceAuth.Mqtt.MqttSession).Assembly.Location);
            paths.Add(typeof(DeviceAuth.Http.HttpSession).Assembly.Location);
            return paths.Distinct().Select(p => MetadataReference.CreateFromFile(p));
        }
    }
}
