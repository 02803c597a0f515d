using DeviceAuth.LocalCloud.Server;

namespace DeviceAuth.LocalCloud.Tests;

public class MqttConnectPacketTests
{
    private static async Task<MqttConnectPacket> Read(byte[] bytes) => await MqttConnectPacket.ReadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Round_trips_every_field_including_a_long_username()
    {
        var p = new MqttConnectPacket
        {
            ClientId = "dev-1",
            KeepAliveSeconds = 1200,
            CleanSession = false,
            WillFlag = true,
            WillQos = 1,
            WillRetain = true,
            WillTopic = "will/t",
            WillMessage = new byte[] { 0, 1, 2 },
            Username = "u?" + new string('x', 20000),
            Password = new byte[] { 0xFF, 0x00 },
        };
        byte[] bytes = p.Serialize();
        Assert.Equal(0x10, bytes[0]);
        var q = await Read(bytes);
        Assert.Equal(p.ClientId, q.ClientId);
        Assert.Equal(p.KeepAliveSeconds, q.KeepAliveSeconds);
        Assert.False(q.CleanSession);
        Assert.True(q.WillFlag && q.WillRetain);
        Assert.Equal(1, q.WillQos);
        Assert.Equal(p.WillTopic, q.WillTopic);
        Assert.Equal(p.WillMessage, q.WillMessage);
        Assert.Equal(p.Username, q.Username);
        Assert.Equal(p.Password, q.Password);
        Assert.Equal(bytes, q.Serialize());
    }

    [Fact]
    public async Task Known_bytes_parse_independently_of_the_serializer()
    {
        // CONNECT, MQTT 3.1.1, flags 0xC2 (username, password, clean session), keep-alive 60, client "c", user "u", password "p".
        byte[] bytes = { 0x10, 19, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0xC2, 0, 60, 0, 1, (byte)'c', 0, 1, (byte)'u', 0, 1, (byte)'p' };
        var p = await Read(bytes);
        Assert.Equal("c", p.ClientId);
        Assert.Equal("u", p.Username);
        Assert.Equal(new[] { (byte)'p' }, p.Password);
        Assert.Equal(60, p.KeepAliveSeconds);
        Assert.Equal(bytes, p.Serialize());
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x00 }, "not CONNECT")]
    [InlineData(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "remaining length")]
    [InlineData(new byte[] { 0x10, 10, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x01, 0, 60 }, "reserved")]
    [InlineData(new byte[] { 0x10, 13, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x42, 0, 60, 0, 1, (byte)'c' }, "password flag")]
    [InlineData(new byte[] { 0x10, 12, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60, 0, 5 }, "ends inside")]
    [InlineData(new byte[] { 0x10, 14, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60, 0, 1, (byte)'c', 9 }, "left over")]
    [InlineData(new byte[] { 0x10, 13, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60, 0, 1, 0xC0 }, "UTF-8")]
    public async Task Malformed_connect_is_a_protocol_error(byte[] bytes, string expected)
    {
        var e = await Assert.ThrowsAsync<MqttProtocolException>(() => Read(bytes));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task Truncated_stream_is_end_of_stream()
    {
        await Assert.ThrowsAsync<EndOfStreamException>(() => Read(new byte[] { 0x10, 20, 0, 4 }));
    }
}
