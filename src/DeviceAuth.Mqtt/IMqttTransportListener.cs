namespace DeviceAuth.Mqtt
{
    /// <summary>What a transport reports to its session (called from the transport's own thread).</summary>
    public interface IMqttTransportListener
    {
        /// <summary>The established connection ended without the session asking (broker hang-up, network loss, service cut).</summary>
        void OnConnectionLost();

        /// <summary>A PUBLISH arrived from the broker.</summary>
        /// <param name="topic">The topic.</param>
        /// <param name="payload">The payload.</param>
        void OnMessageReceived(string topic, byte[] payload);
    }
}
