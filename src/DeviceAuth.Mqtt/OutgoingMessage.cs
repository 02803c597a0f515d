namespace DeviceAuth.Mqtt
{
    /// <summary>A message waiting in the <see cref="OutgoingQueue"/>.</summary>
    public sealed class OutgoingMessage
    {
        /// <summary>Creates a message.</summary>
        /// <param name="topic">The topic.</param>
        /// <param name="payload">The payload (kept by reference, not copied).</param>
        /// <param name="qos">QoS 0-2.</param>
        /// <param name="retain">The retain flag.</param>
        public OutgoingMessage(string topic, byte[] payload, byte qos, bool retain)
        {
            Topic = topic;
            Payload = payload;
            Qos = qos;
            Retain = retain;
        }

        /// <summary>The topic.</summary>
        public string Topic { get; }

        /// <summary>The payload.</summary>
        public byte[] Payload { get; }

        /// <summary>QoS 0-2.</summary>
        public byte Qos { get; }

        /// <summary>The retain flag.</summary>
        public bool Retain { get; }

        /// <summary>Bytes the message counts against the queue's byte capacity: payload plus topic characters.</summary>
        public int Size
        {
            get { return Payload.Length + Topic.Length; }
        }
    }
}
