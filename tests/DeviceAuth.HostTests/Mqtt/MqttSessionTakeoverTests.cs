using System;
using System.Collections.Generic;
using System.Linq;
using DeviceAuth.Credentials;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Lifetime;
using Xunit;

namespace DeviceAuth.HostTests.Mqtt
{
    /// <summary>
    /// Two devices configured with the same client id against one broker that, like AWS IoT Core, accepts
    /// each new connection and ends the older one (MQTT 5: DISCONNECT 0x8E, session taken over; MQTT 3.1.1:
    /// a hang-up). Both sessions run on one virtual clock.
    /// </summary>
    public class MqttSessionTakeoverTests
    {
        /// <summary>One client id, one connection: each CONNECT takes the connection over from the other transport.</summary>
        private sealed class TwinBroker
        {
            public readonly List<(long At, int Victim)> Takeovers = new();
            public readonly List<(long At, int Device)> Connects = new();
            public readonly Twin[] Twins = new Twin[2];
        }

        private sealed class Twin : IMqttTransport
        {
            private readonly TwinBroker _broker;
            private readonly VirtualTime _time;
            private readonly int _index;
            private IMqttTransportListener _listener;

            public Twin(TwinBroker broker, VirtualTime time, int index)
            {
                _broker = broker;
                _time = time;
                _index = index;
                broker.Twins[index] = this;
            }

            public MqttProtocolLevel Level;

            public bool IsConnected { get; private set; }

            public void SetListener(IMqttTransportListener listener) => _listener = listener;

            public int Connect(MqttConnectCredentials credentials, MqttProtocolLevel protocolLevel, bool cleanSession, int keepAliveSeconds)
            {
                Level = protocolLevel;
                Twin other = _broker.Twins[1 - _index];
                if (other.IsConnected)
                {
                    _broker.Takeovers.Add((_time.ElapsedMilliseconds, 1 - _index));
                    other.TakenOver();
                }

                IsConnected = true;
                _broker.Connects.Add((_time.ElapsedMilliseconds, _index));
                return 0;
            }

