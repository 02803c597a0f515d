namespace DeviceAuth.Mqtt
{
    /// <summary>What happened, in an <see cref="MqttSessionStatus"/>.</summary>
    public enum MqttSessionEvent
    {
        /// <summary>The session was started.</summary>
        Started = 0,

        /// <summary>A connection was accepted (CONNACK 0).</summary>
        Connected = 1,

        /// <summary>A connection attempt failed on the network (DNS, TCP, TLS, timeout), or the broker answered busy, unavailable or throttling (the code is in <see cref="MqttSessionStatus.ReturnCode"/>).</summary>
        ConnectFailed = 2,

        /// <summary>The broker refused the credentials (CONNACK 4 or 5, MQTT 5 0x86 or 0x87).</summary>
        Refused = 3,

        /// <summary>No credentials could be produced (the token source or signer threw, the authorization rejected the token).</summary>
        CredentialsFailed = 4,

        /// <summary>An established connection was lost; <see cref="MqttSessionStatus.ReturnCode"/> holds the server's MQTT 5 DISCONNECT reason code, or -1.</summary>
        ConnectionLost = 5,

        /// <summary>The session is replacing its connection before the service would cut it.</summary>
        ProactiveReconnect = 6,

        /// <summary>Credentials for the next planned reconnect were prepared ahead of need.</summary>
        CredentialsPrepared = 7,

        /// <summary>A message was discarded: the outgoing queue was full (the oldest was dropped) or could not hold it, or the MQTT client library refused it while connected.</summary>
        MessageDropped = 8,

        /// <summary>The session was stopped.</summary>
        Stopped = 9,

        /// <summary>The MQTT client library refused a subscription while the connection stayed up: the filter is forgotten (not restored on later connects).</summary>
        SubscriptionFailed = 10,

        /// <summary>
        /// The session stopped itself after a reason code that reconnecting cannot cure (banned, a configuration
        /// error, too many session takeovers): the code is in <see cref="MqttSessionStatus.ReturnCode"/>, the
        /// decision in <see cref="MqttSessionStatus.Decision"/>; <see cref="MqttSession.Start"/> starts it again.
        /// </summary>
        Halted = 11,
    }
}
