using DeviceAuth.LocalCloud.Server;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// The MQTT 5 side of the CONNECT parser and the packets serve sends, checked against MQTTnet's
/// packet codec (an MQTT 5 implementation nobody here wrote) and against hand-built bytes for
/// every rule of OASIS MQTT 5.0 sections 2.2.2 and 3.1 that the parser enforces.
/// </summary>
public class Mqtt5ConnectPacketTests
{
    private static MqttPacketFormatterAdapter Codec() => new(MqttProtocolVersion.V500, new MqttBufferWriter(4096, 65536));

    private static MqttUserProperty Prop(string name, string value) => new(name, System.Text.Encoding.UTF8.GetBytes(value).AsMemory());

    private static byte[] Encode(MqttPacket packet) => Codec().Encode(packet).ToArray();

    private static MqttPacket Decode(byte[] bytes)
    {
        int i = 1;
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[i++];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        Assert.Equal(bytes.Length, i + length);
        return Codec().Decode(new ReceivedMqttPacket(bytes[0], new ArraySegment<byte>(bytes, i, length), bytes.Length));
    }

    /// <summary>The bytes after the fixed header and remaining length.</summary>
    private static byte[] Body(byte[] packet)
    {
        int i = 1;
        while ((packet[i++] & 0x80) != 0)
        {
        }

        return packet.AsSpan(i).ToArray();
    }

    /// <summary>An MQTT 5 CONNECT body: protocol name MQTT, level 5, <paramref name="flags"/>, keep-alive 60, then <paramref name="restHex"/> (property length onwards).</summary>
    private static byte[] V5(byte flags, string restHex) =>
        new byte[] { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 5, flags, 0, 60 }.Concat(Convert.FromHexString(restHex.Replace(" ", string.Empty))).ToArray();

    private static MQTTnet.Packets.MqttConnectPacket EveryField() => new()
    {
        ClientId = "sensor-5",
        CleanSession = true,
        KeepAlivePeriod = 1200,
        Username = "sensor?x-amz-customauthorizer-name=a&token=t",
        Password = new byte[] { 0xFF, 0x00, 0x7F },
        SessionExpiryInterval = 3600,
        ReceiveMaximum = 20,
        MaximumPacketSize = 131072,
        TopicAliasMaximum = 8,
        RequestResponseInformation = true,
        RequestProblemInformation = false,
        UserProperties = new List<MqttUserProperty> { Prop("tenant", "a"), Prop("tenant", "b") },
        WillFlag = true,
        WillTopic = "devices/sensor-5/gone",
        WillMessage = "bye"u8.ToArray(),
        WillQoS = MqttQualityOfServiceLevel.AtLeastOnce,
        WillRetain = true,
        WillDelayInterval = 5,
        WillPayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
        WillMessageExpiryInterval = 60,
        WillContentType = "text/plain",
        WillResponseTopic = "devices/sensor-5/reply",
        WillCorrelationData = new byte[] { 1, 2, 3 },
        WillUserProperties = new List<MqttUserProperty> { Prop("reason", "power") },
    };

    [Fact]
    public void Every_field_of_an_MQTTnet_CONNECT_is_read_and_written_back_byte_for_byte()
    {
        byte[] wire = Encode(EveryField());
        var p = DeviceAuth.LocalCloud.Server.MqttConnectPacket.Parse(Body(wire));
        Assert.True(p.IsMqtt5);
        Assert.Equal("sensor-5", p.ClientId);
        Assert.Equal(1200, p.KeepAliveSeconds);
        Assert.Equal("sensor?x-amz-customauthorizer-name=a&token=t", p.Username);
        Assert.Equal(new byte[] { 0xFF, 0x00, 0x7F }, p.Password);
        Assert.Equal("devices/sensor-5/gone", p.WillTopic);
        Assert.Equal(2, p.Properties.Items.Count(i => i.Identifier == MqttProperties.UserProperty));
        Assert.Equal(new byte[] { 0, 0, 0x0E, 0x10 }, p.Properties.Find(MqttProperties.SessionExpiryInterval).Value);
        Assert.Equal((byte)1, p.WillProperties.ByteValue(MqttProperties.PayloadFormatIndicator));
        Assert.Equal(wire, p.Serialize());
    }

