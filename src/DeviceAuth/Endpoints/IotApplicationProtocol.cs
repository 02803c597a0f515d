namespace DeviceAuth.Endpoints
{
    /// <summary>A domain configuration's applicationProtocol.</summary>
    public enum IotApplicationProtocol
    {
        /// <summary>DEFAULT: chosen by port and ALPN, as on the default data endpoint.</summary>
        Default = 0,

        /// <summary>SECURE_MQTT: MQTT over TLS.</summary>
        SecureMqtt = 1,

        /// <summary>MQTT_WSS: MQTT over WebSocket.</summary>
        MqttWss = 2,

        /// <summary>HTTPS: HTTP over TLS.</summary>
        Https = 3,
    }
}
