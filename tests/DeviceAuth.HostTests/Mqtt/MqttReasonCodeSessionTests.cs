using System;
using System.Collections.Generic;
using System.Linq;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using Xunit;

namespace DeviceAuth.HostTests.Mqtt
{
    /// <summary>
    /// Every CONNACK code and every server DISCONNECT reason code through a real session on the virtual
    /// clock: the decision it reports and what it then does (when it tries again, with which credentials,
    /// or that it stops). The expected decisions are written out here, independently of
    /// <see cref="ReasonCodePolicy"/>, as in docs/session-lifetime.md.
    /// </summary>
    public class MqttReasonCodeSessionTests
    {
        private const ReasonCodeDecision Reconnect = ReasonCodeDecision.Reconnect;
        private const ReasonCodeDecision Renew = ReasonCodeDecision.RenewCredentials;
        private const ReasonCodeDecision Longer = ReasonCodeDecision.BackOffLonger;
        private const ReasonCodeDecision Planned = ReasonCodeDecision.PlannedReconnect;
        private const ReasonCodeDecision Takeover = ReasonCodeDecision.SessionTakenOver;
        private const ReasonCodeDecision Halt = ReasonCodeDecision.Halt;
        private const ReasonCodeDecision Config = ReasonCodeDecision.ConfigurationError;

        public static TheoryData<int, ReasonCodeDecision> ConnackCodes() => new()
        {
            { 1, Config }, { 2, Config }, { 3, Longer }, { 4, Renew }, { 5, Renew },
            { 0x80, Longer }, { 0x81, Config }, { 0x82, Config }, { 0x83, Longer }, { 0x84, Config },
            { 0x85, Config }, { 0x86, Renew }, { 0x87, Renew }, { 0x88, Longer }, { 0x89, Longer },
            { 0x8A, Halt }, { 0x8C, Config }, { 0x90, Config }, { 0x95, Config }, { 0x97, Longer },
            { 0x99, Config }, { 0x9A, Config }, { 0x9B, Config }, { 0x9C, Longer }, { 0x9D, Config },
            { 0x9F, Longer },
        };

        public static TheoryData<int, ReasonCodeDecision> DisconnectCodes() => new()
        {
            { 0x00, Reconnect }, { 0x80, Reconnect }, { 0x81, Config }, { 0x82, Config }, { 0x83, Longer },
            { 0x87, Renew }, { 0x89, Longer }, { 0x8B, Reconnect }, { 0x8D, Reconnect }, { 0x8E, Takeover },
            { 0x8F, Longer }, { 0x90, Longer }, { 0x93, Longer }, { 0x94, Longer }, { 0x95, Longer },
            { 0x96, Longer }, { 0x97, Longer }, { 0x98, Longer }, { 0x99, Longer }, { 0x9A, Longer },
            { 0x9B, Longer }, { 0x9C, Longer }, { 0x9D, Config }, { 0x9E, Longer }, { 0x9F, Longer },
            { 0xA0, Planned }, { 0xA1, Longer }, { 0xA2, Longer },
        };

        private static LifetimeOptions Options()
        {
            // No spread: the first connection lives close to a day, so the scripted DISCONNECT finds it up.
            return new LifetimeOptions(86400, 86400) { SpreadUnplannedConnections = false };
        }

        private static MqttProtocolLevel LevelFor(int connackCode) => connackCode <= 5 ? MqttProtocolLevel.Mqtt311 : MqttProtocolLevel.Mqtt5;

        [Theory]
        [MemberData(nameof(ConnackCodes))]
        public void Connack_EachCode_ReportsItsDecision_AndTakesItsPath(int code, ReasonCodeDecision expected)
        {
            var w = new MqttWorld(Options(), tokenLifetimeSeconds: 7200, configure: o => o.ProtocolLevel = LevelFor(code));
            int connects = 0;
            w.Broker.Behaviour = a => connects++ == 0 ? code : 0;
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(2));

            Assert.All(w.Broker.Attempts, a => Assert.Equal(LevelFor(code), a.ProtocolLevel));
            MqttSessionStatus refusal = w.Statuses.Select(s => s.Status).First(s => s.ReturnCode == code);
            Assert.Equal(expected, refusal.Decision);
            Assert.Equal("rc" + code, w.Broker.Attempts[0].Outcome);
            if (ReasonCodePolicy.Stops(expected))
            {
                Assert.Equal(MqttSessionEvent.Halted, refusal.Event);
                Assert.Equal(MqttSessionState.Stopped, w.Session.State);
                Assert.Equal(code, w.Session.HaltReasonCode);
                Assert.Single(w.Broker.Attempts);
                Assert.Equal(MqttSession.NoTickNeeded, w.Session.Tick());
                return;
            }

