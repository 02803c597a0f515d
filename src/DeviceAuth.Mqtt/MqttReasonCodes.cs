namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// MQTT 5 reason codes a server sends in CONNACK and DISCONNECT (MQTT 5.0, sections 2.4, 3.2.2.2 and
    /// 3.14.2.1). The session reports them as received; <see cref="ReasonCodePolicy"/> decides what each means.
    /// </summary>
    public static class MqttReasonCodes
    {
        /// <summary>No reason code: a connection lost without a DISCONNECT (MQTT 3.1.1, or a plain hang-up).</summary>
        public const int None = -1;

        /// <summary>CONNACK: success. DISCONNECT: normal disconnection.</summary>
        public const int Success = 0x00;

        /// <summary>Unspecified error.</summary>
        public const int UnspecifiedError = 0x80;

        /// <summary>Malformed packet.</summary>
        public const int MalformedPacket = 0x81;

        /// <summary>Protocol error.</summary>
        public const int ProtocolError = 0x82;

        /// <summary>Implementation specific error.</summary>
        public const int ImplementationSpecificError = 0x83;

        /// <summary>Unsupported protocol version (CONNACK).</summary>
        public const int UnsupportedProtocolVersion = 0x84;

        /// <summary>Client identifier not valid (CONNACK).</summary>
        public const int ClientIdentifierNotValid = 0x85;

        /// <summary>Bad user name or password (CONNACK).</summary>
        public const int BadUserNameOrPassword = 0x86;

        /// <summary>Not authorized.</summary>
        public const int NotAuthorized = 0x87;

        /// <summary>Server unavailable (CONNACK).</summary>
        public const int ServerUnavailable = 0x88;

        /// <summary>Server busy.</summary>
        public const int ServerBusy = 0x89;

        /// <summary>Banned (CONNACK).</summary>
        public const int Banned = 0x8A;

        /// <summary>Server shutting down (DISCONNECT).</summary>
        public const int ServerShuttingDown = 0x8B;

        /// <summary>Bad authentication method (CONNACK).</summary>
        public const int BadAuthenticationMethod = 0x8C;

        /// <summary>Keep alive timeout (DISCONNECT).</summary>
        public const int KeepAliveTimeout = 0x8D;

        /// <summary>Session taken over: another connection with the same client id (DISCONNECT).</summary>
        public const int SessionTakenOver = 0x8E;

        /// <summary>Topic filter invalid (DISCONNECT).</summary>
        public const int TopicFilterInvalid = 0x8F;

        /// <summary>Topic name invalid.</summary>
        public const int TopicNameInvalid = 0x90;

        /// <summary>Receive maximum exceeded (DISCONNECT).</summary>
        public const int ReceiveMaximumExceeded = 0x93;

        /// <summary>Topic alias invalid (DISCONNECT).</summary>
        public const int TopicAliasInvalid = 0x94;

        /// <summary>Packet too large.</summary>
        public const int PacketTooLarge = 0x95;

        /// <summary>Message rate too high (DISCONNECT).</summary>
        public const int MessageRateTooHigh = 0x96;

        /// <summary>Quota exceeded.</summary>
        public const int QuotaExceeded = 0x97;

        /// <summary>Administrative action (DISCONNECT).</summary>
        public const int AdministrativeAction = 0x98;

        /// <summary>Payload format invalid.</summary>
        public const int PayloadFormatInvalid = 0x99;

        /// <summary>Retain not supported.</summary>
        public const int RetainNotSupported = 0x9A;

        /// <summary>QoS not supported.</summary>
        public const int QoSNotSupported = 0x9B;

        /// <summary>Use another server.</summary>
        public const int UseAnotherServer = 0x9C;

        /// <summary>Server moved.</summary>
        public const int ServerMoved = 0x9D;

        /// <summary>Shared subscriptions not supported (DISCONNECT).</summary>
        public const int SharedSubscriptionsNotSupported = 0x9E;

        /// <summary>Connection rate exceeded.</summary>
        public const int ConnectionRateExceeded = 0x9F;

        /// <summary>Maximum connect time (DISCONNECT).</summary>
        public const int MaximumConnectTime = 0xA0;

        /// <summary>Subscription identifiers not supported (DISCONNECT).</summary>
        public const int SubscriptionIdentifiersNotSupported = 0xA1;

        /// <summary>Wildcard subscriptions not supported (DISCONNECT).</summary>
        public const int WildcardSubscriptionsNotSupported = 0xA2;
    }
}
