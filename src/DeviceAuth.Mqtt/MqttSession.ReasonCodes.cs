using DeviceAuth.Lifetime;

namespace DeviceAuth.Mqtt
{
    // MqttSession, part: what CONNACK refusals and lost connections lead to (ReasonCodePolicy's decisions: paths, takeovers, halting).
    public sealed partial class MqttSession
    {
        /// <summary>Transport callback: the established connection ended; the decision is <see cref="ReasonCodePolicy.ForDisconnect"/>'s.</summary>
        /// <param name="disconnectReasonCode">The server's MQTT 5 DISCONNECT reason code, or <see cref="MqttReasonCodes.None"/> (-1).</param>
        public void OnConnectionLost(int disconnectReasonCode)
        {
            // A code no DISCONNECT can carry (a transport breaking its contract) is a plain loss.
            int code = disconnectReasonCode >= 0 && disconnectReasonCode <= 255 ? disconnectReasonCode : MqttReasonCodes.None;
            ReasonCodeDecision decision = ReasonCodePolicy.ForDisconnect(code);
            lock (_sync)
            {
                if (_state != MqttSessionState.Connected)
                {
                    return;
                }

                ConnectionsLost++;
                long now = _ticks.ElapsedMilliseconds;
                if (decision == ReasonCodeDecision.SessionTakenOver)
                {
                    SessionTakeovers++;
                    decision = TakeoverAllowed(now) ? decision : ReasonCodeDecision.Halt;
                }

                if (ReasonCodePolicy.Stops(decision))
                {
                    _state = MqttSessionState.Stopped;
                    _haltReasonCode = code;
                }
                else
                {
                    _nextAttemptAtMs = NextAttemptAfterLoss(decision, now);
                    _state = MqttSessionState.Reconnecting;
                }
            }

            Report(ReasonCodePolicy.Stops(decision) ? MqttSessionEvent.Halted : MqttSessionEvent.ConnectionLost, code, decision, null);
        }

        /// <summary>A CONNACK refused the connection: <see cref="ReasonCodePolicy.ForConnack"/> decides the path.</summary>
        private void OnRefused(int code)
        {
            ReasonCodeDecision decision = ReasonCodePolicy.ForConnack(code);
            if (ReasonCodePolicy.Stops(decision))
            {
                Halt(code, decision);
            }
            else if (decision == ReasonCodeDecision.RenewCredentials)
            {
                Fail(FailureKind.AuthorizationRefused, MqttSessionEvent.Refused, code, decision, null);
            }
            else
            {
                Fail(FailureKind.Throttled, MqttSessionEvent.ConnectFailed, code, decision, null);
            }
        }

        /// <summary>The session stops itself after a code reconnecting cannot cure; the application may <see cref="Start"/> it again.</summary>
        private void Halt(int code, ReasonCodeDecision decision)
        {
            lock (_sync)
            {
                if (_state == MqttSessionState.Stopped)
                {
                    return;
                }

                _state = MqttSessionState.Stopped;
                _haltReasonCode = code;
            }

            Report(MqttSessionEvent.Halted, code, decision, null);
        }

        /// <summary>When to try again after the server ended a connection (the caller locks).</summary>
        private long NextAttemptAfterLoss(ReasonCodeDecision decision, long now)
        {
            switch (decision)
            {
                case ReasonCodeDecision.PlannedReconnect:
                    return _retry.OnServiceEndedConnection(now);
                case ReasonCodeDecision.RenewCredentials:
                    return _retry.OnConnectionLost(FailureKind.AuthorizationRefused, now);
                case ReasonCodeDecision.BackOffLonger:
                case ReasonCodeDecision.SessionTakenOver:
                    return _retry.OnConnectionLost(FailureKind.Throttled, now);
                default:
                    return _retry.OnConnectionLost(FailureKind.Transient, now);
            }
        }

        /// <summary>
        /// Records a takeover unless <see cref="MqttSessionOptions.MaxSessionTakeoversPerHour"/> were already
        /// seen in the last 60 minutes (the caller locks); false means this one is over the bound.
        /// </summary>
        private bool TakeoverAllowed(long now)
        {
            if (_takeovers == null || _takeovers.EarliestAttemptAt(now) > now)
            {
                return false;
            }

            _takeovers.RecordAttempt(now);
            return true;
        }
    }
}
