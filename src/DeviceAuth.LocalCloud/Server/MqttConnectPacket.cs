using System.Buffers.Binary;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// A CONNECT the server must refuse as a protocol violation. MQTT 3.1.1: the connection is closed
/// without a CONNACK (as 3.1.1 requires). MQTT 5 (<see cref="ProtocolLevel"/> 5): a CONNACK with
/// <see cref="ReasonCode"/> first (MQTT 5.0 section 4.13.1), then the close.
/// </summary>
internal sealed class MqttProtocolException : Exception
{
    /// <summary>A Malformed Packet (0x81).</summary>
    public MqttProtocolException(string message)
        : this(message, MqttReasonCode.MalformedPacket)
    {
    }

    /// <summary>A violation with its MQTT 5 reason code (0x81 Malformed Packet, 0x82 Protocol Error, 0x99 Payload format invalid).</summary>
    public MqttProtocolException(string message, MqttReasonCode reasonCode)
        : base(message)
    {
        ReasonCode = reasonCode;
    }

    /// <summary>The MQTT 5 reason code that names the violation.</summary>
    public MqttReasonCode ReasonCode { get; }

    /// <summary>The CONNECT's protocol level (4 = 3.1.1, 5 = MQTT 5), or 0 when the violation came before it was read.</summary>
    public byte ProtocolLevel { get; internal set; }
}

/// <summary>
/// An MQTT 3.1.1 or MQTT 5 CONNECT packet (OASIS MQTT 3.1.1 section 3.1, MQTT 5.0 section 3.1):
/// parsed strictly from a stream and serialised back (to replay it to the broker without the
/// custom-auth parameters). The entry points for untrusted bytes are <see cref="ReadAsync"/> and
/// <see cref="Parse"/>; both throw <see cref="MqttProtocolException"/> for any malformed input.
/// </summary>
internal sealed class MqttConnectPacket
{
    /// <summary>Largest CONNECT accepted: client id, will, username and password at their 65535-byte maxima, plus up to 64 KiB each of CONNECT and will properties (MQTT 5).</summary>
    public const int MaxRemainingLength = 5 * 65537 + 10 + 2 * (4 + 65535);

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

    /// <summary>MQTT 5 only: the CONNECT properties in wire order (null for 3.1.1; serialised as none when null at level 5).</summary>
    public MqttProperties Properties { get; set; }

    /// <summary>MQTT 5 only: the will properties (null without a will or for 3.1.1).</summary>
    public MqttProperties WillProperties { get; set; }

    /// <summary>True for an MQTT 5 CONNECT (protocol level 5).</summary>
    public bool IsMqtt5 => ProtocolLevel == 5;

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

        int remaining = await MqttVariableByteInteger.ReadAsync(stream, new List<byte>(4), ct).ConfigureAwait(false);

        if (remaining > MaxRemainingLength)
        {
            throw new MqttProtocolException($"CONNECT of {remaining} bytes is larger than any valid one");
        }

