using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceAuth.HostTests.Docs
{
    /// <summary>
    /// Declarations the sample sources need that the host lacks, so that they compile:
    /// the stated Wi-Fi/SNTP members (signatures copied from the nanoFramework sources of
    /// System.Device.Wifi and nanoFramework.Networking.Sntp), nanoFramework.Runtime.Native.GC.Run,
    /// the nanoFramework enums the samples touch (generated from the F: lines of ../shared/nano-api),
    /// and the device-only M2MqttTransport reduced to its public signatures, taken from its real
    /// source file so the stub cannot drift from it.
    /// </summary>
    internal static class SampleStubs
    {
        /// <summary>The doc IDs of the hand-written stub members (each must be a stated line or in the lists).</summary>
        public static readonly string[] DeclaredIds =
        {
            "T:nanoFramework.Networking.WifiNetworkHelper",
            "M:nanoFramework.Networking.WifiNetworkHelper.ConnectDhcp(System.String,System.String,System.Device.Wifi.WifiReconnectionKind,System.Boolean,System.Int32,System.Threading.CancellationToken)",
            "M:nanoFramework.Networking.WifiNetworkHelper.get_Status",
            "T:nanoFramework.Networking.Sntp",
            "M:nanoFramework.Networking.Sntp.Start",
            "M:nanoFramework.Networking.Sntp.UpdateNow",
            "T:System.IO.File",
            "M:System.IO.File.Exists(System.String)",
            "M:System.IO.File.ReadAllText(System.String)",
            "M:System.IO.File.ReadAllBytes(System.String)",
        };

        private const string HandWritten = @"
namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static bool ConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default) { throw null; }
        public static NetworkHelperStatus Status { get { throw null; } }
    }

    public static class Sntp
    {
        public static void Start() { }
        public static void UpdateNow() { }
    }
}

namespace System.Device.Wifi
{
    public enum WifiReconnectionKind { Automatic = 0, Manual = 1 }
}

namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        public static uint Run(bool compactHeap) { throw null; }
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    internal static class StubPlaceholder { }
}
";

        private static readonly (string List, string Enum)[] Enums =
        {
            ("System.Net", "nanoFramework.Networking.NetworkHelperStatus"),
            ("nanoFramework.M2Mqtt.Core", "nanoFramework.M2Mqtt.MqttSslProtocols"),
            ("nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.MqttProtocolVersion"),
            ("System.Net", "System.Net.Security.SslProtocols"),   // on .NET it lives in System.Security.Authentication
        };

        /// <summary>The stub source files (name, text).</summary>
        public static IEnumerable<(string Name, string Text)> Sources(string nanoApiFolder)
        {
            var sb = new StringBuilder(HandWritten);
            foreach ((string list, string enumName) in Enums)
            {
                string[] lines = File.ReadAllLines(Path.Combine(nanoApiFolder, list + ".txt"));
                var members = lines.Where(l => l.StartsWith("F:" + enumName + ".", StringComparison.Ordinal))
                    .Select(l => l.Substring(enumName.Length + 3))
                    .Where(m => m != "value__")
                    .ToList();
                if (members.Count == 0)
                {
                    throw new InvalidOperationException(enumName + " has no members in " + list + ".txt");
                }

                int dot = enumName.LastIndexOf('.');
                sb.Append("namespace ").Append(enumName.Substring(0, dot)).Append(" { public enum ").Append(enumName.Substring(dot + 1))
                  .Append(" { ").Append(string.Join(", ", members)).Append(" } }\n");
            }

            yield return ("stubs.cs", sb.ToString());
            yield return ("M2MqttTransport.signatures.cs", SignatureOnly(RepoPaths.InRepo("src", "DeviceAuth.Mqtt", "Device", "M2MqttTransport.cs")));
        }

        /// <summary>A source file reduced to its public signatures: non-public members dropped, bodies replaced by <c>throw null</c>, initializers removed.</summary>
        private static string SignatureOnly(string path)
        {
            CompilationUnitSyntax root = CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetCompilationUnitRoot();
            root = (CompilationUnitSyntax)new SignatureRewriter().Visit(root);
            return root.ToFullString();
        }

        private sealed class SignatureRewriter : CSharpSyntaxRewriter
        {
            private static readonly BlockSyntax Throw = SyntaxFactory.ParseStatement("{ throw null; }") as BlockSyntax;

            private static bool IsPublic(MemberDeclarationSyntax m) => m.Modifiers.Any(SyntaxKind.PublicKeyword);

            public override SyntaxNode VisitClassDeclaration(ClassDeclarationSyntax node)
            {
                var kept = node.Members.Where(IsPublic).Select(m => (MemberDeclarationSyntax)Visit(m));
                return node.WithMembers(SyntaxFactory.List(kept));
            }

            public override SyntaxNode VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
                node.WithBody(Throw).WithExpressionBody(null).WithSemicolonToken(default).WithInitializer(null);

            public override SyntaxNode VisitMethodDeclaration(MethodDeclarationSyntax node) =>
                node.WithBody(Throw).WithExpressionBody(null).WithSemicolonToken(default);

            public override SyntaxNode VisitPropertyDeclaration(PropertyDeclarationSyntax node)
            {
                var accessors = node.AccessorList?.Accessors.Select(a => a.WithBody(Throw).WithExpressionBody(null).WithSemicolonToken(default));
                PropertyDeclarationSyntax p = node.WithInitializer(null).WithSemicolonToken(default).WithExpressionBody(null);
                return accessors == null
                    ? p.WithAccessorList(SyntaxFactory.AccessorList(SyntaxFactory.SingletonList(SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Throw))))
                    : p.WithAccessorList(SyntaxFactory.AccessorList(SyntaxFactory.List(accessors)));
            }
        }
    }
}
