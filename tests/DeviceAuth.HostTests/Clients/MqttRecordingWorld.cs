using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeviceAuth.Credentials;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Lifetime;

namespace DeviceAuth.HostTests.Clients
{
    /// <summary>
    /// A broker behind <see cref="IMqttTransport"/> that writes everything it sees into one log (each
    /// CONNECT's client id, username, password bytes, clean-session flag and keep-alive; publishes,
    /// subscriptions, disconnects, the service's cuts), answering each CONNECT from a script.
    /// </summary>
    public sealed class RecordingBroker : IMqttTransport
    {
        private readonly VirtualTime _time;
        private IMqttTransportListener _listener;
        private long _connectedAt;

        public RecordingBroker(VirtualTime time)
        {
            _time = time;
        }

        /// <summary>The CONNACK code for attempt n (0-based).</summary>
        public Func<int, int> Answer = _ => 0;

        /// <summary>The service cuts a connection this long after it opened (disconnectAfterInSeconds).</summary>
        public long DisconnectAfterMs = long.MaxValue;

        public readonly List<string> Log = new();

        public int Attempts;

        /// <summary>Calls that would do network I/O (everything but SetListener).</summary>
        public int Calls;

        public bool IsConnected { get; private set; }

        public long NextCutAt => IsConnected && DisconnectAfterMs != long.MaxValue ? _connectedAt + DisconnectAfterMs : long.MaxValue;

        public void SetListener(IMqttTransportListener listener)
        {
            _listener = listener;
        }

        public int Connect(MqttConnectCredentials credentials, MqttProtocolLevel protocolLevel, bool cleanSession, int keepAliveSeconds)
        {
            Calls++;
            int code = Answer(Attempts++);
            string password = credentials.Password == null ? "(none)" : Convert.ToHexString(credentials.Password);
            Log.Add(_time.ElapsedMilliseconds + " CONNECT id=" + credentials.ClientId + " user=" + credentials.Username + " pass=" + password + " level=" + protocolLevel + " clean=" + cleanSession + " keepAlive=" + keepAliveSeconds + " -> " + code);
            if (code == 0)
            {
                IsConnected = true;
                _connectedAt = _time.ElapsedMilliseconds;
            }

            return code;
        }

        public void Subscribe(string[] topics, byte[] qosLevels)
        {
            Calls++;
            Require();
            Log.Add(_time.ElapsedMilliseconds + " SUBSCRIBE " + string.Join(",", topics) + " qos " + string.Join(",", qosLevels));
        }

        public void Unsubscribe(string[] topics)
        {
            Calls++;
            Require();
            Log.Add(_time.ElapsedMilliseconds + " UNSUBSCRIBE " + string.Join(",", topics));
        }

        public void Publish(string topic, byte[] payload, byte qos, bool retain)
        {
            Calls++;
            Require();
            Log.Add(_time.ElapsedMilliseconds + " PUBLISH " + topic + " " + Convert.ToHexString(payload) + " qos " + qos + " retain " + retain);
        }

        public void Disconnect()
        {
            Calls++;
            if (IsConnected)
            {
                Log.Add(_time.ElapsedMilliseconds + " DISCONNECT");
            }

            IsConnected = false;
        }

        /// <summary>The service's disconnectAfter cut, when due.</summary>
        public void Poll()
        {
            if (IsConnected && _time.ElapsedMilliseconds >= NextCutAt)
            {
                IsConnected = false;
                Log.Add(_time.ElapsedMilliseconds + " CUT");
                _listener.OnConnectionLost(-1);
            }
        }

        /// <summary>The broker drops the connection (network loss, refresh failed).</summary>
        public void HangUp()
        {
            if (IsConnected)
            {
                IsConnected = false;
                Log.Add(_time.ElapsedMilliseconds + " HANGUP");
                _listener.OnConnectionLost(-1);
            }
        }

        private void Require()
        {
            if (!IsConnected)
            {
                throw new IOException("not connected");
            }
        }
    }

    /// <summary>One device (a session, however it was wired) and a <see cref="RecordingBroker"/> on one virtual clock, run event by event.</summary>
    public sealed class MqttRecordingWorld
    {
        public static readonly DateTime Start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        public const long T0 = 1_000_000;

        public readonly VirtualTime Time = new VirtualTime(Start, T0);
        public readonly RecordingBroker Broker;
        public MqttSession Session;

        public MqttRecordingWorld()
        {
            Broker = new RecordingBroker(Time);
        }

        /// <summary>Attaches the session: its status reports go into the broker's log, in order.</summary>
        public void Attach(MqttSession session)
        {
            Session = session;
            session.StatusChanged += (s, status) => Broker.Log.Add(Time.ElapsedMilliseconds + " STATUS " + status);
            session.MessageReceived += (s, topic, payload) => Broker.Log.Add(Time.ElapsedMilliseconds + " RECEIVED " + topic);
        }

        /// <summary>Starts the session and runs it for <paramref name="duration"/>: ticks when it asks, the broker's cuts and the scripted actions (offsets from T0) in time order.</summary>
        public List<string> Run(TimeSpan duration, SortedList<long, Action<MqttRecordingWorld>> script)
        {
            var pending = new SortedList<long, Action<MqttRecordingWorld>>(script);
            long end = T0 + (long)duration.TotalMilliseconds;
            Session.Start();
            while (Time.ElapsedMilliseconds < end)
            {
                int wait = Session.Tick();
                long now = Time.ElapsedMilliseconds;
                long next = wait < 0 ? end : now + Math.Max(wait, 1);
                next = Math.Min(next, Broker.NextCutAt);
                if (pending.Count > 0)
                {
                    next = Math.Min(next, T0 + pending.Keys[0]);
                }

                next = Math.Min(Math.Max(next, now), end);
                Time.Advance(next - now);
                Broker.Poll();
                while (pending.Count > 0 && T0 + pending.Keys[0] <= Time.ElapsedMilliseconds)
                {
                    Action<MqttRecordingWorld> action = pending.Values[0];
                    pending.RemoveAt(0);
                    action(this);
                }
            }

            Session.Stop();
            return Broker.Log.ToList();
        }
    }
}