    [Fact]
    public void The_replay_without_credentials_is_an_MQTT5_CONNECT_MQTTnet_reads_with_every_property()
    {
        var p = DeviceAuth.LocalCloud.Server.MqttConnectPacket.Parse(Body(Encode(EveryField())));
        p.Username = "sensor";
        p.Password = null;
        var q = Assert.IsType<MQTTnet.Packets.MqttConnectPacket>(Decode(p.Serialize()));
        MQTTnet.Packets.MqttConnectPacket expected = EveryField();
        Assert.Equal("sensor", q.Username);
        Assert.Null(q.Password);
        Assert.Equal(expected.SessionExpiryInterval, q.SessionExpiryInterval);
        Assert.Equal(expected.ReceiveMaximum, q.ReceiveMaximum);
        Assert.Equal(expected.MaximumPacketSize, q.MaximumPacketSize);
        Assert.Equal(expected.TopicAliasMaximum, q.TopicAliasMaximum);
        Assert.Equal(new[] { "a", "b" }, q.UserProperties.Select(u => u.ReadValueAsString()));
        Assert.Equal(expected.WillDelayInterval, q.WillDelayInterval);
        Assert.Equal(expected.WillContentType, q.WillContentType);
        Assert.Equal(expected.WillResponseTopic, q.WillResponseTopic);
        Assert.Equal(expected.WillCorrelationData, q.WillCorrelationData);
        Assert.Equal("power", Assert.Single(q.WillUserProperties).ReadValueAsString());
    }

    [Theory]
    [InlineData((byte)MqttReasonCode.BadUserNameOrPassword, MqttConnectReasonCode.BadUserNameOrPassword)]
    [InlineData((byte)MqttReasonCode.NotAuthorized, MqttConnectReasonCode.NotAuthorized)]
    [InlineData((byte)MqttReasonCode.ClientIdentifierNotValid, MqttConnectReasonCode.ClientIdentifierNotValid)]
    [InlineData((byte)MqttReasonCode.BadAuthenticationMethod, MqttConnectReasonCode.BadAuthenticationMethod)]
    [InlineData((byte)MqttReasonCode.MalformedPacket, MqttConnectReasonCode.MalformedPacket)]
    public void The_CONNACK_serve_sends_is_read_by_MQTTnet_with_its_reason_code(byte sent, MqttConnectReasonCode read)
    {
        var ack = Assert.IsType<MqttConnAckPacket>(Decode(MqttServerPackets.ConnAck((MqttReasonCode)sent)));
        Assert.Equal(read, ack.ReasonCode);
        Assert.False(ack.IsSessionPresent);
        Assert.Null(ack.ReasonString);
    }

    [Theory]
    [InlineData((byte)MqttReasonCode.MaximumConnectTime, MqttDisconnectReasonCode.MaximumConnectTime)]
    [InlineData((byte)MqttReasonCode.SessionTakenOver, MqttDisconnectReasonCode.SessionTakenOver)]
    [InlineData((byte)MqttReasonCode.NotAuthorized, MqttDisconnectReasonCode.NotAuthorized)]
    [InlineData((byte)MqttReasonCode.ServerShuttingDown, MqttDisconnectReasonCode.ServerShuttingDown)]
    public void The_DISCONNECT_serve_sends_is_read_by_MQTTnet_with_its_reason_code(byte sent, MqttDisconnectReasonCode read)
    {
        var disconnect = Assert.IsType<MqttDisconnectPacket>(Decode(MqttServerPackets.Disconnect((MqttReasonCode)sent)));
        Assert.Equal(read, disconnect.ReasonCode);
        Assert.Null(disconnect.ReasonString);
    }

