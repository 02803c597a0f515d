using System;
using DeviceAuth.Credentials;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Mqtt
{
    // MqttSession, part: one connection attempt (credentials, CONNECT, entering Connected), credentials ahead of need, and the failure path.
    public sealed partial class MqttSession
    {
        private void Connect(bool planned)
        {
            MqttConnectCredentials credentials = ComposeCredentials();
            if (credentials == null)
            {
                return;
            }

            int code;
            try
            {
                code = _transport.Connect(credentials, _options.ProtocolLevel, _options.CleanSession, _options.KeepAliveSeconds);
            }
            catch (Exception e)
            {
                Fail(FailureKind.Transient, MqttSessionEvent.ConnectFailed, -1, ReasonCodeDecision.None, e);
                return;
            }

            if (code != MqttReturnCodes.Accepted)
            {
                OnRefused(code);
                return;
            }

            if (!BeginConnected(planned))
            {
                _transport.Disconnect();
                return;
            }

            Report(MqttSessionEvent.Connected, code, null);
            RestoreSubscriptions();
            Flush();
        }

        /// <summary>Counts the attempt and composes its credentials (renewed after a refusal); null when that failed (reported).</summary>
        private MqttConnectCredentials ComposeCredentials()
        {
            bool renew;
            lock (_sync)
            {
                renew = _retry.RenewBeforeNextAttempt;
                _retry.RecordAttempt(_ticks.ElapsedMilliseconds);
                ConnectAttempts++;
            }

            try
            {
                AuthToken token = renew ? _keeper.Renew() : _keeper.Ensure(_options.Lifetime.MinimumConnectValiditySeconds);
                return _authorization.Compose(token, _options.ClientId);
            }
            catch (Exception e)
            {
                Fail(FailureKind.CredentialsUnavailable, MqttSessionEvent.CredentialsFailed, -1, ReasonCodeDecision.None, e);
                return null;
            }
        }

        /// <summary>Enters Connected and plans the connection's life; false when the session was stopped meanwhile.</summary>
        private bool BeginConnected(bool planned)
        {
            lock (_sync)
            {
                if (_state == MqttSessionState.Stopped)
                {
                    return false;
                }

                long now = _ticks.ElapsedMilliseconds;
                _state = MqttSessionState.Connected;
                _connectedAtMs = now;
                _retry.OnConnected(now);
                _reconnectAtMs = _planner.PlanReconnectAt(now, _keeper.RemainingMilliseconds(), planned, _random);
                _prepareAtMs = _planner.PrepareCredentialsAt(now, _reconnectAtMs);
                _prepared = false;
                Connections++;
                return true;
            }
        }

        private void PrepareCredentials()
        {
            int needed;
            lock (_sync)
            {
                needed = _planner.ValidityNeededForReconnect(_ticks.ElapsedMilliseconds, _reconnectAtMs);
            }

            try
            {
                _keeper.Ensure(needed);
                Report(MqttSessionEvent.CredentialsPrepared, -1, null);
            }
            catch (Exception e)
            {
                // Not fatal: the reconnect asks again and, failing then, backs off.
                Report(MqttSessionEvent.CredentialsFailed, -1, e.GetType().Name);
            }
        }

        private void Fail(FailureKind kind, MqttSessionEvent evt, int code, ReasonCodeDecision decision, Exception error)
        {
            lock (_sync)
            {
                if (_state == MqttSessionState.Stopped)
                {
                    return;
                }

                _nextAttemptAtMs = _retry.OnFailure(kind, _ticks.ElapsedMilliseconds);
                _state = MqttSessionState.Reconnecting;
            }

            Report(evt, code, decision, error == null ? null : error.GetType().Name);
        }
    }
}
