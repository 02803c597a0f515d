namespace DeviceAuth.Mqtt
{
    /// <summary>What <see cref="MqttSession.Publish"/> did with a message.</summary>
    public enum PublishResult
    {
        /// <summary>Handed to the transport on the current connection.</summary>
        Sent = 0,

        /// <summary>Not connected: queued, to be sent after the next connect.</summary>
        Queued = 1,

        /// <summary>Queued, and the oldest queued message was dropped to make room.</summary>
        QueuedDroppedOldest = 2,

        /// <summary>Not connected and the message alone exceeds the queue's byte capacity (or the queue is disabled): discarded.</summary>
        Rejected = 3,

        /// <summary>
        /// Connected, but the MQTT client library refused this message while the connection stayed up
        /// (not a connection loss): discarded, counted in <see cref="MqttSession.RejectedMessages"/> and
        /// reported as <see cref="MqttSessionEvent.MessageDropped"/>.
        /// </summary>
        RejectedByTransport = 4,
    }
}
