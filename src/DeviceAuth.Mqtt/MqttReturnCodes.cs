using DeviceAuth.Lifetime;

namespace DeviceAuth.Mqtt
{
    /// <summary>Classifies CONNACK return codes (MQTT 3.1.1) and reason codes (MQTT 5) into retry paths.</summary>
    public static class MqttReturnCodes
    {
        /// <summary>Connection accepted.</summary>
        public const int Accepted = 0;

        /// <summary>MQTT 3.1.1: identifier rejected.</summary>
        public const int IdentifierRejected = 2;

        /// <summary>MQTT 3.1.1: server unavailable.</summary>
        public const int ServerUnavailable = 3;

        /// <summary>MQTT 3.1.1: bad user name or password.</summary>
        public const int BadUserNameOrPassword = 4;

        /// <summary>MQTT 3.1.1: not authorized.</summary>
        public const int NotAuthorized = 5;

        /// <summary>
        /// The retry path for a non-zero code: the credential-related refusals (3.1.1: 2, 4, 5; MQTT 5:
        /// 0x85 client identifier not valid, 0x86 bad user name or password, 0x87 not authorized,
        /// 0x8A banned, 0x8C bad authentication method) take the refusal path; everything else
        /// (server unavailable, busy, rate exceeded, protocol errors) is transient.
        /// </summary>
        /// <param name="code">The CONNACK code.</param>
        public static FailureKind Classify(int code)
        {
            switch (code)
            {
                case IdentifierRejected:
                case BadUserNameOrPassword:
                case NotAuthorized:
                case 0x85:
                case 0x86:
                case 0x87:
                case 0x8A:
                case 0x8C:
                    return FailureKind.AuthorizationRefused;
                default:
                    return FailureKind.Transient;
            }
        }
    }
}
