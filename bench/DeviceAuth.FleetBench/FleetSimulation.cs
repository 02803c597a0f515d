using System;
using System.Collections.Generic;
using System.IO;
using DeviceAuth.Credentials;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using DeviceAuth.Tokens;

namespace DeviceAuth.FleetBench
{
    /// <summary>What to simulate.</summary>
    public sealed class FleetConfig
    {
        public int Devices = 10_000;
        public int RefreshAfterInSeconds = 86400;
        public int DisconnectAfterInSeconds = 86400;
        public int TokenLifetimeSeconds = 2 * 86400;
        public long DurationMs = 3L * 86400_000;
        public long OutageStartMs = -1;
        public long OutageDurationMs = 600_000;
        public int Seed = 20260301;

        /// <summary>Start of an incident (ms; -1: none): every connection is hung up, then connects are refused at random for <see cref="IncidentDurationMs"/>.</summary>
        public long IncidentStartMs = -1;
        public long IncidentDurationMs = 600_000;

        /// <summary>During the incident a CONNECT is refused with IncidentCodes[k] with probability IncidentProbabilities[k]; otherwise accepted.</summary>
        public int[] IncidentCodes = new int[0];
        public double[] IncidentProbabilities = new double[0];

        /// <summary>The incident's refusals reach the device as hang-ups (IOException, no code) instead of CONNACK codes.</summary>
        public bool IncidentAsHangUps;

        /// <summary>The protocol level every session asks for.</summary>
        public MqttProtocolLevel ProtocolLevel = MqttProtocolLevel.Mqtt311;

        /// <summary>Adjusts the lifetime options of every device (null: library defaults).</summary>
        public Action<LifetimeOptions> Configure;
    }

    /// <summary>What happened, as instants on the virtual clock (ms).</summary>
    public sealed class FleetResult
    {
        public readonly List<long> Attempts = new();
        public readonly List<long> Connects = new();
        public readonly List<int> ConnectDevices = new();
        public readonly List<long> Proactive = new();
        public int ServiceCuts;
        public int Refusals;
        public int Renewals;
        public long Ticks;
        public int ConnectedAtEnd;
        public TimeSpan Elapsed;
    }

    /// <summary>
    /// Runs N real <see cref="MqttSession"/>s against a simulated service on one virtual clock, event by
    /// event (a priority queue of each session's next tick), so a simulated week takes seconds.
    /// The service cuts any connection that reaches disconnectAfterInSeconds (counted: it should
    /// never happen) and, during an outage, hangs up every connection and refuses every attempt.
    /// </summary>
    public static class FleetSimulation
    {
        private static readonly DateTime Epoch = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

        private sealed class SimTime : IClock, ITickSource
        {
            public long Now;

            public DateTime UtcNow => Epoch.AddMilliseconds(Now);

            public long ElapsedMilliseconds => Now;
        }

        private sealed class SimTokens : ITokenSource
        {
            private readonly SimTime _time;
            private readonly int _lifetime;
            private readonly FleetResult _result;
            private AuthToken _current;

            public SimTokens(SimTime time, int lifetimeSeconds, FleetResult result)
            {
                _time = time;
                _lifetime = lifetimeSeconds;
                _result = result;
            }

            public AuthToken GetToken(int minValiditySeconds)
            {
                if (_current != null && _current.SecondsRemaining(_time.UtcNow) >= minValiditySeconds)
                {
                    return _current;
                }

                return Mint();
            }

            public AuthToken Renew()
            {
                _result.Renewals++;
                return Mint();
            }

            private AuthToken Mint()
            {
                DateTime now = _time.UtcNow;
                _current = new AuthToken("t", "c2ln", now, now.AddSeconds(_lifetime));
                return _current;
            }
        }

        private sealed class SimAuthorization : IMqttAuthorization
        {
            public MqttConnectCredentials Compose(AuthToken token, string clientId) => new MqttConnectCredentials(clientId, "u", null);
        }

        private sealed class SimDevice : IMqttTransport
        {
            private readonly SimTime _time;
            private readonly FleetResult _result;
            private readonly Func<long, bool> _serviceDown;
            private readonly Func<long, int> _refusal;
            private IMqttTransportListener _listener;

            private readonly int _index;

            public SimDevice(int index, SimTime time, FleetResult result, Func<long, bool> serviceDown, Func<long, int> refusal)
            {
                _index = index;
                _time = time;
                _result = result;
                _serviceDown = serviceDown;
                _refusal = refusal;
            }

            public bool IsConnected { get; private set; }

            public long ConnectedAt;

            public void SetListener(IMqttTransportListener listener) => _listener = listener;

            public int Connect(MqttConnectCredentials credentials, MqttProtocolLevel protocolLevel, bool cleanSession, int keepAliveSeconds)
            {
                _result.Attempts.Add(_time.Now);
                if (_serviceDown(_time.Now))
                {
                    throw new IOException("service unavailable");
                }

                int refused = _refusal(_time.Now);
                if (refused != 0)
                {
                    _result.Refusals++;
                    if (refused < 0)
                    {
                        throw new IOException("connection closed by the service");
                    }

                    return refused;
                }

                IsConnected = true;
                ConnectedAt = _time.Now;
                _result.Connects.Add(_time.Now);
                _result.ConnectDevices.Add(_index);
                return 0;
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

            public void Disconnect()
            {
                if (IsConnected)
                {
                    _result.Proactive.Add(_time.Now);
                }

                IsConnected = false;
            }

            public void HangUp()
            {
                if (IsConnected)
                {
                    IsConnected = false;
                    _listener.OnConnectionLost(MqttReasonCodes.None);
                }
            }
        }

