namespace DeviceAuth.Mqtt
{
    /// <summary>The states of an <see cref="MqttSession"/>.</summary>
    public enum MqttSessionState
    {
        /// <summary>Not running: <see cref="MqttSession.Start"/> not called, or <see cref="MqttSession.Stop"/> called.</summary>
        Stopped = 0,

        /// <summary>Producing credentials and connecting (inside <see cref="MqttSession.Tick"/>).</summary>
        Connecting = 1,

        /// <summary>Connected; subscriptions restored; the queue flushed.</summary>
        Connected = 2,

        /// <summary>Waiting for the next connection attempt (after a start, a failure or a loss).</summary>
        Reconnecting = 3,
    }
}
