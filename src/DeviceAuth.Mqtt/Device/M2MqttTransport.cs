using System;
using System.Security.Cryptography.X509Certificates;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace DeviceAuth.Mqtt.Device
{
    /// <summary>
    /// <see cref="IMqttTransport"/> over nanoFramework.M2Mqtt's <see cref="MqttClient"/>, speaking MQTT 3.1.1
    /// or 5 as each connect asks. Device build only.
    /// </summary>
    /// <remarks>
    /// Thin on purpose: a new <see cref="MqttClient"/> per connect (its constructor resolves the broker
    /// name, so every reconnect re-resolves DNS, and no state survives from a broken connection); events
    /// of a replaced client are unhooked before it is closed so they cannot be mistaken for the current
    /// connection's. M2Mqtt returns the CONNACK code from Connect (it throws only when no CONNACK
    /// arrives), raises ConnectionClosedRequest with the parsed server DISCONNECT (MQTT 5) and then
    /// ConnectionClosed without a reason; the adapter keeps the DISCONNECT's reason code and passes it to
    /// <see cref="IMqttTransportListener.OnConnectionLost(int)"/>. It never reads a reason string or user
    /// properties. Every M2Mqtt member used here is checked by a host test against
    /// ../shared/nano-api/nanoFramework.M2Mqtt*.txt.
    /// </remarks>
    public sealed class M2MqttTransport : IMqttTransport
    {
        private readonly object _sync = new object();
        private readonly string _brokerHost;
        private readonly int _brokerPort;
        private readonly bool _secure;
        private readonly X509Certificate _caCert;
        private readonly MqttSslProtocols _sslProtocols;
        private MqttClient _client;
        private IMqttTransportListener _listener;
        private object _disconnectSender;
        private int _disconnectReasonCode = MqttReasonCodes.None;

        /// <summary>
        /// Creates a TLS transport for a resolved endpoint (no network I/O until <see cref="Connect"/>):
        /// <c>ServiceEndpoint.Resolve(TransportProtocol.Mqtt)</c> has already refused the combinations that
        /// need ALPN; the server name (also the SNI) is validated here.
        /// </summary>
        /// <param name="target">The resolved target: its ServerName is connected to and sent as SNI, on its Port.</param>
        /// <param name="caCert">The CA that signed the broker's certificate, or null for the device CA store.</param>
        /// <param name="sslProtocols">The TLS version (TLSv1_2).</param>
        public M2MqttTransport(ConnectionTarget target, X509Certificate caCert, MqttSslProtocols sslProtocols)
            : this(M2MqttChecks.ServerNameFor(target), target.Port, true, caCert, sslProtocols)
        {
        }

        /// <summary>Creates the transport (no network I/O until <see cref="Connect"/>). Prefer the <see cref="ConnectionTarget"/> constructor, which applies the endpoint checks.</summary>
        /// <param name="brokerHost">The broker host name: it is also the TLS server name (SNI), so for AWS IoT custom auth without ALPN use the domain configuration's name.</param>
        /// <param name="brokerPort">The broker port (8883 or 443).</param>
        /// <param name="secure">True for TLS.</param>
        /// <param name="caCert">The CA that signed the broker's certificate, or null for the device CA store.</param>
        /// <param name="sslProtocols">The TLS version (TLSv1_2).</param>
        public M2MqttTransport(string brokerHost, int brokerPort, bool secure, X509Certificate caCert, MqttSslProtocols sslProtocols)
        {
            if (brokerHost == null || brokerHost.Length == 0 || brokerHost.Length > 253)
            {
                throw new ArgumentException("The broker host must be 1-253 characters.", "brokerHost");
            }

            if (brokerPort < 1 || brokerPort > 65535)
            {
                throw new ArgumentOutOfRangeException("brokerPort", "The broker port must be 1-65535.");
            }

            _brokerHost = brokerHost;
            _brokerPort = brokerPort;
            _secure = secure;
            _caCert = caCert;
            _sslProtocols = sslProtocols;
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        /// <inheritdoc />
        public void SetListener(IMqttTransportListener listener)
        {
            _listener = listener;
        }

        /// <inheritdoc />
        public int Connect(MqttConnectCredentials credentials, MqttProtocolLevel protocolLevel, bool cleanSession, int keepAliveSeconds)
        {
            if (credentials == null)
            {
                throw new ArgumentNullException("credentials");
            }

            // Before any I/O: M2Mqtt takes the password as a string (bytes that are not UTF-8 would be
            // altered) and omits an empty user name while still sending the password.
            string password = M2MqttChecks.PasswordText(credentials);
            MqttProtocolVersion version = VersionFor(protocolLevel);
            Disconnect();

            MqttClient client = new MqttClient(_brokerHost, _brokerPort, _secure, _caCert, null, _sslProtocols);
            client.ProtocolVersion = version;
            client.ConnectionClosed += OnConnectionClosed;
            client.ConnectionClosedRequest += OnConnectionClosedRequest;
            client.MqttMsgPublishReceived += OnPublishReceived;

            MqttReasonCode code;
            try
            {
                code = client.Connect(credentials.ClientId, credentials.Username, password, false, MqttQoSLevel.AtMostOnce, false, null, null, cleanSession, (ushort)keepAliveSeconds);
            }
            catch (Exception)
            {
                Release(client);
                throw;
            }

            if (code != MqttReasonCode.Success)
            {
                Release(client);
                return (int)code;
            }

            lock (_sync)
            {
                _client = client;
            }

            return 0;
        }

        /// <inheritdoc />
        public void Subscribe(string[] topics, byte[] qosLevels)
        {
            MqttQoSLevel[] levels = new MqttQoSLevel[qosLevels.Length];
            for (int i = 0; i < levels.Length; i++)
            {
                levels[i] = (MqttQoSLevel)qosLevels[i];
            }

            Current().Subscribe(topics, levels);
        }

        /// <inheritdoc />
        public void Unsubscribe(string[] topics)
        {
            Current().Unsubscribe(topics);
        }

        /// <inheritdoc />
        public void Publish(string topic, byte[] payload, byte qos, bool retain)
        {
            Current().Publish(topic, payload, null, null, (MqttQoSLevel)qos, retain);
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            MqttClient client;
            lock (_sync)
            {
                client = _client;
                _client = null;
            }

            if (client != null)
            {
                Release(client);
            }
        }

        private MqttClient Current()
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                throw new InvalidOperationException("Not connected.");
            }

            return client;
        }

        private static MqttProtocolVersion VersionFor(MqttProtocolLevel level)
        {
            if (level == MqttProtocolLevel.Mqtt5)
            {
                return MqttProtocolVersion.Version_5;
            }

            if (level == MqttProtocolLevel.Mqtt311)
            {
                return MqttProtocolVersion.Version_3_1_1;
            }

            throw new ArgumentOutOfRangeException("protocolLevel", "The protocol level must be Mqtt311 or Mqtt5.");
        }

        private void Release(MqttClient client)
        {
            client.ConnectionClosed -= OnConnectionClosed;
            client.ConnectionClosedRequest -= OnConnectionClosedRequest;
            client.MqttMsgPublishReceived -= OnPublishReceived;
            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception)
            {
                // The connection may already be gone.
            }

            try
            {
                client.Dispose();
            }
            catch (Exception)
            {
                // Nothing more to release.
            }
        }

        private void OnConnectionClosedRequest(object sender, ConnectionClosedRequestEventArgs request)
        {
            // The server's DISCONNECT (MQTT 5), raised on M2Mqtt's receive thread before the close is seen:
            // the connection is over [MQTT-3.14.4-1], so the session hears it now, with the reason code only
            // (the reason string and user properties may carry anything and are never read). The code is also
            // kept for ConnectionClosed, in case this arrives before Connect has made the client current.
            MqttMsgDisconnect message = request.Message;
            if (message == null)
            {
                return;
            }

            int code = (int)message.ResonCode;
            lock (_sync)
            {
                _disconnectSender = sender;
                _disconnectReasonCode = code;
            }

            IMqttTransportListener listener = _listener;
            if (listener != null && object.ReferenceEquals(sender, _client))
            {
                listener.OnConnectionLost(code);
            }
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            IMqttTransportListener listener = _listener;
            if (listener == null || !object.ReferenceEquals(sender, _client))
            {
                return;
            }

            int code = MqttReasonCodes.None;
            lock (_sync)
            {
                if (object.ReferenceEquals(sender, _disconnectSender))
                {
                    code = _disconnectReasonCode;
                }
            }

            listener.OnConnectionLost(code);
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            IMqttTransportListener listener = _listener;
            if (listener != null)
            {
                listener.OnMessageReceived(e.Topic, e.Message);
            }
        }
    }
}
