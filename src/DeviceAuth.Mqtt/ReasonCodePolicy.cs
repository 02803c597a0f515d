using System;

namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// The decision table: what a session does about each CONNACK code (MQTT 3.1.1 return codes 1-5 and
    /// MQTT 5 reason codes) and each server DISCONNECT reason code. Pure: a code in, a decision out.
    /// The table and its reasons are in docs/session-lifetime.md ("Reason codes").
    /// </summary>
    public static class ReasonCodePolicy
    {
        /// <summary>The decision for a CONNACK code.</summary>
        /// <param name="code">The CONNACK code as received: 0 (accepted), an MQTT 3.1.1 return code 1-5, or an MQTT 5 reason code 0x80-0xFF.</param>
        /// <returns><see cref="ReasonCodeDecision.None"/> for 0; otherwise the decision. A code the MQTT 5 table does not define for CONNACK backs off longer.</returns>
        /// <exception cref="ArgumentOutOfRangeException">The code is not a byte (0-255).</exception>
        public static ReasonCodeDecision ForConnack(int code)
        {
            RequireByte(code, "code");
            if (code >= MqttReturnCodes.UnacceptableProtocolVersion && code <= MqttReturnCodes.NotAuthorized)
            {
                code = MqttReturnCodes.ToReasonCode(code);
            }

            switch (code)
            {
                case MqttReasonCodes.Success:
                    return ReasonCodeDecision.None;
                case MqttReasonCodes.BadUserNameOrPassword:
                case MqttReasonCodes.NotAuthorized:
                    return ReasonCodeDecision.RenewCredentials;
                case MqttReasonCodes.Banned:
                    return ReasonCodeDecision.Halt;
                case MqttReasonCodes.MalformedPacket:
                case MqttReasonCodes.ProtocolError:
                case MqttReasonCodes.UnsupportedProtocolVersion:
                case MqttReasonCodes.ClientIdentifierNotValid:
                case MqttReasonCodes.BadAuthenticationMethod:
                case MqttReasonCodes.TopicNameInvalid:
                case MqttReasonCodes.PacketTooLarge:
                case MqttReasonCodes.PayloadFormatInvalid:
                case MqttReasonCodes.RetainNotSupported:
                case MqttReasonCodes.QoSNotSupported:
                case MqttReasonCodes.ServerMoved:
                    // The CONNECT itself (protocol, client id, username size, will fields) or the endpoint is wrong.
                    return ReasonCodeDecision.ConfigurationError;
                default:
                    // 0x80, 0x83, 0x88, 0x89, 0x97, 0x9C, 0x9F, and any code MQTT 5 does not define for
                    // CONNACK: the service did not accept the device for a reason renewing cannot cure.
                    return ReasonCodeDecision.BackOffLonger;
            }
        }

        /// <summary>The decision for a connection the server ended, by its DISCONNECT reason code.</summary>
        /// <param name="code">The reason code of the server's DISCONNECT, or <see cref="MqttReasonCodes.None"/> when the connection ended without one (MQTT 3.1.1, a hang-up).</param>
        /// <returns>The decision (never <see cref="ReasonCodeDecision.None"/>).</returns>
        /// <exception cref="ArgumentOutOfRangeException">The code is neither -1 nor a byte.</exception>
        public static ReasonCodeDecision ForDisconnect(int code)
        {
            if (code == MqttReasonCodes.None)
            {
                return ReasonCodeDecision.Reconnect;
            }

            RequireByte(code, "code");
            switch (code)
            {
                case MqttReasonCodes.NotAuthorized:
                    // The policy refresh re-judged the credentials presented at connect and refused them.
                    return ReasonCodeDecision.RenewCredentials;
                case MqttReasonCodes.MaximumConnectTime:
                    return ReasonCodeDecision.PlannedReconnect;
                case MqttReasonCodes.SessionTakenOver:
                    return ReasonCodeDecision.SessionTakenOver;
                case MqttReasonCodes.MalformedPacket:
                case MqttReasonCodes.ProtocolError:
                case MqttReasonCodes.ServerMoved:
                    return ReasonCodeDecision.ConfigurationError;
                case MqttReasonCodes.Success:
                case MqttReasonCodes.UnspecifiedError:
                case MqttReasonCodes.ServerShuttingDown:
                case MqttReasonCodes.KeepAliveTimeout:
                    return ReasonCodeDecision.Reconnect;
                case MqttReasonCodes.ImplementationSpecificError:
                case MqttReasonCodes.ServerBusy:
                case MqttReasonCodes.TopicFilterInvalid:
                case MqttReasonCodes.TopicNameInvalid:
                case MqttReasonCodes.ReceiveMaximumExceeded:
                case MqttReasonCodes.TopicAliasInvalid:
                case MqttReasonCodes.PacketTooLarge:
                case MqttReasonCodes.MessageRateTooHigh:
                case MqttReasonCodes.QuotaExceeded:
                case MqttReasonCodes.AdministrativeAction:
                case MqttReasonCodes.PayloadFormatInvalid:
                case MqttReasonCodes.RetainNotSupported:
                case MqttReasonCodes.QoSNotSupported:
                case MqttReasonCodes.UseAnotherServer:
                case MqttReasonCodes.SharedSubscriptionsNotSupported:
                case MqttReasonCodes.ConnectionRateExceeded:
                case MqttReasonCodes.SubscriptionIdentifiersNotSupported:
                case MqttReasonCodes.WildcardSubscriptionsNotSupported:
                    return ReasonCodeDecision.BackOffLonger;
                default:
                    // Not a server DISCONNECT code in MQTT 5: a failure code (0x80 and up) keeps its CONNACK
                    // meaning (0x84-0x86, 0x88, 0x8A, 0x8C; undefined ones back off longer); a code below
                    // 0x80 (0x04 is the client's own) is a plain loss.
                    return code >= 0x80 ? ForConnack(code) : ReasonCodeDecision.Reconnect;
            }
        }

        /// <summary>True for the decisions that stop the session (<see cref="ReasonCodeDecision.Halt"/>, <see cref="ReasonCodeDecision.ConfigurationError"/>).</summary>
        /// <param name="decision">The decision.</param>
        public static bool Stops(ReasonCodeDecision decision)
        {
            return decision == ReasonCodeDecision.Halt || decision == ReasonCodeDecision.ConfigurationError;
        }

        private static void RequireByte(int code, string name)
        {
            if (code < 0 || code > 255)
            {
                throw new ArgumentOutOfRangeException(name, "A CONNACK or DISCONNECT code is one byte, 0-255.");
            }
        }
    }
}
