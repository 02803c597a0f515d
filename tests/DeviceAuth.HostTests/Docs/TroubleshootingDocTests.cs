using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceAuth.Credentials;
using DeviceAuth.Encoding;
using DeviceAuth.Endpoints;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Lifetime;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Docs
{
    /// <summary>
    /// docs/troubleshooting.md quotes, for each pitfall of CUSTOM-AUTH.md, what the library says. Each
    /// quoted line (in the ```text blocks of a "## Pitfall N" section) must be produced, character for
    /// character, by running the library into that pitfall here (exception type and message, or a
    /// session status report; "&lt;n&gt;" stands for a number that varies), and each exception message
    /// must be made of string literals that exist in src/ (plus the scenario's own values), so neither
    /// the doc nor the code can change without the other.
    /// </summary>
    public class TroubleshootingDocTests
    {
        private const long Now = 1748736000L;   // 2025-06-01T00:00:00Z
        private const string DefaultEndpoint = "abc123-ats.iot.eu-west-1.amazonaws.com";

        /// <summary>Values the scenarios put into messages (allowed between source literals).</summary>
        private static readonly string[] ScenarioValues = { DefaultEndpoint, "x-amz-customauthorizer-name", "2025-06-01T00:00:00Z", "2025-06-01T02:00:00Z", "1970-01-01T00:00:05Z" };

        /// <summary>What the library produces when driven into each pitfall.</summary>
        private static Dictionary<int, List<string>> Produced()
        {
            var p = new Dictionary<int, List<string>>();
            for (int i = 1; i <= 8; i++)
            {
                p[i] = new List<string>();
            }

            // 1. A second '?' in the username.
            var composer = new AwsIotMqttAuthorization("device-authorizer", "token", false, new ManualClock(Now));
            p[1].Add(Thrown(() => composer.UsernamePrefix = "user?SDK=x"));
            p[1].Add(Thrown(() => composer.AddUsernameParameter("x-amz-customauthorizer-name", "other")));

            // 2. Raw MQTT custom auth on 443 needs ALPN.
            p[2].Add(Thrown(() => ServiceEndpoint.IotDefaultDataEndpoint(DefaultEndpoint).Resolve(TransportProtocol.Mqtt, 443)));
            p[2].Add(Thrown(() => ServiceEndpoint.IotDomainConfiguration(DefaultEndpoint, IotAuthenticationType.CustomAuth, IotApplicationProtocol.Default).Resolve(TransportProtocol.Mqtt, 443)));

            // 3. A signature encoded twice (or not Base64 at all).
            p[3].Add(Thrown(() => composer.Compose(new AuthToken("tok", "a%2B%2Fb%2BA%3D%3D", DateTime.MinValue, AuthToken.NoExpiry), "thing-42")));

            // 4. Replaying an expired token; minting with an unset clock.
            var expired = new StaticTokenSource(new AuthToken("tok", "c2ln", UnixTime.FromSeconds(Now - 3600), UnixTime.FromSeconds(Now)), new ManualClock(Now + 7200));
            p[4].Add(Thrown(() => expired.GetToken(60)));
            var unset = new DeviceSignedTokenSource("thing-42", FakeSigner.Rs256(), new ManualClock(5), new CountingRandom(), 3600);
            p[4].Add(Thrown(() => unset.GetToken(60)));
            p[4].AddRange(SessionReports(new ScriptedTransport(0), new StaticTokenSource(new AuthToken("tok", "c2ln", UnixTime.FromSeconds(Now - 3600), UnixTime.FromSeconds(Now)), new ManualClock(Now + 7200))));

            // 5. Base64url signatures padded naively.
            p[5].Add(Thrown(() => Base64Url.ToStandardBase64("abcde")));
            p[5].Add(Thrown(() => composer.Compose(new AuthToken("tok", "a-_b", DateTime.MinValue, AuthToken.NoExpiry), "thing-42")));

            // 6. Policy without iot:Connect (and 7: a Lambda that fails) both end in CONNACK 5, or a hang-up.
            List<string> refused = SessionReports(new ScriptedTransport(5, 5, 5), null);
            p[6].AddRange(refused);
            p[7].AddRange(refused);
            p[7].AddRange(SessionReports(new ScriptedTransport(-1, -1), null));

            // 7 with MQTT 5: CONNACK 0x80 (unspecified error, what a failing authorizer may get) backs off longer.
            p[7].AddRange(SessionReports(new ScriptedTransport(0x80, 0x80), null, protocolLevel: MqttProtocolLevel.Mqtt5));

            // 8. Disconnects minutes after connecting.
            var flaky = new ScriptedTransport(0, 0);
            p[8].AddRange(SessionReports(flaky, null, afterConnect: t => t.Drop()));

            // 8 with MQTT 5: the cut names its reason, 0x87 (refresh refused) or 0xA0 (maximum connect time).
            p[8].AddRange(SessionReports(new ScriptedTransport(0, 0), null, afterConnect: t => t.Drop(0x87), protocolLevel: MqttProtocolLevel.Mqtt5));
            p[8].AddRange(SessionReports(new ScriptedTransport(0, 0), null, afterConnect: t => t.Drop(0xA0), protocolLevel: MqttProtocolLevel.Mqtt5));
            return p;
        }

        private static string Thrown(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                return e.GetType().FullName + ": " + e.Message;
            }

            throw new InvalidOperationException("the scenario did not throw");
        }

        /// <summary>Runs a session on a virtual clock against a scripted transport and returns its status reports.</summary>
        private static List<string> SessionReports(ScriptedTransport transport, ITokenSource tokens, Action<ScriptedTransport> afterConnect = null, MqttProtocolLevel protocolLevel = MqttProtocolLevel.Mqtt311)
        {
            var time = new VirtualTime(UnixTime.FromSeconds(Now), 1_000_000);
            tokens ??= new DeviceSignedTokenSource("thing-42", FakeSigner.Rs256(), time, new CountingRandom(), 3600);
            var session = new MqttSession(
                transport,
                tokens,
                new AwsIotMqttAuthorization("device-authorizer", "token", false, time),
                new MqttSessionOptions("thing-42", new LifetimeOptions(3600, 86400)) { ProtocolLevel = protocolLevel },
                time,
                time,
                new CountingRandom());
            var lines = new List<string>();
            session.StatusChanged += (s, status) => lines.Add(status.ToString());
            session.Start();
            for (int i = 0; i < 40 && lines.Count < 12; i++)
            {
                int wait = session.Tick();
                if (session.State == MqttSessionState.Connected && afterConnect != null)
                {
                    time.Advance(300_000);
                    afterConnect(transport);
                    afterConnect = null;
                    continue;
                }

                time.Advance(wait < 0 ? 1000 : Math.Max(wait, 1));
            }

            session.Stop();
            return lines;
        }

        [Fact]
        public void EveryPitfall_HasASection_WithQuotesTheLibraryReallyProduces()
        {
            string doc = File.ReadAllText(RepoPaths.InRepo("docs", "troubleshooting.md"));
            Dictionary<int, List<string>> produced = Produced();
            foreach (KeyValuePair<int, List<string>> kv in produced)
            {
                foreach (string line in kv.Value)
                {
                    TestContext.Current.TestOutputHelper?.WriteLine($"pitfall {kv.Key}: {line}");
                }
            }

            Dictionary<int, List<string>> quoted = Quotes(doc);
            Assert.Equal(Enumerable.Range(1, 8), quoted.Keys.OrderBy(k => k));
            foreach (KeyValuePair<int, List<string>> kv in quoted)
            {
                Assert.True(kv.Value.Count > 0, "pitfall " + kv.Key + " quotes nothing the library says");
                foreach (string quote in kv.Value)
                {
                    var pattern = new Regex("^" + Regex.Escape(quote).Replace("<n>", "-?[0-9]+") + "$");
                    Assert.True(produced[kv.Key].Any(pattern.IsMatch), $"pitfall {kv.Key}: the doc quotes\n  {quote}\nbut the library produces:\n  " + string.Join("\n  ", produced[kv.Key]));
                }
            }
        }

        [Fact]
        public void QuotedExceptionMessages_AreMadeOfStringLiteralsInTheSource()
        {
            string doc = File.ReadAllText(RepoPaths.InRepo("docs", "troubleshooting.md"));
            var literals = new HashSet<string>(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(RepoPaths.InRepo("src"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("DeviceAuth.Cli")))
            {
                foreach (Match m in Regex.Matches(File.ReadAllText(file), "\"((?:[^\"\\\\\\n]|\\\\.)*)\""))
                {
                    literals.Add(m.Groups[1].Value.Replace("\\\"", "\"").Replace("\\\\", "\\"));
                }
            }

            int checkedCount = 0;
            foreach (string quote in Quotes(doc).Values.SelectMany(v => v).Where(q => Regex.IsMatch(q, @"^[\w.]+Exception: ")))
            {
                string message = quote.Substring(quote.IndexOf(": ", StringComparison.Ordinal) + 2);
                Assert.True(Covered(message, literals), "not made of source literals: " + message);
                checkedCount++;
            }

            Assert.True(checkedCount >= 8, "too few exception quotes checked: " + checkedCount);
        }

        /// <summary>True when <paramref name="message"/> is a concatenation of source literals (at least 80% of its characters), scenario values and numbers.</summary>
        private static bool Covered(string message, HashSet<string> literals)
        {
            int n = message.Length;
            var best = new int[n + 1];   // most literal characters covering message[0..i), or -1
            Array.Fill(best, -1);
            best[0] = 0;
            var lengths = literals.Where(l => l.Length > 0).GroupBy(l => l[0]).ToDictionary(g => g.Key, g => g.ToList());
            for (int i = 0; i < n; i++)
            {
                if (best[i] < 0)
                {
                    continue;
                }

                if (lengths.TryGetValue(message[i], out List<string> candidates))
                {
                    foreach (string l in candidates)
                    {
                        if (i + l.Length <= n && string.CompareOrdinal(message, i, l, 0, l.Length) == 0)
                        {
                            best[i + l.Length] = Math.Max(best[i + l.Length], best[i] + l.Length);
                        }
                    }
                }

                foreach (string v in ScenarioValues)
                {
                    if (i + v.Length <= n && string.CompareOrdinal(message, i, v, 0, v.Length) == 0)
                    {
                        best[i + v.Length] = Math.Max(best[i + v.Length], best[i]);
                    }
                }

                int j = i;
                while (j < n && char.IsDigit(message[j]))
                {
                    j++;
                }

                if (j > i)
                {
                    best[j] = Math.Max(best[j], best[i]);
                }
            }

            return best[n] >= 0 && best[n] >= 0.8 * (n - ScenarioValues.Sum(v => Regex.Matches(message, Regex.Escape(v)).Count * v.Length) - Regex.Matches(message, "[0-9]").Count);
        }

        /// <summary>The quoted lines of each "## Pitfall N" section (lines of its ```text blocks; "# ..." comments removed).</summary>
        private static Dictionary<int, List<string>> Quotes(string doc)
        {
            var result = new Dictionary<int, List<string>>();
            int current = 0;
            bool inText = false;
            foreach (string raw in doc.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                Match h = Regex.Match(line, @"^## Pitfall (\d+)\b");
                if (h.Success)
                {
                    current = int.Parse(h.Groups[1].Value);
                    result[current] = new List<string>();
                    continue;
                }

                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    current = 0;
                }

                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    inText = !inText && line.Trim() == "```text";
                    continue;
                }

                if (inText && current > 0 && line.Trim().Length > 0)
                {
                    int comment = line.IndexOf("   # ", StringComparison.Ordinal);
                    result[current].Add((comment >= 0 ? line.Substring(0, comment) : line).TrimEnd());
                }
            }

            return result;
        }

        /// <summary>Answers connects from a script: a CONNACK code (0 accepted), or -1 for a hang-up (IOException).</summary>
        private sealed class ScriptedTransport : IMqttTransport
        {
            private readonly Queue<int> _script;
            private IMqttTransportListener _listener;

            public ScriptedTransport(params int[] script)
            {
                _script = new Queue<int>(script);
            }

            public bool IsConnected { get; private set; }

            public void SetListener(IMqttTransportListener listener) => _listener = listener;

            public int Connect(MqttConnectCredentials credentials, MqttProtocolLevel protocolLevel, bool cleanSession, int keepAliveSeconds)
            {
                int code = _script.Count > 0 ? _script.Dequeue() : -1;
                if (code < 0)
                {
                    throw new IOException("connection closed by the peer");
                }

                IsConnected = code == 0;
                return code;
            }

            public void Drop(int reasonCode = MqttReasonCodes.None)
            {
                IsConnected = false;
                _listener?.OnConnectionLost(reasonCode);
            }

            public void Subscribe(string[] topics, byte[] qosLevels)
            {
            }

            public void Unsubscribe(string[] topics)
            {
            }

            public void Publish(string topic, byte[] payload, byte qos, bool retain)
            {
            }

            public void Disconnect() => IsConnected = false;
        }
    }
}
