using System.Buffers.Binary;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>A malformed MQTT packet: the connection is closed without a CONNACK (as MQTT 3.1.1 requires).</summary>
internal sealed class MqttProtocolException : Exception
{
    public MqttProtocolException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// An MQTT 3.1.1 CONNECT packet (OASIS MQTT 3.1.1 section 3.1): parsed strictly from a stream and
/// serialised back (to replay it to the broker without the custom-auth parameters).
/// </summary>
internal sealed class MqttConnectPacket
{
    /// <summary>Largest CONNECT accepted (client id, will, username and password at their 65535-byte maxima fit).</summary>
    public const int MaxRemainingLength = 5 * 65537 + 10;

    public string ProtocolName { get; set; } = "MQTT";

    public byte ProtocolLevel { get; set; } = 4;

    public bool CleanSession { get; set; } = true;

    public ushort KeepAliveSeconds { get; set; } = 60;

    public string ClientId { get; set; } = string.Empty;

    public bool WillFlag { get; set; }

    public byte WillQos { get; set; }

    public bool WillRetain { get; set; }

    public string WillTopic { get; set; }

    public byte[] WillMessage { get; set; }

    /// <summary>The username, or null when the username flag is clear.</summary>
    public string Username { get; set; }

    /// <summary>The password bytes, or null when the password flag is clear.</summary>
    public byte[] Password { get; set; }

    /// <summary>Reads one CONNECT packet. Returns null when the stream ends before the first byte.</summary>
    /// <exception cref="MqttProtocolException">The bytes are not a well-formed CONNECT.</exception>
    public static async Task<MqttConnectPacket> ReadAsync(Stream stream, CancellationToken ct)
    {
        byte[] one = new byte[1];
        if (await stream.ReadAsync(one, ct).ConfigureAwait(false) == 0)
        {
            return null;
        }

        if (one[0] != 0x10)
        {
            throw new MqttProtocolException($"the first packet is not CONNECT (type {one[0] >> 4}, flags {one[0] & 0x0F})");
        }

        int remaining = 0;
        int multiplier = 1;
        for (int i = 0; ; i++)
        {
            if (i == 4)
            {
                throw new MqttProtocolException("malformed remaining length (more than 4 bytes)");
            }

            await stream.ReadExactlyAsync(one, ct).ConfigureAwait(false);
            remaining += (one[0] & 0x7F) * multiplier;
            if ((one[0] & 0x80) == 0)
            {
                break;
            }

            multiplier *= 128;
        }

        if (remaining > MaxRemainingLength)
        {
            throw new MqttProtocolException($"CONNECT of {remaining} bytes is larger than any valid one");
        }

        byte[] body = new byte[remaining];
        await stream.ReadExactlyAsync(body, ct).ConfigureAwait(false);
        return Parse(body);
    }

    /// <summary>Parses the variable header and payload of a CONNECT (the bytes after the remaining length).</summary>
    public static MqttConnectPacket Parse(ReadOnlySpan<byte> body)
    {
        var r = new Reader(body.ToArray());
        var p = new MqttConnectPacket { ProtocolName = r.String("protocol name") };
        p.ProtocolLevel = r.Byte("protocol level");
        if (p.ProtocolName != "MQTT" && p.ProtocolName != "MQIsdp")
        {
            throw new MqttProtocolException("unknown protocol name");
        }

        byte flags = r.Byte("connect flags");
        if ((flags & 0x01) != 0)
        {
            throw new MqttProtocolException("reserved connect flag is set");
        }

        bool hasUser = (flags & 0x80) != 0;
        bool hasPassword = (flags & 0x40) != 0;
        p.WillRetain = (flags & 0x20) != 0;
        p.WillQos = (byte)((flags >> 3) & 0x03);
        p.WillFlag = (flags & 0x04) != 0;
        p.CleanSession = (flags & 0x02) != 0;
        if (p.WillQos == 3)
        {
            throw new MqttProtocolException("will QoS 3 is invalid");
        }

        if (!p.WillFlag && (p.WillQos != 0 || p.WillRetain))
        {
            throw new MqttProtocolException("will QoS/retain set without the will flag");
        }

        if (hasPassword && !hasUser && p.ProtocolLevel == 4)
        {
            throw new MqttProtocolException("password flag set without the username flag");
        }

        p.KeepAliveSeconds = r.UInt16("keep alive");
        if (p.ProtocolLevel != 4)
        {
            return p; // Caller answers CONNACK 1 (unacceptable protocol level); the payload is not read.
        }

        p.ClientId = r.String("client id");
        if (p.WillFlag)
        {
            p.WillTopic = r.String("will topic");
            p.WillMessage = r.Binary("will message");
        }

        if (hasUser)
        {
            p.Username = r.String("username");
        }

        if (hasPassword)
        {
            p.Password = r.Binary("password");
        }

        if (!r.AtEnd)
        {
            throw new MqttProtocolException("bytes left over after the CONNECT payload");
        }

        return p;
    }

