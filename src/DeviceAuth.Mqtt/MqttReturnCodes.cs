using System;

namespace DeviceAuth.Mqtt
{
    /// <summary>MQTT 3.1.1 CONNACK return codes (MQTT 3.1.1, section 3.2.2.3) and their MQTT 5 equivalents.</summary>
    public static class MqttReturnCodes
    {
        /// <summary>Connection accepted.</summary>
        public const int Accepted = 0;

        /// <summary>MQTT 3.1.1: unacceptable protocol version.</summary>
        public const int UnacceptableProtocolVersion = 1;

        /// <summary>MQTT 3.1.1: identifier rejected.</summary>
        public const int IdentifierRejected = 2;

        /// <summary>MQTT 3.1.1: server unavailable.</summary>
        public const int ServerUnavailable = 3;

        /// <summary>MQTT 3.1.1: bad user name or password.</summary>
        public const int BadUserNameOrPassword = 4;

        /// <summary>MQTT 3.1.1: not authorized.</summary>
        public const int NotAuthorized = 5;

        /// <summary>
        /// The MQTT 5 reason code with the meaning of an MQTT 3.1.1 return code (1 to 0x84, 2 to 0x85,
        /// 3 to 0x88, 4 to 0x86, 5 to 0x87; 0 stays 0), so one table serves both protocol versions.
        /// </summary>
        /// <param name="returnCode">An MQTT 3.1.1 CONNACK return code, 0-5.</param>
        /// <returns>The MQTT 5 CONNACK reason code.</returns>
        /// <exception cref="ArgumentOutOfRangeException">The code is not 0-5 (6-255 are reserved in MQTT 3.1.1).</exception>
        public static int ToReasonCode(int returnCode)
        {
            switch (returnCode)
            {
                case Accepted: return MqttReasonCodes.Success;
                case UnacceptableProtocolVersion: return MqttReasonCodes.UnsupportedProtocolVersion;
                case IdentifierRejected: return MqttReasonCodes.ClientIdentifierNotValid;
                case ServerUnavailable: return MqttReasonCodes.ServerUnavailable;
                case BadUserNameOrPassword: return MqttReasonCodes.BadUserNameOrPassword;
                case NotAuthorized: return MqttReasonCodes.NotAuthorized;
                default: throw new ArgumentOutOfRangeException("returnCode", "An MQTT 3.1.1 CONNACK return code is 0-5.");
            }
        }
    }
}