            long gap = w.Broker.Attempts[1].AtMs - w.Broker.Attempts[0].AtMs;
            if (expected == Renew)
            {
                Assert.Equal(MqttSessionEvent.Refused, refusal.Event);
                Assert.Equal(1, w.Tokens.Renewals);
                Assert.NotSame(w.Broker.Attempts[0].Token, w.Broker.Attempts[1].Token);
                Assert.InRange(gap, 1000, 30000);
            }
            else
            {
                Assert.Equal(Longer, expected);
                Assert.Equal(MqttSessionEvent.ConnectFailed, refusal.Event);
                Assert.Equal(0, w.Tokens.Renewals);
                Assert.Same(w.Broker.Attempts[0].Token, w.Broker.Attempts[1].Token);
                Assert.InRange(gap, 30000, 120000);
            }

            Assert.Equal(MqttSessionState.Connected, w.Session.State);
            Assert.Equal(MqttReasonCodes.None, w.Session.HaltReasonCode);
        }

        [Theory]
        [MemberData(nameof(DisconnectCodes))]
        public void Disconnect_EachCode_ReportsItsDecision_AndTakesItsPath(int code, ReasonCodeDecision expected)
        {
            var w = new MqttWorld(Options(), tokenLifetimeSeconds: 7200, configure: o => o.ProtocolLevel = MqttProtocolLevel.Mqtt5);
            w.Session.Start();
            w.At(TimeSpan.FromHours(1), () => w.Broker.ServerDisconnect(code));
            w.RunFor(TimeSpan.FromHours(3));

            long cut = w.T0 + 3600_000;
            Assert.Equal(new[] { (cut, code) }, w.Broker.ServerDisconnects);
            MqttSessionStatus lost = w.Statuses.Single(s => s.At == cut).Status;
            Assert.Equal(code, lost.ReturnCode);
            Assert.Equal(1, w.Session.ConnectionsLost);
            BrokerAttempt next = w.Broker.Attempts.FirstOrDefault(a => a.AtMs >= cut);
            if (ReasonCodePolicy.Stops(expected))
            {
                Assert.Equal(MqttSessionEvent.Halted, lost.Event);
                Assert.Equal(expected, lost.Decision);
                Assert.Null(next);
                Assert.Equal(MqttSessionState.Stopped, w.Session.State);
                Assert.Equal(code, w.Session.HaltReasonCode);
                return;
            }

            Assert.Equal(MqttSessionEvent.ConnectionLost, lost.Event);
            Assert.Equal(expected, lost.Decision);
            Assert.NotNull(next);
            long gap = next.AtMs - cut;
            switch (expected)
            {
                case Reconnect:
                    Assert.InRange(gap, 1000, 30000);
                    Assert.Equal(0, w.Tokens.Renewals);
                    break;
                case Renew:
                    Assert.InRange(gap, 1000, 30000);
                    Assert.Equal(1, w.Tokens.Renewals);
                    Assert.NotSame(w.Broker.Attempts[0].Token, next.Token);
                    break;
                case Planned:
                    Assert.InRange(gap, 0, 30000);
                    Assert.Equal(0, w.Tokens.Renewals);
                    Assert.Equal(0, lost.ConsecutiveFailures);
                    break;
                case Takeover:
                    Assert.InRange(gap, 30000, 120000);
                    Assert.Equal(1, w.Session.SessionTakeovers);
                    break;
                default:
                    Assert.Equal(Longer, expected);
                    Assert.InRange(gap, 30000, 120000);
                    Assert.Equal(0, w.Tokens.Renewals);
                    break;
            }

            Assert.Equal(MqttSessionState.Connected, w.Session.State);
            Assert.Equal(2, w.Broker.Accepted.Count());
            Assert.False(next.Token.IsExpiredAt(next.TrueTime));
        }

        [Fact]
        public void Disconnect_NotAuthorized_ThenRefusedAgain_RenewsOnlyOnce_ThenTheRefusalPath()
        {
            // The policy refresh refused the credentials (DISCONNECT 0x87) and the renewed ones are refused too.
            var w = new MqttWorld(Options(), tokenLifetimeSeconds: 7200, configure: o => o.ProtocolLevel = MqttProtocolLevel.Mqtt5);
            bool refuse = false;
            w.Broker.Behaviour = a => refuse ? MqttReasonCodes.NotAuthorized : 0;
            w.At(TimeSpan.FromHours(1), () => { refuse = true; w.Broker.ServerDisconnect(MqttReasonCodes.NotAuthorized); });
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(2));

