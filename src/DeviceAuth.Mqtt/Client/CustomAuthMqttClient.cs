using System;
using System.Security.Cryptography.X509Certificates;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Mqtt
{
    /// <summary>An MQTT connection to AWS IoT Core with custom authentication that keeps itself alive: create it from <see cref="CustomAuthMqttOptions"/>, then <see cref="Start"/> and <see cref="Publish"/>.</summary>
    /// <remarks>
    /// It only composes the library's public parts, which stay reachable: the token source
    /// (<see cref="Tokens"/>), the <see cref="AwsIotMqttAuthorization"/> (<see cref="Authorization"/>), an
    /// <see cref="MqttSession"/> (<see cref="Session"/>) and an <see cref="MqttSessionDriver"/>. The options
    /// are validated and read once, in the constructor, before any network I/O; later changes to them do
    /// not reach the client.
    /// </remarks>
    public sealed partial class CustomAuthMqttClient : IDisposable
    {
        private readonly ConnectionTarget _target;
        private readonly ITokenSource _tokens;
        private readonly AwsIotMqttAuthorization _authorization;
        private readonly MqttSession _session;
        private readonly MqttSessionDriver _driver;

        /// <summary>Creates the client over nanoFramework.M2Mqtt, TLS 1.2 to <see cref="CustomAuthMqttOptions.Target"/> (device build; the host build has no M2Mqtt and throws <see cref="NotSupportedException"/>).</summary>
        /// <param name="options">The validated options.</param>
        public CustomAuthMqttClient(CustomAuthMqttOptions options)
            : this(options, DeviceTransport(options))
        {
        }

        /// <summary>Creates the client over <paramref name="transport"/> on the device's clocks and randomness (tests pass a scripted transport).</summary>
        /// <param name="options">The validated options.</param>
        /// <param name="transport">The MQTT client adapter.</param>
        public CustomAuthMqttClient(CustomAuthMqttOptions options, IMqttTransport transport)
            : this(options, transport, SystemClock.Instance, EnvironmentTickSource.Instance, new SystemRandomSource())
        {
        }

        /// <summary>Creates the client over <paramref name="transport"/> on the given clocks and randomness (tests use a virtual clock).</summary>
        /// <param name="options">The validated options.</param>
        /// <param name="transport">The MQTT client adapter.</param>
        /// <param name="clock">The wall clock (token times and validity).</param>
        /// <param name="ticks">The monotonic clock (every deadline).</param>
        /// <param name="random">Randomness for nonces and jitter.</param>
        /// <exception cref="ArgumentException">A setting does not fit the others (see <see cref="CustomAuthMqttOptions.Validate"/>).</exception>
        /// <exception cref="CredentialFormatException">No CONNECT credentials could be composed with these options.</exception>
        public CustomAuthMqttClient(CustomAuthMqttOptions options, IMqttTransport transport, IClock clock, ITickSource ticks, IRandomSource random)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            options.Validate();
            _target = options.Target;
            _tokens = options.CreateTokenSource(clock, random);
            _authorization = options.CreateAuthorization(clock);
            _session = new MqttSession(transport, _tokens, _authorization, options.CreateSessionOptions(), clock, ticks, random);
            _driver = new MqttSessionDriver(_session);
        }

        /// <summary>Status reports (events, CONNACK codes, failure streaks; never a secret), raised on the session's thread: handlers must not block.</summary>
        public event MqttSessionStatusHandler StatusChanged
        {
            add { _session.StatusChanged += value; }
            remove { _session.StatusChanged -= value; }
        }

        /// <summary>Messages from the broker on the subscribed topics, raised on the transport's thread.</summary>
        public event MqttMessageHandler MessageReceived
        {
            add { _session.MessageReceived += value; }
            remove { _session.MessageReceived -= value; }
        }

        /// <summary>Where the client connects (server name, also the TLS SNI, and port).</summary>
        public ConnectionTarget Target
        {
            get { return _target; }
        }

        /// <summary>The session's state.</summary>
        public MqttSessionState State
        {
            get { return _session.State; }
        }

        /// <summary>The session underneath (counters, deadlines, <see cref="MqttSession.Tick"/> for tests on a virtual clock).</summary>
        public MqttSession Session
        {
            get { return _session; }
        }

        /// <summary>The token source the session asks for tokens.</summary>
        public ITokenSource Tokens
        {
            get { return _tokens; }
        }

        /// <summary>The CONNECT username/password composer (extra username parameters or a fixed password may be added before <see cref="Start"/>).</summary>
        public AwsIotMqttAuthorization Authorization
        {
            get { return _authorization; }
        }

        /// <summary>Starts the session and its timer: the first connection attempt is made at once, on the timer's thread.</summary>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public void Start()
        {
            _driver.Start();
        }

        /// <summary>Publishes now when connected, otherwise queues the message for the next connection (see <see cref="MqttSession.Publish"/>).</summary>
        /// <param name="topic">The topic name (no wildcards).</param>
        /// <param name="payload">The payload (not copied: do not modify it afterwards).</param>
        /// <param name="qos">QoS 0-2 (AWS IoT Core serves 0 and 1).</param>
        /// <returns>What happened to the message.</returns>
        public PublishResult Publish(string topic, byte[] payload, int qos)
        {
            return _session.Publish(topic, payload, qos, false);
        }

        /// <summary>Publishes with the retain flag set, now or after the next connect (see <see cref="Publish"/>).</summary>
        /// <param name="topic">The topic name (no wildcards).</param>
        /// <param name="payload">The payload (not copied).</param>
        /// <param name="qos">QoS 0-2.</param>
        /// <returns>What happened to the message.</returns>
        public PublishResult PublishRetained(string topic, byte[] payload, int qos)
        {
            return _session.Publish(topic, payload, qos, true);
        }

        /// <summary>Subscribes to a topic filter now (when connected) and again on every later connect.</summary>
        /// <param name="topic">The topic filter.</param>
        /// <param name="qos">Requested QoS, 0-2.</param>
        public void Subscribe(string topic, int qos)
        {
            _session.Subscribe(topic, qos);
        }

        /// <summary>Forgets a topic filter and unsubscribes now when connected.</summary>
        /// <param name="topic">The topic filter.</param>
        public void Unsubscribe(string topic)
        {
            _session.Unsubscribe(topic);
        }

        /// <summary>Stops the timer and the session and closes the connection.</summary>
        public void Dispose()
        {
            _driver.Dispose();
        }

        private static IMqttTransport DeviceTransport(CustomAuthMqttOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            // Everything is checked before the transport exists.
            options.Validate();
            IMqttTransport transport = null;
            CreateM2MqttTransport(options.Target, options.CaCertificate, ref transport);
            if (transport == null)
            {
                throw new NotSupportedException("This build has no M2Mqtt transport (the host build): use the CustomAuthMqttClient constructor that takes an IMqttTransport.");
            }

            return transport;
        }

        /// <summary>Device build only (Device/CustomAuthMqttClient.M2Mqtt.cs): the M2Mqtt transport for a resolved target.</summary>
        /// <param name="target">The resolved MQTT target.</param>
        /// <param name="caCertificate">The CA, or null for the device store.</param>
        /// <param name="transport">Set to the transport.</param>
        static partial void CreateM2MqttTransport(ConnectionTarget target, X509Certificate caCertificate, ref IMqttTransport transport);
    }
}
