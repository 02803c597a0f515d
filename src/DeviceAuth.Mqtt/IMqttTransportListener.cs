namespace DeviceAuth.Mqtt
{
    /// <summary>What a transport reports to its session (called from the transport's own thread).</summary>
    public interface IMqttTransportListener
    {
        /// <summary>The established connection ended without the session asking (broker hang-up, network loss, service cut).</summary>
        /// <param name="disconnectReasonCode">
        /// The reason code of the server's DISCONNECT (MQTT 5, 0-255), or <see cref="MqttReasonCodes.None"/> (-1) when
        /// the connection ended without one (MQTT 3.1.1 has no server DISCONNECT; a hang-up carries none).
        /// Only the code: a DISCONNECT's reason string and user properties are never passed on.
        /// </param>
        void OnConnectionLost(int disconnectReasonCode);

        /// <summary>A PUBLISH arrived from the broker.</summary>
        /// <param name="topic">The topic.</param>
        /// <param name="payload">The payload.</param>
        void OnMessageReceived(string topic, byte[] payload);
    }
}
