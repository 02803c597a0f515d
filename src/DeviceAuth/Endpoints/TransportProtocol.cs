namespace DeviceAuth.Endpoints
{
    /// <summary>What the device speaks over TLS.</summary>
    public enum TransportProtocol
    {
        /// <summary>MQTT directly over TLS.</summary>
        Mqtt = 0,

        /// <summary>MQTT over WebSockets (<c>GET /mqtt</c>, <c>Sec-WebSocket-Protocol: mqtt</c>).</summary>
        MqttOverWebSockets = 1,

        /// <summary>HTTPS requests.</summary>
        Https = 2,
    }
}
