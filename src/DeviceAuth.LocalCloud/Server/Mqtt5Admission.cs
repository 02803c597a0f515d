using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// What AWS IoT Core refuses in a well-formed MQTT 5 CONNECT before any authorizer runs: enhanced
/// authentication (an Authentication Method: the service supports none, so 0x8C Bad
/// authentication method, as MQTT 5.0 section 4.12 suggests) and a client id longer than the
/// service's 128 bytes (0x85 Client Identifier not valid). Sources: docs/cli.md, section `serve`.
/// </summary>
internal static class Mqtt5Admission
{
    /// <summary>Null when <paramref name="connect"/> may go on to the authorizer; else why not, with the CONNACK reason code in <paramref name="reasonCode"/>.</summary>
    public static string Check(MqttConnectPacket connect, out MqttReasonCode reasonCode)
    {
        reasonCode = MqttReasonCode.Success;
        if (connect.Properties?.Find(MqttProperties.AuthenticationMethod) != null)
        {
            reasonCode = MqttReasonCode.BadAuthenticationMethod;
            return "enhanced authentication (an Authentication Method) is not supported";
        }

        int idBytes = System.Text.Encoding.UTF8.GetByteCount(connect.ClientId ?? string.Empty);
        if (idBytes > ServiceLimits.MqttClientIdMaxBytes)
        {
            reasonCode = MqttReasonCode.ClientIdentifierNotValid;
            return $"the client id is {idBytes} bytes long (at most {ServiceLimits.MqttClientIdMaxBytes})";
        }

        return null;
    }
}
