using System;
using DeviceAuth.Credentials;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Mqtt
{
    /// <summary>An MQTT session that keeps a device connected with custom-authorizer credentials for months.</summary>
    /// <remarks>
    /// Fresh (never expired) credentials on every connect, renewed once when the broker refuses them;
    /// subscriptions restored on every connect; a proactive reconnect (jittered) before the service's
    /// <c>disconnectAfterInSeconds</c> cut or the refresh that would find the token expired, with its
    /// credentials prepared ahead of need; capped exponential backoff with full jitter after failures and
    /// a hard cap on attempts per minute; a bounded queue for messages published while disconnected
    /// (<see cref="OutgoingQueue"/>). With MQTT 5 (<see cref="MqttSessionOptions.ProtocolLevel"/>) every
    /// CONNACK and server DISCONNECT reason code selects its path (<see cref="ReasonCodePolicy"/>).
    /// The session does no waiting and owns no timer: <see cref="Tick"/> performs whatever is due and
    /// returns how long until it is needed again. A driver (<c>MqttSessionDriver</c> on the device,
    /// a virtual clock in tests) calls it. Every deadline is on the monotonic <see cref="ITickSource"/>,
    /// so a wall-clock jump neither fires a burst of timers nor postpones one forever. Status reports
    /// arrive through <see cref="StatusChanged"/>; handlers run on the calling thread and must not block.
    /// The class is split by concern over MqttSession*.cs (connecting, reason codes, messages).
    /// </remarks>
    public sealed partial class MqttSession : IMqttTransportListener
    {
        /// <summary>Returned by <see cref="Tick"/> when no tick is needed until <see cref="Start"/>.</summary>
        public const int NoTickNeeded = -1;

        private const int ConnectingRecheckMilliseconds = 1000;
        private const int TakeoverWindowMilliseconds = 3600000;

        private readonly object _sync = new object();
        private readonly IMqttTransport _transport;
        private readonly IMqttAuthorization _authorization;
        private readonly MqttSessionOptions _options;
        private readonly ITickSource _ticks;
        private readonly IRandomSource _random;
        private readonly TokenKeeper _keeper;
        private readonly RetryPlanner _retry;
        private readonly ReconnectPlanner _planner;
        private readonly OutgoingQueue _queue;
        private readonly SubscriptionSet _subscriptions = new SubscriptionSet();
        private readonly AttemptLimiter _takeovers;

        private MqttSessionState _state = MqttSessionState.Stopped;
        private long _nextAttemptAtMs;
        private long _connectedAtMs;
        private long _reconnectAtMs;
        private long _prepareAtMs;
        private bool _prepared;
        private int _rejectedMessages;
        private int _haltReasonCode = MqttReasonCodes.None;
        private MqttSessionStatusHandler _statusChanged;
        private MqttMessageHandler _messageReceived;

        /// <summary>
        /// Creates a session on the device's clocks (<see cref="SystemClock"/>, <c>Environment.TickCount64</c>)
        /// and <see cref="SystemRandomSource"/>; drive it with an <see cref="MqttSessionDriver"/>.
        /// </summary>
        /// <param name="transport">The MQTT client adapter.</param>
        /// <param name="tokens">Where credentials come from.</param>
        /// <param name="authorization">Turns a token into CONNECT credentials.</param>
        /// <param name="options">Client id, lifetime options, queue and keep-alive settings.</param>
        public MqttSession(IMqttTransport transport, ITokenSource tokens, IMqttAuthorization authorization, MqttSessionOptions options)
            : this(transport, tokens, authorization, options, SystemClock.Instance, EnvironmentTickSource.Instance, new SystemRandomSource())
        {
        }

        /// <summary>Creates a session; call <see cref="Start"/>, then drive it with <see cref="Tick"/>.</summary>
        /// <param name="transport">The MQTT client adapter.</param>
        /// <param name="tokens">Where credentials come from.</param>
        /// <param name="authorization">Turns a token into CONNECT credentials.</param>
        /// <param name="options">Client id, lifetime options, queue and keep-alive settings.</param>
        /// <param name="clock">The wall clock (token validity).</param>
        /// <param name="ticks">The monotonic clock (every deadline).</param>
        /// <param name="random">Randomness for jitter.</param>
        public MqttSession(IMqttTransport transport, ITokenSource tokens, IMqttAuthorization authorization, MqttSessionOptions options, IClock clock, ITickSource ticks, IRandomSource random)
        {
            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            if (tokens == null)
            {
                throw new ArgumentNullException("tokens");
            }

            if (authorization == null)
            {
                throw new ArgumentNullException("authorization");
            }

            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (ticks == null)
            {
                throw new ArgumentNullException("ticks");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            _transport = transport;
            _authorization = authorization;
            _options = options;
            _ticks = ticks;
            _random = random;
            _keeper = new TokenKeeper(tokens, clock, ticks);
            _retry = new RetryPlanner(options.Lifetime, random);
            _planner = new ReconnectPlanner(options.Lifetime);
            _queue = new OutgoingQueue(options.QueueCapacityMessages, options.QueueCapacityBytes);
            _takeovers = options.MaxSessionTakeoversPerHour > 0 ? new AttemptLimiter(options.MaxSessionTakeoversPerHour, TakeoverWindowMilliseconds) : null;
            transport.SetListener(this);
        }

        /// <summary>Status reports (no secrets). Handlers must not block and must not call <see cref="Tick"/>.</summary>
        public event MqttSessionStatusHandler StatusChanged
        {
            add
            {
                lock (_sync)
                {
                    _statusChanged = (MqttSessionStatusHandler)Delegate.Combine(_statusChanged, value);
                }
            }

            remove
            {
                lock (_sync)
                {
                    _statusChanged = (MqttSessionStatusHandler)Delegate.Remove(_statusChanged, value);
                }
            }
        }

        /// <summary>Messages received from the broker.</summary>
        public event MqttMessageHandler MessageReceived
        {
            add
            {
                lock (_sync)
                {
                    _messageReceived = (MqttMessageHandler)Delegate.Combine(_messageReceived, value);
                }
            }

            remove
            {
                lock (_sync)
                {
                    _messageReceived = (MqttMessageHandler)Delegate.Remove(_messageReceived, value);
                }
            }
        }

        /// <summary>The current state.</summary>
        public MqttSessionState State
        {
            get
            {
                lock (_sync)
                {
                    return _state;
                }
            }
        }

        /// <summary>Connection attempts made (each one counted against the per-minute cap).</summary>
        public int ConnectAttempts { get; private set; }

        /// <summary>Connections accepted by the broker.</summary>
        public int Connections { get; private set; }

        /// <summary>Proactive reconnects performed.</summary>
        public int ProactiveReconnects { get; private set; }

        /// <summary>Established connections lost without being asked to (hang-ups and server DISCONNECTs alike).</summary>
        public int ConnectionsLost { get; private set; }

        /// <summary>MQTT 5 session takeovers (server DISCONNECT 0x8E: another client connected with this client id) since creation.</summary>
        public int SessionTakeovers { get; private set; }

        /// <summary>
        /// The CONNACK or DISCONNECT code that made the session stop itself (<see cref="MqttSessionEvent.Halted"/>),
        /// or -1 while it runs, after <see cref="Stop"/> and before the first <see cref="Start"/>.
        /// </summary>
        public int HaltReasonCode
        {
            get
            {
                lock (_sync)
                {
                    return _haltReasonCode;
                }
            }
        }

        /// <summary>Failures in the current streak.</summary>
        public int ConsecutiveFailures
        {
            get
            {
                lock (_sync)
                {
                    return _retry.ConsecutiveFailures;
                }
            }
        }

        /// <summary>Monotonic instant of the next connection attempt (meaningful while <see cref="MqttSessionState.Reconnecting"/>).</summary>
        public long NextAttemptAtMilliseconds
        {
            get
            {
                lock (_sync)
                {
                    return _nextAttemptAtMs;
                }
            }
        }

        /// <summary>Monotonic instant of the planned proactive reconnect (meaningful while <see cref="MqttSessionState.Connected"/>).</summary>
        public long ReconnectAtMilliseconds
        {
            get
            {
                lock (_sync)
                {
                    return _reconnectAtMs;
                }
            }
        }

        /// <summary>Monotonic instant at which the current connection was accepted.</summary>
        public long ConnectedAtMilliseconds
        {
            get
            {
                lock (_sync)
                {
                    return _connectedAtMs;
                }
            }
        }

        /// <summary>Messages waiting for a connection.</summary>
        public int QueuedMessages
        {
            get
            {
                lock (_sync)
                {
                    return _queue.Count;
                }
            }
        }

        /// <summary>Messages dropped or rejected by the outgoing queue.</summary>
        public int DroppedMessages
        {
            get
            {
                lock (_sync)
                {
                    return _queue.Dropped;
                }
            }
        }

        /// <summary>Messages the MQTT client library refused while connected (discarded, not retried).</summary>
        public int RejectedMessages
        {
            get
            {
                lock (_sync)
                {
                    return _rejectedMessages;
                }
            }
        }

        /// <summary>Starts the session (again, after <see cref="Stop"/> or a <see cref="MqttSessionEvent.Halted"/> report): the first connection attempt is due at once (call <see cref="Tick"/>).</summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_state != MqttSessionState.Stopped)
                {
                    return;
                }

                _state = MqttSessionState.Reconnecting;
                _haltReasonCode = MqttReasonCodes.None;
                _nextAttemptAtMs = _retry.EarliestAttemptAt(_ticks.ElapsedMilliseconds);
            }

            Report(MqttSessionEvent.Started, -1, null);
        }

        /// <summary>Stops the session and closes the connection. Queued messages are kept for a later <see cref="Start"/>.</summary>
        public void Stop()
        {
            lock (_sync)
            {
                if (_state == MqttSessionState.Stopped)
                {
                    return;
                }

                _state = MqttSessionState.Stopped;
            }

            _transport.Disconnect();
            Report(MqttSessionEvent.Stopped, -1, null);
        }

        /// <summary>
        /// Performs what is due (a connection attempt, credentials preparation, a proactive reconnect)
        /// and returns the milliseconds until the next call is needed (at most
        /// <see cref="MqttSessionOptions.MaxTickIntervalMilliseconds"/>), or <see cref="NoTickNeeded"/>
        /// when stopped. Calling it early or often is harmless. Calls must not overlap.
        /// </summary>
        public int Tick()
        {
            if (State == MqttSessionState.Connected && !_transport.IsConnected)
            {
                // A loss the transport did not report (or reported before the connect completed).
                OnConnectionLost(MqttReasonCodes.None);
            }

            SessionAction action;
            long now = _ticks.ElapsedMilliseconds;
            lock (_sync)
            {
                action = DueAction(now);
                Begin(action, now);
            }

            Execute(action);
            return NextWait();
        }

        /// <summary>What is due at <paramref name="now"/>, from the state alone (changes nothing; the caller locks).</summary>
        private SessionAction DueAction(long now)
        {
            if (_state == MqttSessionState.Reconnecting && now >= _nextAttemptAtMs)
            {
                return SessionAction.Connect;
            }

            if (_state == MqttSessionState.Connected && now >= _reconnectAtMs)
            {
                return SessionAction.ProactiveReconnect;
            }

            if (_state == MqttSessionState.Connected && !_prepared && now >= _prepareAtMs)
            {
                return SessionAction.PrepareCredentials;
            }

            // Ticks never overlap, so Connecting seen here means a tick was cut short mid-connect.
            return _state == MqttSessionState.Connecting ? SessionAction.AbandonConnect : SessionAction.None;
        }

        /// <summary>The state change that starts <paramref name="action"/> (the caller locks).</summary>
        private void Begin(SessionAction action, long now)
        {
            if (action == SessionAction.Connect)
            {
                _state = MqttSessionState.Connecting;
            }
            else if (action == SessionAction.ProactiveReconnect)
            {
                _state = MqttSessionState.Connecting;
                _retry.OnPlannedDisconnect(now);
                ProactiveReconnects++;
            }
            else if (action == SessionAction.PrepareCredentials)
            {
                _prepared = true;
            }
        }

        /// <summary>Performs <paramref name="action"/> (network and signing work, outside the lock).</summary>
        private void Execute(SessionAction action)
        {
            if (action == SessionAction.AbandonConnect)
            {
                Fail(FailureKind.Transient, MqttSessionEvent.ConnectFailed, -1, ReasonCodeDecision.None, null);
                return;
            }

            try
            {
                if (action == SessionAction.Connect)
                {
                    Connect(false);
                }
                else if (action == SessionAction.ProactiveReconnect)
                {
                    Report(MqttSessionEvent.ProactiveReconnect, -1, null);
                    _transport.Disconnect();
                    Connect(true);
                }
                else if (action == SessionAction.PrepareCredentials)
                {
                    PrepareCredentials();
                }
            }
            catch (Exception e)
            {
                // Whatever threw (a transport breaking its contract, a planner bug), the session must
                // not stay in Connecting: count it as a transient failure and back off.
                if (State == MqttSessionState.Connecting)
                {
                    Fail(FailureKind.Transient, MqttSessionEvent.ConnectFailed, -1, ReasonCodeDecision.None, e);
                }
            }
        }

        private int NextWait()
        {
            long now = _ticks.ElapsedMilliseconds;
            long next;
            lock (_sync)
            {
                if (_state == MqttSessionState.Stopped)
                {
                    return NoTickNeeded;
                }

                if (_state == MqttSessionState.Reconnecting)
                {
                    next = _nextAttemptAtMs;
                }
                else if (_state == MqttSessionState.Connected)
                {
                    next = _reconnectAtMs;
                    if (!_prepared && _prepareAtMs < next)
                    {
                        next = _prepareAtMs;
                    }
                }
                else
                {
                    // Connecting outlives a tick only if a tick was cut short: never ask for an immediate
                    // tick forever; the next one finds the state and the failure path takes over.
                    next = now + ConnectingRecheckMilliseconds;
                }
            }

            long wait = next - now;
            if (wait < 0)
            {
                wait = 0;
            }

            return wait > _options.MaxTickIntervalMilliseconds ? _options.MaxTickIntervalMilliseconds : (int)wait;
        }

        private void Report(MqttSessionEvent evt, int code, string detail)
        {
            Report(evt, code, ReasonCodeDecision.None, detail);
        }

        /// <summary>Tells the handlers: codes, the decision and an exception type name only (never a reason string).</summary>
        private void Report(MqttSessionEvent evt, int code, ReasonCodeDecision decision, string detail)
        {
            MqttSessionStatusHandler handler;
            MqttSessionStatus status;
            lock (_sync)
            {
                handler = _statusChanged;
                if (handler == null)
                {
                    return;
                }

                long next = -1;
                if (_state == MqttSessionState.Reconnecting)
                {
                    next = _nextAttemptAtMs - _ticks.ElapsedMilliseconds;
                    if (next < 0)
                    {
                        next = 0;
                    }
                }

                status = new MqttSessionStatus(evt, _state, code, decision, _retry.ConsecutiveFailures, next, detail);
            }

            try
            {
                handler(this, status);
            }
            catch (Exception)
            {
                // A faulty handler must not break the session.
            }
        }

        /// <summary>What a tick does.</summary>
        private enum SessionAction
        {
            None = 0,
            Connect = 1,
            ProactiveReconnect = 2,
            PrepareCredentials = 3,
            AbandonConnect = 4,
        }
    }
}