    [Theory]
    [InlineData(0x02, "0A 1100000001 1100000002 000163", (byte)MqttReasonCode.ProtocolError)] // Session Expiry Interval twice
    [InlineData(0x02, "03 210000 000163", (byte)MqttReasonCode.ProtocolError)] // Receive Maximum 0
    [InlineData(0x02, "05 2700000000 000163", (byte)MqttReasonCode.ProtocolError)] // Maximum Packet Size 0
    [InlineData(0x02, "02 1702 000163", (byte)MqttReasonCode.ProtocolError)] // Request Problem Information 2
    [InlineData(0x02, "02 1902 000163", (byte)MqttReasonCode.ProtocolError)] // Request Response Information 2
    [InlineData(0x02, "04 160001AA 000163", (byte)MqttReasonCode.ProtocolError)] // Authentication Data without Authentication Method
    [InlineData(0x02, "02 0101 000163", (byte)MqttReasonCode.MalformedPacket)] // Payload Format Indicator is not a CONNECT property
    [InlineData(0x02, "05 1800000001 000163", (byte)MqttReasonCode.MalformedPacket)] // Will Delay Interval is not a CONNECT property
    [InlineData(0x02, "07 26000161 0001FF 000163", (byte)MqttReasonCode.MalformedPacket)] // User Property value not UTF-8
    [InlineData(0x02, "07 26000161 000100 000163", (byte)MqttReasonCode.MalformedPacket)] // User Property value U+0000
    [InlineData(0x02, "8000 000163", (byte)MqttReasonCode.MalformedPacket)] // Property Length not in its shortest form
    [InlineData(0x02, "09 0000", (byte)MqttReasonCode.MalformedPacket)] // Property Length beyond the packet
    [InlineData(0x02, "02 11 00 000163", (byte)MqttReasonCode.MalformedPacket)] // property value cut by the Property Length
    [InlineData(0x06, "00 000163 04 0101 0101 0001 74 0001 78", (byte)MqttReasonCode.ProtocolError)] // will Payload Format Indicator twice
    [InlineData(0x06, "00 000163 04 08000123 0001 74 0000", (byte)MqttReasonCode.ProtocolError)] // will Response Topic "#"
    [InlineData(0x06, "00 000163 02 0102 0001 74 0000", (byte)MqttReasonCode.ProtocolError)] // will Payload Format Indicator 2
    [InlineData(0x06, "00 000163 05 1100000001 0001 74 0000", (byte)MqttReasonCode.MalformedPacket)] // Session Expiry Interval is not a will property
    [InlineData(0x06, "00 000163 02 0101 0001 74 0001 FF", (byte)MqttReasonCode.PayloadFormatInvalid)] // will marked UTF-8, payload is not
    [InlineData(0x03, "00 000163", (byte)MqttReasonCode.MalformedPacket)] // reserved connect flag
    [InlineData(0x1E, "00 000163 00 0001 74 0000", (byte)MqttReasonCode.MalformedPacket)] // will QoS 3
    [InlineData(0x02, "00 000163 00", (byte)MqttReasonCode.MalformedPacket)] // bytes left over
    public void A_CONNECT_breaking_a_rule_is_refused_with_the_reason_code_the_spec_names(byte flags, string restHex, byte expected)
    {
        var e = Assert.Throws<MqttProtocolException>(() => DeviceAuth.LocalCloud.Server.MqttConnectPacket.Parse(V5(flags, restHex)));
        Assert.Equal((MqttReasonCode)expected, e.ReasonCode);
        Assert.Equal(5, e.ProtocolLevel);
    }

    [Fact]
    public void User_Property_may_repeat_and_a_password_needs_no_user_name_in_MQTT5()
    {
        var p = DeviceAuth.LocalCloud.Server.MqttConnectPacket.Parse(V5(0x42, "0E 26000161000162 26000161000163 000163 000170"));
        Assert.Equal(new[] { 0x26, 0x26 }, p.Properties.Items.Select(i => (int)i.Identifier));
        Assert.Null(p.Username);
        Assert.Equal("p"u8.ToArray(), p.Password);
    }

    [Fact]
    public void Level_5_under_the_MQTT_3_protocol_name_is_not_answered_as_MQTT5()
    {
        byte[] body = { 0, 6, (byte)'M', (byte)'Q', (byte)'I', (byte)'s', (byte)'d', (byte)'p', 5, 0x02, 0, 60, 0, 0, 1, (byte)'c' };
        var e = Assert.Throws<MqttProtocolException>(() => DeviceAuth.LocalCloud.Server.MqttConnectPacket.Parse(body));
        Assert.Equal(0, e.ProtocolLevel);
    }

    [Fact]
    public void A_malformed_MQTT_3_1_1_CONNECT_keeps_level_4_so_it_is_closed_without_a_CONNACK()
    {
        byte[] body = { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x03, 0, 60, 0, 1, (byte)'c' };
        var e = Assert.Throws<MqttProtocolException>(() => DeviceAuth.LocalCloud.Server.MqttConnectPacket.Parse(body));
        Assert.Equal(4, e.ProtocolLevel);
    }
}
