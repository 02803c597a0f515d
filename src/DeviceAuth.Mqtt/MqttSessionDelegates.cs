namespace DeviceAuth.Mqtt
{
    /// <summary>Receives the status reports of an <see cref="MqttSession"/>.</summary>
    /// <param name="sender">The session.</param>
    /// <param name="status">The report.</param>
    public delegate void MqttSessionStatusHandler(MqttSession sender, MqttSessionStatus status);

    /// <summary>Receives the messages an <see cref="MqttSession"/> gets from the broker.</summary>
    /// <param name="sender">The session.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="payload">The payload.</param>
    public delegate void MqttMessageHandler(MqttSession sender, string topic, byte[] payload);
}
