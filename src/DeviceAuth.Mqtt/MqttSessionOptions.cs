using System;
using DeviceAuth.Credentials;
using DeviceAuth.Lifetime;

namespace DeviceAuth.Mqtt
{
    /// <summary>Configuration of an <see cref="MqttSession"/>.</summary>
    public sealed class MqttSessionOptions
    {
        private int _keepAliveSeconds = 60;
        private int _queueCapacityMessages = 32;
        private int _queueCapacityBytes = 16384;
        private int _maxTickIntervalMilliseconds = 60000;
        private int _maxSessionTakeoversPerHour = 3;
        private MqttProtocolLevel _protocolLevel = MqttProtocolLevel.Mqtt311;

        /// <summary>Creates options.</summary>
        /// <param name="clientId">The MQTT client id (1-128 UTF-8 bytes, the rule the credentials enforce at every connect).</param>
        /// <param name="lifetime">Windows, margins and retry policies (validated here).</param>
        /// <exception cref="CredentialFormatException">The client id is null, empty, longer than 128 UTF-8 bytes or holds a control character.</exception>
        public MqttSessionOptions(string clientId, LifetimeOptions lifetime)
        {
            // The same rule as IMqttAuthorization.Compose: an id it would refuse must fail here, not at every connect.
            AwsIotCustomAuth.ValidateClientId(clientId);

            if (lifetime == null)
            {
                throw new ArgumentNullException("lifetime");
            }

            lifetime.Validate();
            ClientId = clientId;
            Lifetime = lifetime;
        }

        /// <summary>The MQTT client id.</summary>
        public string ClientId { get; }

        /// <summary>Windows, margins and retry policies.</summary>
        public LifetimeOptions Lifetime { get; }

        /// <summary>CONNECT keep-alive in seconds (30-1200, the range AWS IoT Core accepts; default 60).</summary>
        public int KeepAliveSeconds
        {
            get { return _keepAliveSeconds; }
            set { _keepAliveSeconds = SettingRange.Check(value, 30, 1200, "KeepAliveSeconds"); }
        }

        /// <summary>The CONNECT clean-session flag (default true; subscriptions are restored by the session on every connect either way).</summary>
        public bool CleanSession { get; set; } = true;

        /// <summary>Most messages queued while disconnected (0-1024; default 32; 0 disables queueing).</summary>
        public int QueueCapacityMessages
        {
            get { return _queueCapacityMessages; }
            set { _queueCapacityMessages = SettingRange.Check(value, 0, 1024, "QueueCapacityMessages"); }
        }

        /// <summary>Most bytes (payload + topic) queued while disconnected (0-1048576; default 16384).</summary>
        public int QueueCapacityBytes
        {
            get { return _queueCapacityBytes; }
            set { _queueCapacityBytes = SettingRange.Check(value, 0, 1048576, "QueueCapacityBytes"); }
        }

        /// <summary>
        /// The MQTT version to speak (default <see cref="MqttProtocolLevel.Mqtt311"/>). With
        /// <see cref="MqttProtocolLevel.Mqtt5"/> the session acts on CONNACK and server DISCONNECT reason codes
        /// (throttling, takeover, maximum connect time); see docs/session-lifetime.md for why 3.1.1 is the default.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">Not one of the <see cref="MqttProtocolLevel"/> values.</exception>
        public MqttProtocolLevel ProtocolLevel
        {
            get
            {
                return _protocolLevel;
            }

            set
            {
                if (value != MqttProtocolLevel.Mqtt311 && value != MqttProtocolLevel.Mqtt5)
                {
                    throw new ArgumentOutOfRangeException("ProtocolLevel", "ProtocolLevel must be Mqtt311 or Mqtt5.");
                }

                _protocolLevel = value;
            }
        }

        /// <summary>
        /// Most MQTT 5 session takeovers (DISCONNECT 0x8E: another client connected with this client id) in any
        /// 60-minute window before the session stops itself (0-60; default 3; 0 stops at the first one), so two
        /// devices sharing a client id do not take the connection from each other forever.
        /// </summary>
        public int MaxSessionTakeoversPerHour
        {
            get { return _maxSessionTakeoversPerHour; }
            set { _maxSessionTakeoversPerHour = SettingRange.Check(value, 0, 60, "MaxSessionTakeoversPerHour"); }
        }

        /// <summary>Longest wait <see cref="MqttSession.Tick"/> asks for, in ms (1000-3600000; default 60000): a bound, so no deadline can be missed by more than this.</summary>
        public int MaxTickIntervalMilliseconds
        {
            get { return _maxTickIntervalMilliseconds; }
            set { _maxTickIntervalMilliseconds = SettingRange.Check(value, 1000, 3600000, "MaxTickIntervalMilliseconds"); }
        }
    }
}