        public static FleetResult Run(FleetConfig config)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = new FleetResult();
            var time = new SimTime();
            long outageEnd = config.OutageStartMs + config.OutageDurationMs;
            Func<long, bool> down = t => config.OutageStartMs >= 0 && t >= config.OutageStartMs && t < outageEnd;
            Func<long, int> refusal = IncidentRefusal(config);
            long cutAfter = (long)config.DisconnectAfterInSeconds * 1000;

            var devices = new SimDevice[config.Devices];
            var sessions = new MqttSession[config.Devices];
            var due = new long[config.Devices];
            var queue = new PriorityQueue<int, long>(config.Devices);
            var authorization = new SimAuthorization();
            for (int i = 0; i < config.Devices; i++)
            {
                var lifetime = new LifetimeOptions(config.RefreshAfterInSeconds, config.DisconnectAfterInSeconds);
                config.Configure?.Invoke(lifetime);
                var options = new MqttSessionOptions("device-" + i.ToString("D5"), lifetime)
                {
                    ProtocolLevel = config.ProtocolLevel,
                    // Idle devices need no tick before their next deadline; on the device the default
                    // 60 s bound only adds early, harmless ticks.
                    MaxTickIntervalMilliseconds = 3_600_000,
                };
                devices[i] = new SimDevice(i, time, result, down, refusal);
                sessions[i] = new MqttSession(devices[i], new SimTokens(time, config.TokenLifetimeSeconds, result), authorization, options, time, time, new SystemRandomSource(MixSeed(config.Seed, i)));
                sessions[i].Start();
                due[i] = 0;
                queue.Enqueue(i, 0);
            }

            long hangUpAt = config.OutageStartMs >= 0 ? config.OutageStartMs : config.IncidentStartMs;
            bool outagePending = hangUpAt >= 0;
            while (queue.TryPeek(out int index, out long at) && at <= config.DurationMs)
            {
                if (outagePending && hangUpAt <= at)
                {
                    outagePending = false;
                    time.Now = hangUpAt;
                    for (int i = 0; i < devices.Length; i++)
                    {
                        devices[i].HangUp();
                        due[i] = time.Now;
                        queue.Enqueue(i, time.Now);
                    }

                    continue;
                }

                queue.Dequeue();
                if (at != due[index])
                {
                    continue;
                }

                time.Now = at;
                SimDevice device = devices[index];
                if (device.IsConnected && time.Now >= device.ConnectedAt + cutAfter)
                {
                    result.ServiceCuts++;
                    device.HangUp();
                }

                int wait = sessions[index].Tick();
                result.Ticks++;
                long next = wait < 0 ? long.MaxValue : time.Now + wait;
                if (device.IsConnected && device.ConnectedAt + cutAfter < next)
                {
                    next = device.ConnectedAt + cutAfter;
                }

                due[index] = next;
                queue.Enqueue(index, next);
            }

            foreach (SimDevice d in devices)
            {
                if (d.IsConnected)
                {
                    result.ConnectedAtEnd++;
                }
            }

            result.Elapsed = watch.Elapsed;
            return result;
        }

        /// <summary>During the incident: the CONNACK code a CONNECT is refused with (-1: a hang-up), or 0 (accepted).</summary>
        private static Func<long, int> IncidentRefusal(FleetConfig config)
        {
            var random = new Random(config.Seed);
            long end = config.IncidentStartMs + config.IncidentDurationMs;
            return t =>
            {
                if (config.IncidentStartMs < 0 || t < config.IncidentStartMs || t >= end)
                {
                    return 0;
                }

                double draw = random.NextDouble();
                for (int k = 0; k < config.IncidentCodes.Length; k++)
                {
                    draw -= config.IncidentProbabilities[k];
                    if (draw < 0)
                    {
                        return config.IncidentAsHangUps ? -1 : config.IncidentCodes[k];
                    }
                }

                return 0;
            };
        }

        /// <summary>
        /// A well-mixed per-device seed (SplitMix64 finalizer). Consecutive seeds would give System.Random
        /// streams whose first draws are nearly linear in the seed, an artificially perfect spread that
        /// real devices (hardware RNG) do not have.
        /// </summary>
        public static int MixSeed(int seed, int device)
        {
            ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)device + 0x632BE59BD9B4E019UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }

        /// <summary>For each device, its first connect at or after <paramref name="from"/> (ms), or -1.</summary>
        public static long[] FirstConnectAfter(FleetResult result, int devices, long from)
        {
            var first = new long[devices];
            Array.Fill(first, -1L);
            for (int k = 0; k < result.Connects.Count; k++)
            {
                int d = result.ConnectDevices[k];
                if (result.Connects[k] >= from && first[d] < 0)
                {
                    first[d] = result.Connects[k];
                }
            }

            return first;
        }

        /// <summary>Counts per bin of <paramref name="binMs"/> over [from, to).</summary>
        public static int[] Histogram(List<long> instants, long from, long to, long binMs)
        {
            var bins = new int[(int)((to - from + binMs - 1) / binMs)];
            foreach (long t in instants)
            {
                if (t >= from && t < to)
                {
                    bins[(int)((t - from) / binMs)]++;
                }
            }

            return bins;
        }

        /// <summary>Largest count in any window of <paramref name="windowMs"/> (sliding, 1 s steps) over [from, to), as a rate per second.</summary>
        public static double PeakRatePerSecond(List<long> instants, long from, long to, long windowMs)
        {
            int[] seconds = Histogram(instants, from, to, 1000);
            int w = (int)(windowMs / 1000);
            int sum = 0, max = 0;
            for (int i = 0; i < seconds.Length; i++)
            {
                sum += seconds[i];
                if (i >= w)
                {
                    sum -= seconds[i - w];
                }

                if (i >= w - 1)
                {
                    max = Math.Max(max, sum);
                }
            }

            return max / (windowMs / 1000.0);
        }
    }
}
