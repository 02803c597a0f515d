using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// The packets the local endpoint itself sends to an MQTT 5 client (OASIS MQTT 5.0 sections 3.2
/// and 3.14), and the reason code it gives each refusal. No Reason String and no User Property
/// is ever sent: the code alone is the answer, so nothing of the request (let alone a secret)
/// is echoed. Why each code was chosen, with sources: docs/cli.md, section `serve`.
/// </summary>
internal static class MqttServerPackets
{
    /// <summary>An MQTT 5 CONNACK: session present 0, <paramref name="reasonCode"/>, Property Length 0.</summary>
    public static byte[] ConnAck(MqttReasonCode reasonCode) => new byte[] { 0x20, 0x03, 0x00, (byte)reasonCode, 0x00 };

    /// <summary>An MQTT 5 DISCONNECT from the server: <paramref name="reasonCode"/>, Property Length 0.</summary>
    public static byte[] Disconnect(MqttReasonCode reasonCode) => new byte[] { 0xE0, 0x02, (byte)reasonCode, 0x00 };

    /// <summary>
    /// The CONNACK reason code for a refused MQTT 5 CONNECT. 0x86 Bad User Name or Password when the
    /// service's own checks reject the credentials carried in the username (token or signature
    /// missing, malformed or not verifying): the authorizer function is never invoked. 0x87 Not
    /// authorized for everything decided by the authorizer and its policy (no usable authorizer,
    /// isAuthenticated false, a function failure or invalid answer, no iot:Connect).
    /// </summary>
    public static MqttReasonCode ConnAckFor(RefusalReason reason) => reason switch
    {
        RefusalReason.TokenMissing or RefusalReason.TokenInvalid or RefusalReason.SignatureMissing
            or RefusalReason.SignatureMalformed or RefusalReason.SignatureMismatch => MqttReasonCode.BadUserNameOrPassword,
        _ => MqttReasonCode.NotAuthorized,
    };

    /// <summary>Why the relay ends an accepted connection (each is one DISCONNECT reason code for MQTT 5 clients).</summary>
    public static MqttReasonCode DisconnectFor(RelayCut cut) => cut switch
    {
        RelayCut.DisconnectAfter => MqttReasonCode.MaximumConnectTime,
        RelayCut.RefreshRefused => MqttReasonCode.NotAuthorized,
        RelayCut.TakenOver => MqttReasonCode.SessionTakenOver,
        RelayCut.ServerStopping => MqttReasonCode.ServerShuttingDown,
        _ => throw new ArgumentOutOfRangeException(nameof(cut)),
    };
}

/// <summary>Why the relay ends a connection it accepted.</summary>
internal enum RelayCut
{
    /// <summary>disconnectAfterInSeconds elapsed (lifecycle disconnectReason CUSTOMAUTH_TTL_EXPIRATION).</summary>
    DisconnectAfter,

    /// <summary>The refresh every refreshAfterInSeconds refused the original credentials (AUTH_ERROR).</summary>
    RefreshRefused,

    /// <summary>Another connection with the same client id was accepted (DUPLICATE_CLIENTID).</summary>
    TakenOver,

    /// <summary>The local endpoint is stopping.</summary>
    ServerStopping,
}
