namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// One status report of an <see cref="MqttSession"/>. Carries no credentials: failures are
    /// described by the exception's type name only.
    /// </summary>
    public sealed class MqttSessionStatus
    {
        /// <summary>Creates a report.</summary>
        /// <param name="evt">What happened.</param>
        /// <param name="state">The session state after it.</param>
        /// <param name="returnCode">The CONNACK code, or -1.</param>
        /// <param name="consecutiveFailures">Failures in the current streak.</param>
        /// <param name="nextAttemptInMilliseconds">Delay until the next connection attempt, or -1 when none is scheduled.</param>
        /// <param name="detail">A short description without secrets (an exception type name), or null.</param>
        public MqttSessionStatus(MqttSessionEvent evt, MqttSessionState state, int returnCode, int consecutiveFailures, long nextAttemptInMilliseconds, string detail)
            : this(evt, state, returnCode, ReasonCodeDecision.None, consecutiveFailures, nextAttemptInMilliseconds, detail)
        {
        }

        /// <summary>Creates a report about a reason code and what the session decided.</summary>
        /// <param name="evt">What happened.</param>
        /// <param name="state">The session state after it.</param>
        /// <param name="returnCode">The CONNACK code or the server's DISCONNECT reason code, or -1.</param>
        /// <param name="decision">What the session does about the code (<see cref="ReasonCodePolicy"/>), or <see cref="ReasonCodeDecision.None"/>.</param>
        /// <param name="consecutiveFailures">Failures in the current streak.</param>
        /// <param name="nextAttemptInMilliseconds">Delay until the next connection attempt, or -1 when none is scheduled.</param>
        /// <param name="detail">A short description without secrets (an exception type name), or null.</param>
        public MqttSessionStatus(MqttSessionEvent evt, MqttSessionState state, int returnCode, ReasonCodeDecision decision, int consecutiveFailures, long nextAttemptInMilliseconds, string detail)
        {
            Decision = decision;
            Event = evt;
            State = state;
            ReturnCode = returnCode;
            ConsecutiveFailures = consecutiveFailures;
            NextAttemptInMilliseconds = nextAttemptInMilliseconds;
            Detail = detail;
        }

        /// <summary>What happened.</summary>
        public MqttSessionEvent Event { get; }

        /// <summary>The session state after the event.</summary>
        public MqttSessionState State { get; }

        /// <summary>The CONNACK return/reason code, the server's MQTT 5 DISCONNECT reason code (<see cref="MqttSessionEvent.ConnectionLost"/>, <see cref="MqttSessionEvent.Halted"/>), or -1 when not applicable.</summary>
        public int ReturnCode { get; }

        /// <summary>What the session decided about the CONNACK or the lost connection (<see cref="ReasonCodeDecision.Reconnect"/> for a loss without a code); <see cref="ReasonCodeDecision.None"/> when the event is not about one. Not part of <see cref="ToString"/>.</summary>
        public ReasonCodeDecision Decision { get; }

        /// <summary>Failures in the current streak.</summary>
        public int ConsecutiveFailures { get; }

        /// <summary>Delay until the next connection attempt, or -1 when none is scheduled.</summary>
        public long NextAttemptInMilliseconds { get; }

        /// <summary>A short description without secrets, or null.</summary>
        public string Detail { get; }

        /// <summary>A one-line description (no secrets).</summary>
        public override string ToString()
        {
            return "MqttSessionStatus(" + EventName(Event) + ", rc " + ReturnCode.ToString() + ", failures " + ConsecutiveFailures.ToString() + ", next " + NextAttemptInMilliseconds.ToString() + " ms" + (Detail == null ? ")" : ", " + Detail + ")");
        }

        private static string EventName(MqttSessionEvent evt)
        {
            switch (evt)
            {
                case MqttSessionEvent.Started: return "Started";
                case MqttSessionEvent.Connected: return "Connected";
                case MqttSessionEvent.ConnectFailed: return "ConnectFailed";
                case MqttSessionEvent.Refused: return "Refused";
                case MqttSessionEvent.CredentialsFailed: return "CredentialsFailed";
                case MqttSessionEvent.ConnectionLost: return "ConnectionLost";
                case MqttSessionEvent.ProactiveReconnect: return "ProactiveReconnect";
                case MqttSessionEvent.CredentialsPrepared: return "CredentialsPrepared";
                case MqttSessionEvent.MessageDropped: return "MessageDropped";
                case MqttSessionEvent.SubscriptionFailed: return "SubscriptionFailed";
                case MqttSessionEvent.Halted: return "Halted";
                default: return "Stopped";
            }
        }
    }
}
