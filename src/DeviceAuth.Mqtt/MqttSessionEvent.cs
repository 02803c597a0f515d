namespace DeviceAuth.Mqtt
{
    /// <summary>What happened, in an <see cref="MqttSessionStatus"/>.</summary>
    public enum MqttSessionEvent
    {
        /// <summary>The session was started.</summary>
        Started = 0,

        /// <summary>A connection was accepted (CONNACK 0).</summary>
        Connected = 1,

        /// <summary>A connection attempt failed on the network (DNS, TCP, TLS, timeout) or the broker was unavailable.</summary>
        ConnectFailed = 2,

        /// <summary>The broker refused the credentials (CONNACK 4 or 5, or an MQTT 5 authorization reason code).</summary>
        Refused = 3,

        /// <summary>No credentials could be produced (the token source or signer threw, the authorization rejected the token).</summary>
        CredentialsFailed = 4,

        /// <summary>An established connection was lost.</summary>
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
    }
}
