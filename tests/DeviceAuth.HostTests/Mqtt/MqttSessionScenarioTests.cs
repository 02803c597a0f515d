using System;
using System.Linq;
using System.Net.Sockets;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using Xunit;

namespace DeviceAuth.HostTests.Mqtt
{
    /// <summary>
    /// The MQTT session against a scripted broker on a virtual clock. Every scenario checks the same
    /// three things: attempts per minute stay under the cap, every CONNECT carries fresh credentials,
    /// and the session recovers once the peer does.
    /// </summary>
    public class MqttSessionScenarioTests
    {
        private static LifetimeOptions Options(int refresh = 86400, int disconnect = 86400) => new LifetimeOptions(refresh, disconnect);

        private static void AssertHealthy(MqttWorld w, bool checkMargin = true)
        {
            Assert.True(w.MaxAttemptsPerMinute() <= w.Lifetime.MaxAttemptsPerMinute, "attempts per minute " + w.MaxAttemptsPerMinute() + " over the cap");
            w.AssertCredentialsFresh(checkMargin);
            Assert.Equal(MqttSessionState.Connected, w.Session.State);
            Assert.True(w.Broker.IsConnected);
        }

        [Fact]
        public void Start_ConnectsAtOnce_WithFreshCredentials_AndSubscribes()
        {
            var w = new MqttWorld(Options());
            w.Session.Subscribe("cmd/device-0001", 1);
            w.Session.Start();
            w.RunFor(TimeSpan.FromSeconds(1));
            Assert.Single(w.Broker.Attempts);
            Assert.Equal(w.T0, w.Broker.Attempts[0].AtMs);
            Assert.Equal(new[] { "cmd/device-0001" }, w.Broker.SubscriptionsPerConnection[0]);
            AssertHealthy(w);
        }

        [Theory]
        [InlineData(4)]
        [InlineData(5)]
        public void ConnackRefused_RenewsOnce_ThenBacksOffOnTheLongPath_AndRecovers(int rc)
        {
            var w = new MqttWorld(Options());
            bool refuse = true;
            w.Broker.Behaviour = a => refuse ? rc : 0;
            w.At(TimeSpan.FromHours(2), () => refuse = false);
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(3));

            var refused = w.Broker.Attempts.Where(a => a.Outcome == "rc" + rc).ToList();
            Assert.True(refused.Count >= 3, "the device kept trying");
            Assert.Equal(1, w.Tokens.Renewals);
            Assert.NotSame(refused[0].Token, refused[1].Token);

            // After the renewed credentials were refused too, every wait is on the refusal path (>= 30 s floor).
            for (int i = 2; i < refused.Count; i++)
            {
                Assert.True(refused[i].AtMs - refused[i - 1].AtMs >= 30000, "refusal path wait too short");
            }

            // Two hours of refusals cost few attempts: exponential growth up to the 1 h cap.
            Assert.True(refused.Count <= 20, refused.Count + " attempts in 2 h");
            var recovered = w.Broker.Accepted.First();
            Assert.True(recovered.AtMs - (w.T0 + 7200000) <= 3600000 + 1000, "recovered within the refusal cap");
            AssertHealthy(w);
        }