        byte[] body = new byte[remaining];
        await stream.ReadExactlyAsync(body, ct).ConfigureAwait(false);
        return Parse(body);
    }

    /// <summary>Parses the variable header and payload of a CONNECT (the bytes after the remaining length).</summary>
    /// <exception cref="MqttProtocolException">Any malformed input (never another exception type); its <see cref="MqttProtocolException.ProtocolLevel"/> is set once the level was read.</exception>
    public static MqttConnectPacket Parse(ReadOnlySpan<byte> body)
    {
        var p = new MqttConnectPacket { ProtocolLevel = 0 };
        try
        {
            return ParseInto(p, new Reader(body.ToArray()));
        }
        catch (MqttProtocolException e)
        {
            e.ProtocolLevel = p.ProtocolLevel;
            throw;
        }
    }

    private static MqttConnectPacket ParseInto(MqttConnectPacket p, Reader r)
    {
        p.ProtocolName = r.String("protocol name");
        p.ProtocolLevel = r.Byte("protocol level");
        if (p.ProtocolName != "MQTT" && p.ProtocolName != "MQIsdp")
        {
            throw new MqttProtocolException("unknown protocol name");
        }

        if (p.IsMqtt5 && p.ProtocolName != "MQTT")
        {
            p.ProtocolLevel = 0; // Not MQTT 5 after all (section 3.1.2.1): close without a CONNACK.
            throw new MqttProtocolException("protocol level 5 with a protocol name other than MQTT");
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
        if (p.ProtocolLevel != 4 && !p.IsMqtt5)
        {
            return p; // Caller answers CONNACK 1 / 0x84 (unsupported protocol level); the payload is not read.
        }

        if (p.IsMqtt5)
        {
            p.Properties = MqttProperties.ReadConnect(r);
        }

        p.ClientId = r.String("client id");
        if (p.WillFlag)
        {
            p.WillProperties = p.IsMqtt5 ? MqttProperties.ReadWill(r) : null;
            p.WillTopic = r.String("will topic");
            p.WillMessage = r.Binary("will message");
            RequireWillPayloadFormat(p);
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

    /// <summary>MQTT 5.0 section 3.1.3.2.3: a will whose Payload Format Indicator is 1 must carry UTF-8.</summary>
    private static void RequireWillPayloadFormat(MqttConnectPacket p)
    {
        if (p.WillProperties?.ByteValue(MqttProperties.PayloadFormatIndicator) != 1)
        {
            return;
        }

        try
        {
            DeviceAuth.Encoding.Utf8Text.Decode(p.WillMessage, 0, p.WillMessage.Length);
        }
        catch (FormatException)
        {
            throw new MqttProtocolException("the will payload is marked UTF-8 but is not well-formed UTF-8", MqttReasonCode.PayloadFormatInvalid);
        }
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
        if (IsMqtt5)
        {
            (Properties ?? new MqttProperties()).WriteTo(body);
        }

        WriteString(body, ClientId ?? string.Empty);
        if (WillFlag)
        {
            if (IsMqtt5)
            {
                (WillProperties ?? new MqttProperties()).WriteTo(body);
            }

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
        MqttVariableByteInteger.Write(packet, body.Length);
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

    /// <summary>A strict reader over the bytes of one packet (or one part of it); every shortfall is a Malformed Packet.</summary>
    internal sealed class Reader
    {
        private readonly byte[] _data;
        private readonly int _end;
        private int _pos;

        public Reader(byte[] data)
            : this(data, 0, data.Length)
        {
        }

        private Reader(byte[] data, int start, int end)
        {
            _data = data;
            _pos = start;
            _end = end;
        }

        public bool AtEnd => _pos == _end;

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

        /// <summary>A variable byte integer in its shortest form (MQTT 5.0 section 1.5.5: a longer encoding is malformed).</summary>
        public int VariableByteInteger(string what)
        {
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                byte b = Byte(what);
                if (i > 0 && b == 0)
                {
                    throw new MqttProtocolException($"{what} is not encoded in the fewest bytes");
                }

                value |= (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new MqttProtocolException($"{what} is longer than 4 bytes");
        }

        /// <summary>A reader over the next <paramref name="length"/> bytes, which this reader skips.</summary>
        public Reader Slice(int length, string what)
        {
            Need(length, what);
            var slice = new Reader(_data, _pos, _pos + length);
            _pos += length;
            return slice;
        }

        /// <summary>The raw bytes of one property value of <paramref name="type"/>, after checking them (strings: UTF-8, no U+0000).</summary>
        public byte[] PropertyValue(MqttPropertyType type, string what)
        {
            int start = _pos;
            switch (type)
            {
                case MqttPropertyType.Byte: Byte(what); break;
                case MqttPropertyType.TwoByteInteger: UInt16(what); break;
                case MqttPropertyType.FourByteInteger: Need(4, what); _pos += 4; break;
                case MqttPropertyType.Utf8String: String(what); break;
                case MqttPropertyType.BinaryData: Binary(what); break;
                case MqttPropertyType.Utf8StringPair: String(what + " name"); String(what + " value"); break;
                default: throw new MqttProtocolException($"{what} has no known type");
            }

            return _data.AsSpan(start, _pos - start).ToArray();
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
            if (_end - _pos < n)
            {
                throw new MqttProtocolException($"CONNECT ends inside the {what}");
            }
        }
    }
}
