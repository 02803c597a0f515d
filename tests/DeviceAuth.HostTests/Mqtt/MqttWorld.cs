using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using DeviceAuth.Credentials;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Lifetime;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Mqtt
{
    /// <summary>One connection attempt as the scripted broker saw it.</summary>
    public sealed class BrokerAttempt
    {
        public long AtMs;
        public DateTime TrueTime;
        public MqttConnectCredentials Credentials;
        public AuthToken Token;
        public MqttProtocolLevel ProtocolLevel;
        public string Outcome;
    }

    /// <summary>
    /// A scripted MQTT broker behind <see cref="IMqttTransport"/>: a behaviour function decides each
    /// CONNECT (return code or exception), the broker cuts connections after DisconnectAfterMs like the
    /// service does, can hang up, records every attempt, subscription and publish. It judges time by a
    /// true clock (start + elapsed ticks) that the device's wall clock may disagree with.
    /// </summary>
    public sealed class ScriptedBroker : IMqttTransport
    {
        private readonly VirtualTime _time;
        private readonly DateTime _trueStart;
        private readonly long _tickStart;
        private readonly RecordingAuthorization _authorization;
        private IMqttTransportListener _listener;

        public ScriptedBroker(VirtualTime time, RecordingAuthorization authorization, DateTime trueStart)
        {
            _time = time;
            _authorization = authorization;
            _trueStart = trueStart;
            _tickStart = time.ElapsedMilliseconds;
        }

        public Func<BrokerAttempt, int> Behaviour = _ => 0;
        public long DisconnectAfterMs = long.MaxValue;
        public long ConnectedAtMs;
        public readonly List<BrokerAttempt> Attempts = new();
        public readonly List<long> ServiceCuts = new();
        public readonly List<long> HangUps = new();
        public readonly List<(long At, int Code)> ServerDisconnects = new();
        public readonly List<long> Disconnects = new();
        public readonly List<List<string>> SubscriptionsPerConnection = new();
        public readonly List<(long At, string Topic)> Published = new();

        /// <summary>Topics the client library refuses to send while connected (like M2Mqtt's wildcard check): Publish throws, the connection stays up.</summary>
        public Func<string, bool> RejectsPublish = _ => false;

        /// <summary>Filters the client library refuses while connected: Subscribe throws, the connection stays up.</summary>
        public Func<string, bool> RejectsSubscription = _ => false;

        /// <summary>How many coming Disconnect calls close the connection and then throw.</summary>
        public int DisconnectThrows;

        public DateTime TrueNow => _trueStart.AddMilliseconds(_time.ElapsedMilliseconds - _tickStart);

        public bool IsConnected { get; private set; }

        public long NextEventAt => IsConnected && DisconnectAfterMs != long.MaxValue ? ConnectedAtMs + DisconnectAfterMs : long.MaxValue;

        public IEnumerable<BrokerAttempt> Accepted => Attempts.Where(a => a.Outcome == "accepted");

        public void SetListener(IMqttTransportListener listener) => _listener = listener;

        public int Connect(MqttConnectCredentials credentials, MqttProtocolLevel protocolLevel, bool cleanSession, int keepAliveSeconds)
        {
            Assert.False(IsConnected, "CONNECT while the previous connection is still open");
            var attempt = new BrokerAttempt
            {
                AtMs = _time.ElapsedMilliseconds,
                TrueTime = TrueNow,
                Credentials = credentials,
                Token = _authorization.TokenFor(credentials),
                ProtocolLevel = protocolLevel,
            };
            Attempts.Add(attempt);
            int code;
            try
            {
                code = Behaviour(attempt);
            }
            catch (Exception e)
            {
                attempt.Outcome = e.GetType().Name;
                throw;
            }

            attempt.Outcome = code == 0 ? "accepted" : "rc" + code;
            if (code == 0)
            {
                IsConnected = true;
                ConnectedAtMs = _time.ElapsedMilliseconds;
                SubscriptionsPerConnection.Add(new List<string>());
            }

            return code;
        }

        public void Subscribe(string[] topics, byte[] qosLevels)
        {
            if (!IsConnected)
            {
                throw new IOException("not connected");
            }

            if (topics.Any(RejectsSubscription))
            {
                throw new ArgumentException("invalid topic filter");
            }

            SubscriptionsPerConnection[^1].AddRange(topics);
        }

        public void Unsubscribe(string[] topics)
        {
            if (!IsConnected)
            {
                throw new IOException("not connected");
            }
        }

        public void Publish(string topic, byte[] payload, byte qos, bool retain)
        {
            if (!IsConnected)
            {
                throw new IOException("not connected");
            }

            if (RejectsPublish(topic))
            {
                throw new ArgumentException("invalid topic");
            }

            Published.Add((_time.ElapsedMilliseconds, topic));
        }

        public void Disconnect()
        {
            if (IsConnected)
            {
                Disconnects.Add(_time.ElapsedMilliseconds);
            }

            IsConnected = false;
            if (DisconnectThrows > 0)
            {
                DisconnectThrows--;
                throw new IOException("socket error while closing");
            }
        }

        /// <summary>The reason code of the DISCONNECT the service sends at its disconnectAfter cut (MQTT 5), or -1 for a plain hang-up.</summary>
        public int CutReasonCode = MqttReasonCodes.None;

        /// <summary>The service's disconnectAfter cut, when due.</summary>
        public void Poll()
        {
            if (IsConnected && DisconnectAfterMs != long.MaxValue && _time.ElapsedMilliseconds >= ConnectedAtMs + DisconnectAfterMs)
            {
                IsConnected = false;
                ServiceCuts.Add(_time.ElapsedMilliseconds);
                _listener.OnConnectionLost(CutReasonCode);
            }
        }

        /// <summary>The broker sends an MQTT 5 DISCONNECT with <paramref name="code"/> and closes the connection.</summary>
        public void ServerDisconnect(int code)
        {
            if (IsConnected)
            {
                IsConnected = false;
                ServerDisconnects.Add((_time.ElapsedMilliseconds, code));
                _listener.OnConnectionLost(code);
            }
        }

        /// <summary>The broker drops the connection (network loss, policy refresh failed, outage).</summary>
        public void HangUp()
        {
            if (IsConnected)
            {
                IsConnected = false;
                HangUps.Add(_time.ElapsedMilliseconds);
                _listener.OnConnectionLost(MqttReasonCodes.None);
            }
        }
    }

    /// <summary>An <see cref="IMqttAuthorization"/> double that puts the token in the username and remembers which token each set of credentials carries.</summary>
    public sealed class RecordingAuthorization : IMqttAuthorization
    {
        private readonly Dictionary<MqttConnectCredentials, AuthToken> _tokens = new(ReferenceEqualityComparer.Instance);

        public int Compositions;

        public MqttConnectCredentials Compose(AuthToken token, string clientId)
        {
            Compositions++;
            var credentials = new MqttConnectCredentials(clientId, "?x-amz-customauthorizer-name=auth&token=" + token.Token, System.Text.Encoding.UTF8.GetBytes(token.TokenSignature ?? "none"));
            _tokens[credentials] = token;
            return credentials;
        }

        public AuthToken TokenFor(MqttConnectCredentials credentials) => _tokens[credentials];
    }

    /// <summary>A device (session + token source) and a scripted broker on one virtual clock, run event by event.</summary>
    public sealed class MqttWorld
    {
        public static readonly DateTime Start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

        public readonly VirtualTime Time;
        public readonly ScriptedTokenSource Tokens;
        public readonly RecordingAuthorization Authorization = new();
        public readonly ScriptedBroker Broker;
        public readonly MqttSession Session;
        public readonly LifetimeOptions Lifetime;
        public readonly List<(long At, MqttSessionStatus Status)> Statuses = new();
        private readonly SortedList<long, List<Action>> _script = new();

        public MqttWorld(LifetimeOptions lifetime, int tokenLifetimeSeconds = 3600, int seed = 1, DateTime? deviceWallStart = null, Action<MqttSessionOptions> configure = null)
        {
            Lifetime = lifetime;
            Time = new VirtualTime(deviceWallStart ?? Start, 1_000_000);
            Tokens = new ScriptedTokenSource(Time, tokenLifetimeSeconds);
            // The broker's clock is right even when the device's is not.
            Broker = new ScriptedBroker(Time, Authorization, Start);

            var options = new MqttSessionOptions("device-0001", lifetime);
            configure?.Invoke(options);
            Session = new MqttSession(Broker, Tokens, Authorization, options, Time, Time, new SystemRandomSource(seed));
            Session.StatusChanged += (s, st) => Statuses.Add((Time.ElapsedMilliseconds, st));
        }

        public long Now => Time.ElapsedMilliseconds;

        /// <summary>Exceptions that escaped Tick (counted when RunFor runs likeDriver).</summary>
        public int TickExceptions;

        public long T0 => 1_000_000;

        /// <summary>Schedules an action at T0 + offset.</summary>
        public void At(TimeSpan offset, Action action)
        {
            long at = T0 + (long)offset.TotalMilliseconds;
            if (!_script.TryGetValue(at, out var list))
            {
                _script[at] = list = new List<Action>();
            }

            list.Add(action);
        }

        /// <summary>Runs the world until T0 + duration: ticks the session when it asks, fires scripted events and the broker's cuts in time order.</summary>
        /// <param name="duration">How long, from T0.</param>
        /// <param name="likeDriver">Catch exceptions from Tick and wait 1 s, as MqttSessionDriver does (otherwise they fail the test).</param>
        public void RunFor(TimeSpan duration, bool likeDriver = false)
        {
            long end = T0 + (long)duration.TotalMilliseconds;
            int ticksAtSameInstant = 0;
            long lastInstant = -1;
            while (Now < end)
            {
                int wait;
                try
                {
                    wait = Session.Tick();
                }
                catch (Exception) when (likeDriver)
                {
                    TickExceptions++;
                    wait = 1000;
                }

                Assert.True(wait != 0 || Session.State != MqttSessionState.Connecting, "Tick asked to be called again at once while Connecting");
                if (Now == lastInstant)
                {
                    ticksAtSameInstant++;
                    Assert.True(ticksAtSameInstant < 50, "the session keeps asking for a tick at the same instant (tight loop)");
                }
                else
                {
                    ticksAtSameInstant = 0;
                    lastInstant = Now;
                }

                long next = wait < 0 ? end : Now + wait;
                if (_script.Count > 0 && _script.Keys[0] < next)
                {
                    next = _script.Keys[0];
                }

                if (Broker.NextEventAt < next)
                {
                    next = Broker.NextEventAt;
                }

                if (next > end)
                {
                    next = end;
                }

                if (next > Now)
                {
                    Time.Advance(next - Now);
                }

                Broker.Poll();
                while (_script.Count > 0 && _script.Keys[0] <= Now)
                {
                    var actions = _script.Values[0];
                    _script.RemoveAt(0);
                    foreach (var a in actions)
                    {
                        a();
                    }
                }
            }
        }

        /// <summary>Most connection attempts seen by the broker in any 60 s window.</summary>
        public int MaxAttemptsPerMinute()
        {
            var times = Broker.Attempts.Select(a => a.AtMs).OrderBy(t => t).ToList();
            int max = 0;
            for (int i = 0, j = 0; i < times.Count; i++)
            {
                while (times[i] - times[j] >= 60000)
                {
                    j++;
                }

                max = Math.Max(max, i - j + 1);
            }

            return max;
        }

        /// <summary>Every CONNECT carried a token that was valid (by the broker's clock) with at least the required margin, and a refused token was never presented again.</summary>
        public void AssertCredentialsFresh(bool checkMargin = true)
        {
            Assert.NotEmpty(Broker.Attempts);
            foreach (BrokerAttempt a in Broker.Attempts)
            {
                Assert.False(a.Token.IsExpiredAt(a.TrueTime), "an expired token was presented at " + a.AtMs);
                if (checkMargin)
                {
                    Assert.True(a.Token.SecondsRemaining(a.TrueTime) >= Lifetime.MinimumConnectValiditySeconds, "token presented with too little validity left");
                }
            }

            for (int i = 1; i < Broker.Attempts.Count; i++)
            {
                if (Broker.Attempts[i - 1].Outcome is "rc4" or "rc5")
                {
                    // The first retry after a refusal uses renewed credentials.
                    bool firstOfStreak = i < 2 || !(Broker.Attempts[i - 2].Outcome is "rc4" or "rc5");
                    if (firstOfStreak)
                    {
                        Assert.NotSame(Broker.Attempts[i - 1].Token, Broker.Attempts[i].Token);
                    }
                }
            }
        }
    }
}
