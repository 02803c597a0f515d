using System.Text;

namespace DeviceAuth.ServeBench;

/// <summary>An MQTT 3.1.1 CONNECT packet (clean session, keep-alive 60 s).</summary>
internal static class MqttBytes
{
    public static byte[] Connect(string clientId, string username, byte[] password)
    {
        var body = new MemoryStream();
        Field(body, System.Text.Encoding.UTF8.GetBytes("MQTT"));
        body.WriteByte(4);
        body.WriteByte((byte)(0x02 | (username != null ? 0x80 : 0) | (password != null ? 0x40 : 0)));
        body.WriteByte(0);
        body.WriteByte(60);
        Field(body, System.Text.Encoding.UTF8.GetBytes(clientId));
        if (username != null)
        {
            Field(body, System.Text.Encoding.UTF8.GetBytes(username));
        }

        if (password != null)
        {
            Field(body, password);
        }

        var packet = new MemoryStream();
        packet.WriteByte(0x10);
        long length = body.Length;
        do
        {
            byte b = (byte)(length % 128);
            length /= 128;
            packet.WriteByte(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        body.WriteTo(packet);
        return packet.ToArray();
    }

    private static void Field(Stream s, byte[] value)
    {
        s.WriteByte((byte)(value.Length >> 8));
        s.WriteByte((byte)value.Length);
        s.Write(value);
    }
}