    /// <summary>The packet's bytes (fixed header included).</summary>
    public byte[] Serialize()
    {
        var body = new MemoryStream();
        WriteString(body, ProtocolName);
        body.WriteByte(ProtocolLevel);
        byte flags = 0;
        if (Username != null)
        {
            flags |= 0x80;
        }

        if (Password != null)
        {
            flags |= 0x40;
        }

        if (WillFlag)
        {
            flags |= 0x04;
            flags |= (byte)(WillQos << 3);
            if (WillRetain)
            {
                flags |= 0x20;
            }
        }

        if (CleanSession)
        {
            flags |= 0x02;
        }

        body.WriteByte(flags);
        body.WriteByte((byte)(KeepAliveSeconds >> 8));
        body.WriteByte((byte)KeepAliveSeconds);
        WriteString(body, ClientId ?? string.Empty);
        if (WillFlag)
        {
            WriteString(body, WillTopic ?? string.Empty);
            WriteBinary(body, WillMessage ?? Array.Empty<byte>());
        }

        if (Username != null)
        {
            WriteString(body, Username);
        }

        if (Password != null)
        {
            WriteBinary(body, Password);
        }

        var packet = new MemoryStream();
        packet.WriteByte(0x10);
        long length = body.Length;
        do
        {
            byte b = (byte)(length % 128);
            length /= 128;
            if (length > 0)
            {
                b |= 0x80;
            }

            packet.WriteByte(b);
        }
        while (length > 0);
        body.Position = 0;
        body.CopyTo(packet);
        return packet.ToArray();
    }

    /// <summary>A CONNACK (MQTT 3.1.1): session present 0 and <paramref name="returnCode"/> (5 = not authorized).</summary>
    public static byte[] ConnAck(byte returnCode) => new byte[] { 0x20, 0x02, 0x00, returnCode };

    private static void WriteString(Stream s, string value) => WriteBinary(s, System.Text.Encoding.UTF8.GetBytes(value));

    private static void WriteBinary(Stream s, byte[] value)
    {
        if (value.Length > 65535)
        {
            throw new ArgumentException("an MQTT string or binary field holds at most 65535 bytes");
        }

        s.WriteByte((byte)(value.Length >> 8));
        s.WriteByte((byte)value.Length);
        s.Write(value);
    }

    private sealed class Reader
    {
        private readonly byte[] _data;
        private int _pos;

        public Reader(byte[] data) => _data = data;

        public bool AtEnd => _pos == _data.Length;

        public byte Byte(string what)
        {
            Need(1, what);
            return _data[_pos++];
        }

        public ushort UInt16(string what)
        {
            Need(2, what);
            ushort v = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(_pos));
            _pos += 2;
            return v;
        }

        public byte[] Binary(string what)
        {
            int n = UInt16(what + " length");
            Need(n, what);
            byte[] v = _data.AsSpan(_pos, n).ToArray();
            _pos += n;
            return v;
        }

        public string String(string what)
        {
            byte[] bytes = Binary(what);
            try
            {
                string s = DeviceAuth.Encoding.Utf8Text.Decode(bytes, 0, bytes.Length);
                if (s.Contains('\0'))
                {
                    throw new MqttProtocolException($"{what} contains U+0000");
                }

                return s;
            }
            catch (FormatException)
            {
                throw new MqttProtocolException($"{what} is not well-formed UTF-8");
            }
        }

        private void Need(int n, string what)
        {
            if (_data.Length - _pos < n)
            {
                throw new MqttProtocolException($"CONNECT ends inside the {what}");
            }
        }
    }
}