            Assert.Equal(1, w.Tokens.Renewals);
            var refused = w.Broker.Attempts.Where(a => a.Outcome == "rc135").ToList();
            Assert.True(refused.Count >= 3);
            for (int i = 1; i < refused.Count; i++)
            {
                Assert.True(refused[i].AtMs - refused[i - 1].AtMs >= 30000, "refusal path wait too short");
            }
        }

        [Fact]
        public void Throttled_Incident_BacksOffOnTheLongerPath_WithinTheAttemptCap_AndRecovers()
        {
            // 20 minutes of CONNACK 0x9F (connection rate exceeded) after a hang-up.
            var w = new MqttWorld(Options(), tokenLifetimeSeconds: 7200, configure: o => o.ProtocolLevel = MqttProtocolLevel.Mqtt5);
            bool throttled = false;
            w.Broker.Behaviour = a => throttled ? MqttReasonCodes.ConnectionRateExceeded : 0;
            w.At(TimeSpan.FromHours(1), () => { throttled = true; w.Broker.HangUp(); });
            w.At(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(20), () => throttled = false);
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(3));

            var refused = w.Broker.Attempts.Where(a => a.Outcome == "rc159").ToList();
            Assert.InRange(refused.Count, 3, 15);
            for (int i = 1; i < refused.Count; i++)
            {
                Assert.True(refused[i].AtMs - refused[i - 1].AtMs >= 30000, "throttled wait under the 30 s floor");
            }

            Assert.Equal(0, w.Tokens.Renewals);
            Assert.True(w.Broker.Accepted.Last().AtMs - (w.T0 + 4800_000) <= 600_000 + 1000, "recovered within the throttled cap");
            Assert.Equal(MqttSessionState.Connected, w.Session.State);
        }

        [Fact]
        public void MaximumConnectTime_EarlierThanConfigured_ReconnectsPromptly_WithoutAFailureStreak()
        {
            // The service's disconnectAfter is 1800 s although the device was told 3600 s: each cut comes as 0xA0.
            var w = new MqttWorld(new LifetimeOptions(3600, 3600), tokenLifetimeSeconds: 7200, configure: o => o.ProtocolLevel = MqttProtocolLevel.Mqtt5);
            w.Broker.DisconnectAfterMs = 1800_000;
            w.Broker.CutReasonCode = MqttReasonCodes.MaximumConnectTime;
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(10));

            Assert.True(w.Broker.ServiceCuts.Count >= 3, w.Broker.ServiceCuts.Count + " cuts");
            foreach (long cut in w.Broker.ServiceCuts)
            {
                BrokerAttempt next = w.Broker.Attempts.First(a => a.AtMs >= cut);
                Assert.InRange(next.AtMs - cut, 0, 30000);
                Assert.Equal("accepted", next.Outcome);
            }

            var cuts = w.Statuses.Where(s => s.Status.ReturnCode == MqttReasonCodes.MaximumConnectTime).Select(s => s.Status).ToList();
            Assert.Equal(w.Broker.ServiceCuts.Count, cuts.Count);
            Assert.All(cuts, s => Assert.Equal(ReasonCodeDecision.PlannedReconnect, s.Decision));
            Assert.All(cuts, s => Assert.Equal(0, s.ConsecutiveFailures));
            Assert.Equal(MqttSessionState.Connected, w.Session.State);
            w.AssertCredentialsFresh();
        }

        [Fact]
        public void StatusReports_CarryCodesAndTypeNamesOnly()
        {
            var w = new MqttWorld(Options(), tokenLifetimeSeconds: 7200, configure: o => o.ProtocolLevel = MqttProtocolLevel.Mqtt5);
            int n = 0;
            w.Broker.Behaviour = a => n++ switch { 0 => MqttReasonCodes.ServerBusy, 1 => MqttReasonCodes.NotAuthorized, _ => 0 };
            w.At(TimeSpan.FromHours(1), () => w.Broker.ServerDisconnect(MqttReasonCodes.Banned));
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(2));

            var lines = w.Statuses.Select(s => s.Status.ToString()).ToList();
            Assert.Contains(lines, l => l.StartsWith("MqttSessionStatus(ConnectFailed, rc 137, failures 1, next ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("MqttSessionStatus(Refused, rc 135, failures 2, next ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("MqttSessionStatus(Halted, rc 138, ", StringComparison.Ordinal));
            foreach (string line in lines)
            {
                Assert.DoesNotContain("token-", line);
                Assert.DoesNotContain("customauthorizer", line);
            }
        }
    }
}