        [Fact]
        public void HangUpMidSession_ReconnectsWithinTheFirstBackoffWindow_RestoresSubscriptions_FlushesTheQueue()
        {
            var w = new MqttWorld(Options());
            w.Session.Subscribe("cmd/a", 1);
            w.Session.Subscribe("cmd/b", 0);
            w.Session.Start();
            w.At(TimeSpan.FromMinutes(10), () => w.Broker.HangUp());
            w.At(TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(1), () =>
            {
                Assert.Equal(PublishResult.Queued, w.Session.Publish("telemetry", new byte[] { 1 }, 1, false));
                Assert.Equal(PublishResult.Queued, w.Session.Publish("telemetry", new byte[] { 2 }, 1, false));
            });
            w.RunFor(TimeSpan.FromMinutes(12));

            Assert.Equal(2, w.Broker.Accepted.Count());
            long gap = w.Broker.Accepted.ElementAt(1).AtMs - w.Broker.HangUps[0];
            Assert.InRange(gap, 1000, 30000);
            Assert.Equal(new[] { "cmd/a", "cmd/b" }, w.Broker.SubscriptionsPerConnection[1]);
            Assert.Equal(2, w.Broker.Published.Count);
            Assert.All(w.Broker.Published, p => Assert.True(p.At >= w.Broker.Accepted.ElementAt(1).AtMs));
            Assert.Equal(0, w.Session.QueuedMessages);
            AssertHealthy(w);
        }

        [Fact]
        public void DisconnectAfter_IsNeverReached_TheSessionReconnectsProactivelyWithJitter()
        {
            var w = new MqttWorld(Options(3600, 3600), tokenLifetimeSeconds: 7200);
            w.Broker.DisconnectAfterMs = 3600_000;
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(30));

            Assert.Empty(w.Broker.ServiceCuts);
            Assert.Empty(w.Broker.HangUps);
            var accepted = w.Broker.Accepted.ToList();
            Assert.True(accepted.Count >= 30, accepted.Count + " connections in 30 h with a 1 h cap");
            var lives = accepted.Zip(accepted.Skip(1), (a, b) => b.AtMs - a.AtMs).ToList();
            Assert.All(lives, l => Assert.True(l <= 3600_000 - 60_000, "connection outlived the margin"));