            private void TakenOver()
            {
                IsConnected = false;
                _listener.OnConnectionLost(Level == MqttProtocolLevel.Mqtt5 ? MqttReasonCodes.SessionTakenOver : MqttReasonCodes.None);
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

        private sealed class Fleet
        {
            public readonly VirtualTime Time = new VirtualTime(MqttWorld.Start, 1_000_000);
            public readonly TwinBroker Broker = new TwinBroker();
            public readonly MqttSession[] Sessions = new MqttSession[2];
            public readonly List<(long At, int Device, MqttSessionStatus Status)> Statuses = new();

            public Fleet(MqttProtocolLevel level, int maxTakeoversPerHour)
            {
                for (int i = 0; i < 2; i++)
                {
                    int device = i;
                    var options = new MqttSessionOptions("shared-client-id", new LifetimeOptions(86400, 86400))
                    {
                        ProtocolLevel = level,
                        MaxSessionTakeoversPerHour = maxTakeoversPerHour,
                    };
                    var transport = new Twin(Broker, Time, i);
                    Sessions[i] = new MqttSession(transport, new ScriptedTokenSource(Time, 7200), new RecordingAuthorization(), options, Time, Time, new SystemRandomSource(17 + i));
                    Sessions[i].StatusChanged += (s, st) => Statuses.Add((Time.ElapsedMilliseconds, device, st));
                }
            }

            public long T0 => 1_000_000;

            /// <summary>Starts device 0, device 1 a minute later, and runs both until T0 + duration.</summary>
            public void RunFor(TimeSpan duration)
            {
                long end = T0 + (long)duration.TotalMilliseconds;
                var due = new long[] { T0, T0 + 60_000 };
                var started = new bool[2];
                int sameInstant = 0;
                while (true)
                {
                    long now = Time.ElapsedMilliseconds;
                    Assert.True(sameInstant++ < 50, "the sessions keep asking for ticks at the same instant");
                    int takeovers = Broker.Takeovers.Count;
                    for (int i = 0; i < 2; i++)
                    {
                        if (due[i] > now)
                        {
                            continue;
                        }

                        if (!started[i])
                        {
                            started[i] = true;
                            Sessions[i].Start();
                        }

                        int wait = Sessions[i].Tick();
                        due[i] = wait < 0 ? long.MaxValue : now + wait;
                        if (Broker.Takeovers.Count > takeovers)
                        {
                            // The other session heard of the takeover on the broker's thread: it needs a tick now.
                            due[1 - i] = Math.Min(due[1 - i], now);
                            takeovers = Broker.Takeovers.Count;
                        }
                    }

                    long next = Math.Min(due[0], due[1]);
                    if (next > now)
                    {
                        if (next >= end)
                        {
                            Time.Advance(end - now);
                            return;
                        }

                        Time.Advance(next - now);
                        sameInstant = 0;
                    }
                }
            }

            /// <summary>Most takeovers of <paramref name="device"/> (or of either, -1) in any 60-minute window.</summary>
            public int MaxTakeoversPerHour(int device)
            {
                var times = Broker.Takeovers.Where(t => device < 0 || t.Victim == device).Select(t => t.At).ToList();
                int max = 0;
                for (int i = 0, j = 0; i < times.Count; i++)
                {
                    while (times[i] - times[j] >= 3600_000)
                    {
                        j++;
                    }

                    max = Math.Max(max, i - j + 1);
                }

                return max;
            }
        }

        [Theory]
        [InlineData(3)]
        [InlineData(1)]
        [InlineData(0)]
        public void TwoDevicesOneClientId_Mqtt5_BoundedTakeovers_ThenOneConnected_TheOtherHalted(int maxPerHour)
        {
            var f = new Fleet(MqttProtocolLevel.Mqtt5, maxPerHour);
            f.RunFor(TimeSpan.FromHours(6));

            // Each device suffers at most the bound plus the takeover that halts it; together at most 2N + 1.
            Assert.InRange(f.MaxTakeoversPerHour(0), 0, maxPerHour + 1);
            Assert.InRange(f.MaxTakeoversPerHour(1), 0, maxPerHour + 1);
            Assert.InRange(f.Broker.Takeovers.Count, 1, 2 * maxPerHour + 1);

            // The documented end state: exactly one session connected, the other stopped by a Halted report (0x8E).
            MqttSession connected = f.Sessions.Single(s => s.State == MqttSessionState.Connected);
            MqttSession halted = f.Sessions.Single(s => s.State == MqttSessionState.Stopped);
            Assert.Equal(MqttReasonCodes.SessionTakenOver, halted.HaltReasonCode);
            Assert.Equal(maxPerHour + 1, halted.SessionTakeovers);
            Assert.Equal(MqttReasonCodes.None, connected.HaltReasonCode);
            int haltedIndex = Array.IndexOf(f.Sessions, halted);
            var halt = f.Statuses.Single(s => s.Device == haltedIndex && s.Status.Event == MqttSessionEvent.Halted);
            Assert.Equal(ReasonCodeDecision.Halt, halt.Status.Decision);
            Assert.Equal(MqttReasonCodes.SessionTakenOver, halt.Status.ReturnCode);

            // After the halt the halted device never connects again and nobody takes anything over; the
            // connected one carries on (its own proactive reconnects are not takeovers).
            Assert.DoesNotContain(f.Broker.Connects, c => c.Device == haltedIndex && c.At > halt.At);
            Assert.True(f.Broker.Takeovers.Last().At <= halt.At);
            Assert.True(f.Time.ElapsedMilliseconds - halt.At >= 3 * 3600_000);

            // Every takeover but the halting one was followed by the longer (throttled) wait, never an immediate reconnect.
            foreach (var lost in f.Statuses.Where(s => s.Status.Event == MqttSessionEvent.ConnectionLost))
            {
                Assert.Equal(ReasonCodeDecision.SessionTakenOver, lost.Status.Decision);
                Assert.InRange(lost.Status.NextAttemptInMilliseconds, 30000, 600000);
            }
        }

        [Fact]
        public void TwoDevicesOneClientId_Mqtt311_TheTakeoverLooksLikeAHangUp_TheyKeepFighting()
        {
            // Why MQTT 5 matters here: without a reason code the session cannot tell a takeover from a
            // network loss, so both devices keep taking the connection from each other, paced only by backoff.
            var f = new Fleet(MqttProtocolLevel.Mqtt311, 3);
            f.RunFor(TimeSpan.FromHours(6));

            Assert.All(f.Sessions, s => Assert.Equal(0, s.SessionTakeovers));
            Assert.True(f.Broker.Takeovers.Count > 50, f.Broker.Takeovers.Count + " takeovers in 6 h");
            Assert.True(f.Broker.Takeovers.Last().At > f.T0 + 5 * 3600_000, "the fight went on to the end");
            Assert.DoesNotContain(f.Statuses, s => s.Status.Event == MqttSessionEvent.Halted);
        }
    }
}
