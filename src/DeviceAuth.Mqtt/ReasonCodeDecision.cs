namespace DeviceAuth.Mqtt
{
    /// <summary>What a session does about a CONNACK refusal or a server DISCONNECT (see <see cref="ReasonCodePolicy"/>).</summary>
    public enum ReasonCodeDecision
    {
        /// <summary>No reason code to act on (the connection was accepted, or the event is not about one).</summary>
        None = 0,

        /// <summary>Reconnect after the transient backoff, as after a network failure or a hang-up.</summary>
        Reconnect = 1,

        /// <summary>The credentials were refused: renew them once, then back off on the refusal path.</summary>
        RenewCredentials = 2,

        /// <summary>The service is busy, unavailable or throttling, or refused one packet: back off on the longer throttled path.</summary>
        BackOffLonger = 3,

        /// <summary>The service ended the connection at its maximum connect time: reconnect promptly (jittered) with fresh credentials; not a failure.</summary>
        PlannedReconnect = 4,

        /// <summary>Another client connected with this client id: back off on the throttled path; stop after too many takeovers per hour.</summary>
        SessionTakenOver = 5,

        /// <summary>The service refuses this device until an operator acts (banned, too many takeovers): stop and report.</summary>
        Halt = 6,

        /// <summary>The device's configuration cannot work (protocol version, client id, packet format, endpoint moved): stop and report.</summary>
        ConfigurationError = 7,
    }
}