            // Planned reconnects land in the jitter window (last 900 s before the margin), spread out.
            var planned = lives.Skip(1).ToList();
            Assert.All(planned, l => Assert.InRange(l, 3540_000 - 900_000, 3540_000));
            Assert.True(planned.Distinct().Count() > planned.Count / 2, "reconnect instants are not jittered");
            Assert.Equal(accepted.Count - 1, w.Session.ProactiveReconnects);
            AssertHealthy(w);
        }

        [Fact]
        public void HangUpAtDisconnectAfter_WhenTheServiceCutsEarlierThanConfigured_RecoversWithBackoff()
        {
            // The authorizer returns disconnectAfter 1800 although the device was configured with 3600.
            var w = new MqttWorld(Options(3600, 3600), tokenLifetimeSeconds: 7200);
            w.Broker.DisconnectAfterMs = 1800_000;
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(10));

            Assert.NotEmpty(w.Broker.ServiceCuts);
            foreach (long cut in w.Broker.ServiceCuts)
            {
                var next = w.Broker.Attempts.First(a => a.AtMs >= cut);
                Assert.InRange(next.AtMs - cut, 1000, 300_000);
            }

            AssertHealthy(w);
        }

        [Fact]
        public void DnsFailure_BacksOff_AndConnectsWhenNamesResolveAgain()
        {
            var w = new MqttWorld(Options());
            bool dnsDown = true;
            w.Broker.Behaviour = a => dnsDown ? throw new SocketException((int)SocketError.HostNotFound) : 0;
            w.At(TimeSpan.FromMinutes(5), () => dnsDown = false);
            w.Session.Start();
            w.RunFor(TimeSpan.FromMinutes(15));

            var failed = w.Broker.Attempts.Where(a => a.Outcome == nameof(SocketException)).ToList();
            Assert.InRange(failed.Count, 3, 12);
            Assert.True(w.Statuses.Count(s => s.Status.Event == MqttSessionEvent.ConnectFailed) == failed.Count);
            Assert.Equal(1, w.Tokens.Mints);
            var first = w.Broker.Accepted.First();
            Assert.True(first.AtMs - (w.T0 + 300_000) <= 300_000, "recovered within the backoff cap");
            AssertHealthy(w);
        }

        [Fact]
        public void SignerThrowing_NeverReachesTheBroker_BacksOff_AndRecovers()
        {
            var w = new MqttWorld(Options());
            w.Tokens.Fail = true;
            w.At(TimeSpan.FromMinutes(3), () => w.Tokens.Fail = false);
            w.Session.Start();
            w.RunFor(TimeSpan.FromMinutes(10));

            var failures = w.Statuses.Where(s => s.Status.Event == MqttSessionEvent.CredentialsFailed).ToList();
            Assert.InRange(failures.Count, 2, 12);
            Assert.All(failures, f => Assert.DoesNotContain("signer failed", f.Status.ToString()));
            Assert.Equal("InvalidOperationException", failures[0].Status.Detail);

            // Attempts without credentials never reach the broker, yet they count against the cap.
            Assert.All(w.Broker.Attempts, a => Assert.True(a.AtMs >= w.T0 + 180_000));
            Assert.True(w.Session.ConnectAttempts <= w.Broker.Attempts.Count + failures.Count);
            var attemptTimes = w.Statuses.Where(s => s.Status.Event is MqttSessionEvent.CredentialsFailed or MqttSessionEvent.Connected).Select(s => s.At).ToList();
            for (int i = 6; i < attemptTimes.Count; i++)
            {
                Assert.True(attemptTimes[i] - attemptTimes[i - 6] >= 60_000, "more than 6 attempts in a minute");
            }

            AssertHealthy(w);
        }

        [Fact]
        public void SlowSigner_CredentialsArePreparedAhead_SoProactiveReconnectsNeverWaitForSigning()
        {
            // 1 h tokens, refresh every 300 s: every connection must be replaced before its token expires.
            var options = Options(300, 86400);
            options.ExpectedSigningSeconds = 15;
            var w = new MqttWorld(options, tokenLifetimeSeconds: 3600);
            w.Tokens.SigningMilliseconds = 12_000;
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(12));

            Assert.Empty(w.Broker.ServiceCuts);
            Assert.True(w.Session.ProactiveReconnects >= 11, w.Session.ProactiveReconnects + " proactive reconnects");
            Assert.True(w.Tokens.Mints >= 12);

            // Each proactive reconnect: the old connection closed and the new CONNECT went out at the same instant.
            foreach (long d in w.Broker.Disconnects)
            {
                Assert.Contains(w.Broker.Attempts, a => a.AtMs == d);
            }

            // Refresh every 300 s with 1 h tokens: no connection may still be open when its token (minus skew) expires.
            foreach (var a in w.Broker.Accepted)
            {
                Assert.True(a.Token.SecondsRemaining(a.TrueTime) >= options.MinimumConnectValiditySeconds);
            }

            Assert.True(w.Statuses.Count(s => s.Status.Event == MqttSessionEvent.CredentialsPrepared) >= 11);
            AssertHealthy(w);
        }

        [Fact]
        public void ClockSetBySntpAtBoot_DecadesForward_NoBurst_ConnectsOnce()
        {
            // The device boots believing it is 1970; its token source refuses to mint until the clock is set.
            var w = new MqttWorld(Options(), deviceWallStart: new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            w.Tokens.Fail = true;
            w.At(TimeSpan.FromSeconds(40), () =>
            {
                w.Time.JumpWall((long)(MqttWorld.Start.AddSeconds(40) - w.Time.UtcNow).TotalMilliseconds);
                w.Tokens.Fail = false;
            });
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(2));

            Assert.Single(w.Broker.Accepted);
            Assert.Equal(1, w.Tokens.Mints);
            Assert.True(w.Session.ConnectAttempts <= 6, w.Session.ConnectAttempts + " attempts");
            AssertHealthy(w);
        }

        [Fact]
        public void ClockJumps_WhileConnected_NeitherFireABurstNorPostponeTheReconnect()
        {
            // The device clock runs 5 h ahead; a bogus NTP answer throws it 30 years forward and back;
            // at 80 min SNTP corrects it back by 5 h. Deadlines live on the monotonic clock throughout.
            var w = new MqttWorld(Options(3600, 3600), tokenLifetimeSeconds: 7200, deviceWallStart: MqttWorld.Start.AddHours(5));
            w.Broker.DisconnectAfterMs = 3600_000;
            w.At(TimeSpan.FromMinutes(10), () => w.Time.JumpWall(TimeSpan.FromDays(365 * 30).Ticks / TimeSpan.TicksPerMillisecond));
            w.At(TimeSpan.FromMinutes(20), () => w.Time.JumpWall(-TimeSpan.FromDays(365 * 30).Ticks / TimeSpan.TicksPerMillisecond));
            w.At(TimeSpan.FromMinutes(80), () => w.Time.JumpWall(-TimeSpan.FromHours(5).Ticks / TimeSpan.TicksPerMillisecond));
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(6));

            Assert.Empty(w.Broker.ServiceCuts);
            Assert.True(w.MaxAttemptsPerMinute() <= 2, "a jump caused a burst of attempts");
            Assert.InRange(w.Broker.Accepted.Count(), 6, 13);
            AssertHealthy(w, checkMargin: false);
        }

        [Fact]
        public void BrokerDownForTenMinutes_AttemptsStayUnderTheCap_QueueIsBoundedAndFlushed_Recovers()
        {
            var w = new MqttWorld(Options());
            bool down = false;
            w.Broker.Behaviour = a => down ? throw new SocketException((int)SocketError.ConnectionRefused) : 0;
            w.Session.Subscribe("cmd/#", 1);
            w.Session.Start();
            w.At(TimeSpan.FromHours(1), () => { down = true; w.Broker.HangUp(); });
            for (int i = 0; i < 40; i++)
            {
                int n = i;
                w.At(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(10 * (n + 1)), () => w.Session.Publish("telemetry", new byte[100], 1, false));
            }

            w.At(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(10), () => down = false);
            w.RunFor(TimeSpan.FromHours(2));

            var during = w.Broker.Attempts.Where(a => a.AtMs > w.T0 + 3600_000 && a.AtMs < w.T0 + 4200_000).ToList();
            Assert.InRange(during.Count, 4, 20);
            var recovered = w.Broker.Accepted.Last();
            Assert.True(recovered.AtMs - (w.T0 + 4200_000) <= 300_000, "recovered within the transient cap");
            Assert.Equal(32, w.Broker.Published.Count);
            Assert.Equal(8, w.Session.DroppedMessages);
            Assert.Equal(new[] { "cmd/#" }, w.Broker.SubscriptionsPerConnection.Last());
            AssertHealthy(w);
        }

        [Fact]
        public void ConnectDropConnectLoop_KeepsBackingOff()
        {
            // The policy refresh fails a few seconds after every connect (pitfall 8).
            var w = new MqttWorld(Options());
            w.Broker.DisconnectAfterMs = 5_000;
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(1));
            Assert.True(w.MaxAttemptsPerMinute() <= 6);
            var gaps = w.Broker.Attempts.Zip(w.Broker.Attempts.Skip(1), (a, b) => b.AtMs - a.AtMs).ToList();
            Assert.True(gaps.Skip(8).Average() > 60_000, "the streak should have grown: mean gap " + gaps.Skip(8).Average());
        }

        [Fact]
        public void Stop_ClosesTheConnection_AndNoTickIsNeeded()
        {
            var w = new MqttWorld(Options());
            w.Session.Start();
            w.RunFor(TimeSpan.FromSeconds(5));
            w.Session.Stop();
            Assert.False(w.Broker.IsConnected);
            Assert.Equal(MqttSession.NoTickNeeded, w.Session.Tick());
            Assert.Equal(PublishResult.Queued, w.Session.Publish("t", new byte[1], 0, false));
        }
    }
}
