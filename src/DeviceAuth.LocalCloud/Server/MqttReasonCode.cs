namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// The MQTT 5 reason codes the local endpoint sends or classifies (OASIS MQTT 5.0 section 2.4,
/// CONNACK table 3.1.4 / 3-1, DISCONNECT table 3-10). Values are the wire bytes.
/// </summary>
internal enum MqttReasonCode : byte
{
    /// <summary>0x00: CONNACK success; DISCONNECT normal disconnection.</summary>
    Success = 0x00,

    /// <summary>0x81: data in the packet could not be parsed.</summary>
    MalformedPacket = 0x81,

    /// <summary>0x82: the packet is well-formed but breaks a rule of the specification (e.g. a property given twice).</summary>
    ProtocolError = 0x82,

    /// <summary>0x84: the server does not speak the protocol version the client asked for.</summary>
    UnsupportedProtocolVersion = 0x84,

    /// <summary>0x85: the client identifier is a valid string but not allowed by the server.</summary>
    ClientIdentifierNotValid = 0x85,

    /// <summary>0x86: the server does not accept the user name or password.</summary>
    BadUserNameOrPassword = 0x86,

    /// <summary>0x87: the client is not authorized (to connect, or any longer).</summary>
    NotAuthorized = 0x87,

    /// <summary>0x88: the MQTT service is not available.</summary>
    ServerUnavailable = 0x88,

    /// <summary>0x8B: the server is shutting down.</summary>
    ServerShuttingDown = 0x8B,

    /// <summary>0x8C: the authentication method (enhanced authentication) is not supported.</summary>
    BadAuthenticationMethod = 0x8C,

    /// <summary>0x8E: another connection with the same client identifier has connected.</summary>
    SessionTakenOver = 0x8E,

    /// <summary>0x99: the will payload does not match its payload format indicator.</summary>
    PayloadFormatInvalid = 0x99,

    /// <summary>0xA0: the maximum connection time authorized for this connection has been exceeded.</summary>
    MaximumConnectTime = 0xA0,
}
