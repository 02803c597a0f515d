namespace DeviceAuth.Mqtt
{
    /// <summary>The MQTT protocol version a session speaks; the values are the CONNECT packet's protocol level byte.</summary>
    public enum MqttProtocolLevel
    {
        /// <summary>MQTT 3.1.1 (protocol level 4): CONNACK return codes 0-5, no server DISCONNECT.</summary>
        Mqtt311 = 4,

        /// <summary>MQTT 5.0 (protocol level 5): CONNACK and server DISCONNECT reason codes.</summary>
        Mqtt5 = 5,
    }
}
