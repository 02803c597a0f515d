using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace DeviceAuth.HostTests.Mqtt
{
    /// <summary>
    /// The M2Mqtt adapter (src/DeviceAuth.Mqtt/Device/M2MqttTransport.cs) cannot be compiled here
    /// (nanoFramework.M2Mqtt is not on the registry this machine reaches), so its use of M2Mqtt is
    /// checked from the source text: every M2Mqtt type it names, every member it calls, reads, sets
    /// or subscribes to on a variable of an M2Mqtt type (with the call's argument count), every enum
    /// field and constructor, and the signatures of its event handlers must be in
    /// ../shared/nano-api/nanoFramework.M2Mqtt*.txt.
    /// </summary>
    public class M2MqttAdapterApiTests
    {
        private const string AdapterPath = "src/DeviceAuth.Mqtt/Device/M2MqttTransport.cs";

        /// <summary>The M2Mqtt API lists as ID lines.</summary>
        private static List<string> ApiLines()
        {
            string dir = RepoPaths.Shared("nano-api");
            var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "nanoFramework.M2Mqtt*.txt") : Array.Empty<string>();
            if (files.Length == 0)
            {
                RepoPaths.SkipOrFail("nano-api lists for nanoFramework.M2Mqtt not found in " + dir);
            }

            return files.SelectMany(File.ReadAllLines).Where(l => l.Length > 2).ToList();
        }

        /// <summary>Short type name -> full name, for every public M2Mqtt type.</summary>
        private static Dictionary<string, string> Types(List<string> lines)
        {
            var types = new Dictionary<string, string>();
            foreach (string l in lines.Where(l => l.StartsWith("T:", StringComparison.Ordinal)))
            {
                string full = l.Substring(2);
                string shortName = full.Substring(full.LastIndexOf('.') + 1);
                types.TryAdd(shortName, full);
            }

            return types;
        }

        /// <summary>Removes comments and the contents of string and char literals, keeping offsets stable enough for regexes.</summary>
        private static string StripCommentsAndLiterals(string code)
        {
            var sb = new StringBuilder(code.Length);
            for (int i = 0; i < code.Length; i++)
            {
                char c = code[i];
                if (c == '/' && i + 1 < code.Length && code[i + 1] == '/')
                {
                    while (i < code.Length && code[i] != '\n')
                    {
                        i++;
                    }

                    sb.Append('\n');
                }
                else if (c == '/' && i + 1 < code.Length && code[i + 1] == '*')
                {
                    i += 2;
                    while (i + 1 < code.Length && !(code[i] == '*' && code[i + 1] == '/'))
                    {
                        i++;
                    }

                    i++;
                }
                else if (c == '"' || c == '\'')
                {
                    sb.Append(c);
                    i++;
                    while (i < code.Length && code[i] != c)
                    {
                        if (code[i] == '\\')
                        {
                            i++;
                        }

                        i++;
                    }

                    sb.Append(c);
                }
                else
                {
                    sb.Append(c);
                }
            }

            return sb.ToString();
        }

        /// <summary>Number of arguments in the call whose '(' is at <paramref name="open"/>.</summary>
        private static int CountArguments(string code, int open)
        {
            int depth = 0;
            int commas = 0;
            bool any = false;
            for (int i = open; i < code.Length; i++)
            {
                char c = code[i];
                if (c == '(' || c == '[' || c == '{')
                {
                    depth++;
                }
                else if (c == ')' || c == ']' || c == '}')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return any ? commas + 1 : 0;
                    }
                }
                else if (c == ',' && depth == 1)
                {
                    commas++;
                }
                else if (!char.IsWhiteSpace(c) && depth == 1)
                {
                    any = true;
                }
            }

            throw new FormatException("unbalanced parentheses");
        }

        private static int ParameterCount(string id)
        {
            int open = id.IndexOf('(');
            if (open < 0)
            {
                return 0;
            }

            string inner = id.Substring(open + 1, id.LastIndexOf(')') - open - 1);
            int depth = 0, count = 1;
            foreach (char c in inner)
            {
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
                    count++;
                }
            }

            return count;
        }

        private static string[] ParameterTypes(string id)
        {
            int open = id.IndexOf('(');
            if (open < 0)
            {
                return Array.Empty<string>();
            }

            return id.Substring(open + 1, id.LastIndexOf(')') - open - 1).Split(',');
        }

        /// <summary>One use of the M2Mqtt API found in the source.</summary>
        public sealed record Use(string Description, Func<List<string>, bool> IsListed);

        /// <summary>Extracts every M2Mqtt use from C# source text.</summary>
        public static List<Use> ExtractUses(string source, List<string> lines)
        {
            string code = StripCommentsAndLiterals(source);
            Dictionary<string, string> types = Types(lines);
            var uses = new List<Use>();

            // Types named anywhere.
            var ownTypes = typeof(DeviceAuth.Mqtt.MqttSession).Assembly.GetTypes().Concat(typeof(DeviceAuth.IClock).Assembly.GetTypes()).Select(t => t.Name).ToHashSet();
            foreach (Match m in Regex.Matches(code, @"(?<![\w.])(Mqtt\w+)\b"))
            {
                string name = m.Groups[1].Value;
                if (ownTypes.Contains(name))
                {
                    continue;
                }

                uses.Add(new Use("type " + name, l => types.ContainsKey(name)));
            }

            // Variables, fields, parameters and methods whose type is an M2Mqtt type (any M2Mqtt type name,
            // not only Mqtt*: event arguments such as ConnectionClosedRequestEventArgs too).
            var typed = new Dictionary<string, string>();
            foreach (Match m in Regex.Matches(code, @"\b(?<type>[A-Z]\w*)(?<array>\[\])?\s+(?<name>[A-Za-z_]\w*)\s*(?<paren>\()?"))
            {
                string type = m.Groups["type"].Value;
                if (ownTypes.Contains(type) || !types.TryGetValue(type, out string full) || m.Groups["array"].Success)
                {
                    continue;
                }

                string name = m.Groups["name"].Value + (m.Groups["paren"].Success ? "()" : string.Empty);
                if (typed.TryGetValue(name, out string earlier) && earlier != full)
                {
                    // Names are not scoped here: one name for two M2Mqtt types would check members against the wrong one.
                    uses.Add(new Use("name " + name + " declared as both " + earlier + " and " + full, l => false));
                }

                typed[name] = full;
            }

            foreach (var (name, full) in typed)
            {
                string pattern = @"(?<![\w.])" + Regex.Escape(name) + @"\.(?<member>\w+)\s*(?<op>\(|\+=|-=|=(?!=))?";
                foreach (Match m in Regex.Matches(code, pattern))
                {
                    string member = m.Groups["member"].Value;
                    string op = m.Groups["op"].Value;
                    string prefix = "M:" + full + ".";
                    switch (op)
                    {
                        case "(":
                            int args = CountArguments(code, m.Groups["op"].Index);
                            uses.Add(new Use(full + "." + member + "/" + args, l => l.Any(x => x.StartsWith(prefix + member + (args == 0 ? string.Empty : "("), StringComparison.Ordinal) && (args == 0 ? x == prefix + member : ParameterCount(x) == args))));
                            break;
                        case "+=":
                            uses.Add(new Use(full + ".add_" + member, l => l.Any(x => x.StartsWith(prefix + "add_" + member + "(", StringComparison.Ordinal))));
                            break;
                        case "-=":
                            uses.Add(new Use(full + ".remove_" + member, l => l.Any(x => x.StartsWith(prefix + "remove_" + member + "(", StringComparison.Ordinal))));
                            break;
                        case "=":
                            uses.Add(new Use(full + ".set_" + member, l => l.Any(x => x.StartsWith(prefix + "set_" + member + "(", StringComparison.Ordinal))));
                            break;
                        default:
                            uses.Add(new Use(full + ".get_" + member, l => l.Contains(prefix + "get_" + member)));
                            break;
                    }
                }
            }

            // Enum fields and static members: Type.Member where Type is an M2Mqtt type.
            foreach (Match m in Regex.Matches(code, @"(?<![\w.])(?<type>Mqtt\w+)\.(?<member>\w+)"))
            {
                string type = m.Groups["type"].Value;
                string member = m.Groups["member"].Value;
                if (types.TryGetValue(type, out string full))
                {
                    uses.Add(new Use(full + "." + member, l => l.Contains("F:" + full + "." + member) || l.Any(x => x.StartsWith("M:" + full + "." + member, StringComparison.Ordinal))));
                }
            }

            // Constructors.
            foreach (Match m in Regex.Matches(code, @"\bnew\s+(?<type>Mqtt\w+)\s*\("))
            {
                string type = m.Groups["type"].Value;
                int args = CountArguments(code, m.Index + m.Length - 1);
                string full = types.TryGetValue(type, out string f) ? f : type;
                uses.Add(new Use(full + ".#ctor/" + args, l => l.Any(x => x.StartsWith("M:" + full + ".#ctor", StringComparison.Ordinal) && (args == 0 ? !x.Contains('(') : ParameterCount(x) == args))));
            }

            // Event handlers: the method subscribed must take exactly the delegate's parameters.
            foreach (Match m in Regex.Matches(code, @"(?<target>\w+)\.(?<evt>\w+)\s*\+=\s*(?<handler>\w+)\s*;"))
            {
                string target = m.Groups["target"].Value;
                string evt = m.Groups["evt"].Value;
                string handler = m.Groups["handler"].Value;
                if (!typed.TryGetValue(target, out string full))
                {
                    continue;
                }

                Match decl = Regex.Match(code, @"\bvoid\s+" + Regex.Escape(handler) + @"\s*\((?<ps>[^)]*)\)");
                string[] declared = decl.Success
                    ? decl.Groups["ps"].Value.Split(',').Select(p => p.Trim().Split(' ')[0]).Select(t => t == "object" ? "System.Object" : t == "EventArgs" ? "System.EventArgs" : types.TryGetValue(t, out string ft) ? ft : t).ToArray()
                    : Array.Empty<string>();
                uses.Add(new Use("handler " + handler + " for " + full + "." + evt + "(" + string.Join(",", declared) + ")", l =>
                {
                    string add = l.FirstOrDefault(x => x.StartsWith("M:" + full + ".add_" + evt + "(", StringComparison.Ordinal));
                    if (add == null)
                    {
                        return false;
                    }

                    string delegateType = ParameterTypes(add)[0];
                    string invoke = l.FirstOrDefault(x => x.StartsWith("M:" + delegateType + ".Invoke(", StringComparison.Ordinal));
                    return invoke != null && ParameterTypes(invoke).SequenceEqual(declared);
                }));
            }

            return uses;
        }

        [Fact]
        public void Adapter_UsesOnlyListedM2MqttMembers()
        {
            List<string> lines = ApiLines();
            string source = File.ReadAllText(RepoPaths.InRepo(AdapterPath));
            List<Use> uses = ExtractUses(source, lines);
            var missing = uses.Where(u => !u.IsListed(lines)).Select(u => u.Description).Distinct().ToList();
            Assert.True(missing.Count == 0, "M2Mqtt members used by the adapter but not on the device:\n" + string.Join("\n", missing));
        }

        [Fact]
        public void Extraction_FindsEveryCallTheAdapterMakes()
        {
            // Guards the extractor itself: if it silently found nothing, the test above could not fail.
            List<string> lines = ApiLines();
            var found = ExtractUses(File.ReadAllText(RepoPaths.InRepo(AdapterPath)), lines).Select(u => u.Description).ToHashSet();
            string[] expected =
            {
                "nanoFramework.M2Mqtt.MqttClient.#ctor/6",
                "nanoFramework.M2Mqtt.MqttClient.Connect/10",
                "nanoFramework.M2Mqtt.MqttClient.Subscribe/2",
                "nanoFramework.M2Mqtt.MqttClient.Unsubscribe/1",
                "nanoFramework.M2Mqtt.MqttClient.Publish/6",
                "nanoFramework.M2Mqtt.MqttClient.Disconnect/0",
                "nanoFramework.M2Mqtt.MqttClient.Dispose/0",
                "nanoFramework.M2Mqtt.MqttClient.get_IsConnected",
                "nanoFramework.M2Mqtt.MqttClient.set_ProtocolVersion",
                "nanoFramework.M2Mqtt.MqttClient.add_ConnectionClosed",
                "nanoFramework.M2Mqtt.MqttClient.remove_ConnectionClosed",
                "nanoFramework.M2Mqtt.MqttClient.add_ConnectionClosedRequest",
                "nanoFramework.M2Mqtt.MqttClient.remove_ConnectionClosedRequest",
                "nanoFramework.M2Mqtt.Messages.ConnectionClosedRequestEventArgs.get_Message",
                "nanoFramework.M2Mqtt.Messages.MqttMsgDisconnect.get_ResonCode",
                "nanoFramework.M2Mqtt.MqttClient.add_MqttMsgPublishReceived",
                "nanoFramework.M2Mqtt.MqttClient.remove_MqttMsgPublishReceived",
                "nanoFramework.M2Mqtt.Messages.MqttMsgPublishEventArgs.get_Topic",
                "nanoFramework.M2Mqtt.Messages.MqttMsgPublishEventArgs.get_Message",
                "nanoFramework.M2Mqtt.Messages.MqttQoSLevel.AtMostOnce",
                "nanoFramework.M2Mqtt.Messages.MqttReasonCode.Success",
                "nanoFramework.M2Mqtt.MqttProtocolVersion.Version_3_1_1",
                "nanoFramework.M2Mqtt.MqttProtocolVersion.Version_5",
                "handler OnConnectionClosed for nanoFramework.M2Mqtt.MqttClient.ConnectionClosed(System.Object,System.EventArgs)",
                "handler OnConnectionClosedRequest for nanoFramework.M2Mqtt.MqttClient.ConnectionClosedRequest(System.Object,nanoFramework.M2Mqtt.Messages.ConnectionClosedRequestEventArgs)",
                "handler OnPublishReceived for nanoFramework.M2Mqtt.MqttClient.MqttMsgPublishReceived(System.Object,nanoFramework.M2Mqtt.Messages.MqttMsgPublishEventArgs)",
            };
            var notFound = expected.Where(e => !found.Contains(e)).ToList();
            Assert.True(notFound.Count == 0, "not extracted:\n" + string.Join("\n", notFound) + "\nextracted:\n" + string.Join("\n", found.OrderBy(x => x)));
        }

        [Fact]
        public void Adapter_ChecksCredentialsBeforeAnyIo_AndTakesAResolvedEndpoint()
        {
            // The checks themselves run on the host (M2MqttChecksTests); here: the adapter applies them first.
            string code = File.ReadAllText(RepoPaths.InRepo(AdapterPath));
            int connect = code.IndexOf("public int Connect(", StringComparison.Ordinal);
            Assert.True(connect > 0);
            int check = code.IndexOf("M2MqttChecks.PasswordText(credentials)", connect, StringComparison.Ordinal);
            int disconnect = code.IndexOf("Disconnect();", connect, StringComparison.Ordinal);
            int newClient = code.IndexOf("new MqttClient(", connect, StringComparison.Ordinal);
            Assert.True(check > 0, "Connect does not call M2MqttChecks.PasswordText");
            Assert.True(check < disconnect && check < newClient, "the password is checked after network I/O starts");
            Assert.DoesNotContain("Encoding.UTF8.GetString", code);
            Assert.Matches(@"public M2MqttTransport\(ConnectionTarget target, X509Certificate caCert, MqttSslProtocols sslProtocols\)\s*:\s*this\(M2MqttChecks\.ServerNameFor\(target\), target\.Port, true,", code);
        }

        [Theory]
        [InlineData("MqttClient c = null; c.Reconnect();", "nanoFramework.M2Mqtt.MqttClient.Reconnect/0")]
        [InlineData("MqttClient c = null; c.Connect(\"id\", \"u\", \"p\", true);", "nanoFramework.M2Mqtt.MqttClient.Connect/4")]
        [InlineData("MqttClient c = null; c.KeepAlivePeriod = 3;", "nanoFramework.M2Mqtt.MqttClient.set_KeepAlivePeriod")]
        [InlineData("var q = MqttQoSLevel.Twice;", "nanoFramework.M2Mqtt.Messages.MqttQoSLevel.Twice")]
        [InlineData("var c = new MqttClient(\"h\", 1);", "nanoFramework.M2Mqtt.MqttClient.#ctor/2")]
        [InlineData("MqttClient c = null; c.ConnectionClosed += H; void H(object s) { }", "handler H for nanoFramework.M2Mqtt.MqttClient.ConnectionClosed(System.Object)")]
        [InlineData("MqttWebSocketChannel w = null;", "type MqttWebSocketChannel")]
        [InlineData("ConnectionClosedRequestEventArgs e = null; var x = e.Reason;", "nanoFramework.M2Mqtt.Messages.ConnectionClosedRequestEventArgs.get_Reason")]
        [InlineData("MqttMsgDisconnect d = null; var x = d.ReasonCode;", "nanoFramework.M2Mqtt.Messages.MqttMsgDisconnect.get_ReasonCode")]
        [InlineData("void A(MqttMsgPublishEventArgs e) { } void B(ConnectionClosedRequestEventArgs e) { }", "name e declared as both nanoFramework.M2Mqtt.Messages.MqttMsgPublishEventArgs and nanoFramework.M2Mqtt.Messages.ConnectionClosedRequestEventArgs")]
        public void Check_RejectsWhatTheDeviceLacks(string snippet, string expected)
        {
            List<string> lines = ApiLines();
            var missing = ExtractUses(snippet, lines).Where(u => !u.IsListed(lines)).Select(u => u.Description).ToList();
            Assert.Contains(expected, missing);
        }

        /// <summary>Members through which a server's reason string, user properties or server reference (any text the service chose) could be read.</summary>
        private static readonly string[] TextFromTheServer = { "Reason", "UserProperties", "ServerReference", "ResponseInformation", "AuthenticationData", "AuthenticationMethod" };

        private static List<string> ServerTextReads(string source)
        {
            string code = StripCommentsAndLiterals(source);
            return TextFromTheServer.Where(m => Regex.IsMatch(code, @"\.\s*" + m + @"\b")).ToList();
        }

        [Fact]
        public void Adapter_NeverReadsReasonStringsOrUserProperties()
        {
            // Only a DISCONNECT's reason code reaches the session; what the server wrote in text is never read.
            var reads = ServerTextReads(File.ReadAllText(RepoPaths.InRepo(AdapterPath)));
            Assert.True(reads.Count == 0, "the adapter reads text the server chose: " + string.Join(", ", reads));
            Assert.Contains("message.ResonCode", StripCommentsAndLiterals(File.ReadAllText(RepoPaths.InRepo(AdapterPath))));
        }

        [Theory]
        [InlineData("MqttMsgDisconnect m = e.Message; Log(m.Reason);", "Reason")]
        [InlineData("foreach (var p in e.Message.UserProperties) { }", "UserProperties")]
        [InlineData("string s = connack.ServerReference;", "ServerReference")]
        public void ServerTextCheck_CanFail(string snippet, string member)
        {
            Assert.Contains(member, ServerTextReads(snippet));
            Assert.Empty(ServerTextReads("// m.Reason in a comment\nstring s = \"x.Reason\"; int c = (int)m.ResonCode;"));
        }

        [Fact]
        public void Adapter_MapsBothProtocolLevels_AndPassesTheDisconnectCodeOn()
        {
            string code = StripCommentsAndLiterals(File.ReadAllText(RepoPaths.InRepo(AdapterPath)));
            Assert.Matches(@"MqttProtocolLevel\.Mqtt5\)\s*\{\s*return MqttProtocolVersion\.Version_5;", code);
            Assert.Matches(@"MqttProtocolLevel\.Mqtt311\)\s*\{\s*return MqttProtocolVersion\.Version_3_1_1;", code);
            Assert.Matches(@"client\.ProtocolVersion = version;", code);
            Assert.Matches(@"listener\.OnConnectionLost\(code\);", code);
            Assert.DoesNotMatch(@"OnConnectionLost\(\)", code);
        }
    }
}
