namespace DeviceAuth.LocalCloud.Server;

/// <summary>One MQTT 5 property: its identifier and its value bytes exactly as they were on the wire (length prefixes included).</summary>
internal sealed record MqttProperty(byte Identifier, byte[] Value);

/// <summary>
/// The properties of an MQTT 5 CONNECT or of its will (OASIS MQTT 5.0 sections 2.2.2, 3.1.2.11 and
/// 3.1.3.2), read strictly and kept in wire order so that the relay forwards them byte for byte.
/// Malformed Packet (0x81): a truncated or non-minimal length, an identifier not valid for the
/// packet, a value that is not of its type (bad UTF-8, U+0000). Protocol Error (0x82): a property
/// other than User Property given twice, a value outside its range, Authentication Data without
/// Authentication Method, a wildcard in the will's Response Topic.
/// </summary>
internal sealed class MqttProperties
{
    public const byte PayloadFormatIndicator = 0x01;
    public const byte MessageExpiryInterval = 0x02;
    public const byte ContentType = 0x03;
    public const byte ResponseTopic = 0x08;
    public const byte CorrelationData = 0x09;
    public const byte SessionExpiryInterval = 0x11;
    public const byte AuthenticationMethod = 0x15;
    public const byte AuthenticationData = 0x16;
    public const byte RequestProblemInformation = 0x17;
    public const byte WillDelayInterval = 0x18;
    public const byte RequestResponseInformation = 0x19;
    public const byte ReceiveMaximum = 0x21;
    public const byte TopicAliasMaximum = 0x22;
    public const byte UserProperty = 0x26;
    public const byte MaximumPacketSize = 0x27;

    private readonly List<MqttProperty> _items = new();

    /// <summary>The properties in wire order.</summary>
    public IReadOnlyList<MqttProperty> Items => _items;

    /// <summary>The first property with <paramref name="identifier"/>, or null.</summary>
    public MqttProperty Find(byte identifier) => _items.Find(p => p.Identifier == identifier);

    /// <summary>The value of a one-byte property, or null when absent.</summary>
    public byte? ByteValue(byte identifier) => Find(identifier)?.Value[0];

    /// <summary>Reads the CONNECT properties (section 3.1.2.11).</summary>
    public static MqttProperties ReadConnect(MqttConnectPacket.Reader r)
    {
        MqttProperties p = Read(r, "CONNECT properties", ConnectTypes);
        p.RequireAtMost1(RequestProblemInformation, "Request Problem Information");
        p.RequireAtMost1(RequestResponseInformation, "Request Response Information");
        p.RequireNonZero(ReceiveMaximum, "Receive Maximum");
        p.RequireNonZero(MaximumPacketSize, "Maximum Packet Size");
        if (p.Find(AuthenticationData) != null && p.Find(AuthenticationMethod) == null)
        {
            throw ProtocolError("Authentication Data without an Authentication Method");
        }

        return p;
    }

    /// <summary>Reads the will properties (section 3.1.3.2).</summary>
    public static MqttProperties ReadWill(MqttConnectPacket.Reader r)
    {
        MqttProperties p = Read(r, "will properties", WillTypes);
        p.RequireAtMost1(PayloadFormatIndicator, "Payload Format Indicator");
        MqttProperty topic = p.Find(ResponseTopic);
        if (topic != null && (Array.IndexOf(topic.Value, (byte)'#') >= 0 || Array.IndexOf(topic.Value, (byte)'+') >= 0))
        {
            throw ProtocolError("the will's Response Topic contains a wildcard character");
        }

        return p;
    }

    /// <summary>The properties without those whose identifier is in <paramref name="identifiers"/>.</summary>
    public MqttProperties Without(params byte[] identifiers)
    {
        var copy = new MqttProperties();
        copy._items.AddRange(_items.Where(p => Array.IndexOf(identifiers, p.Identifier) < 0));
        return copy;
    }

    /// <summary>Writes the Property Length (variable byte integer) and the properties.</summary>
    public void WriteTo(Stream s)
    {
        int length = _items.Sum(p => 1 + p.Value.Length);
        MqttVariableByteInteger.Write(s, length);
        foreach (MqttProperty p in _items)
        {
            s.WriteByte(p.Identifier);
            s.Write(p.Value);
        }
    }

    private static MqttProperties Read(MqttConnectPacket.Reader r, string what, Func<byte, MqttPropertyType> typeOf)
    {
        int length = r.VariableByteInteger(what + " length");
        MqttConnectPacket.Reader body = r.Slice(length, what);
        var p = new MqttProperties();
        while (!body.AtEnd)
        {
            int id = body.VariableByteInteger("property identifier");
            MqttPropertyType type = id <= byte.MaxValue ? typeOf((byte)id) : MqttPropertyType.None;
            if (type == MqttPropertyType.None)
            {
                throw new MqttProtocolException($"property identifier 0x{id:X2} is not valid in the {what}");
            }

            if (id != UserProperty && p.Find((byte)id) != null)
            {
                throw ProtocolError($"property 0x{id:X2} appears more than once in the {what}");
            }

            p._items.Add(new MqttProperty((byte)id, body.PropertyValue(type, $"property 0x{id:X2}")));
        }

        return p;
    }

    private static MqttPropertyType ConnectTypes(byte id) => id switch
    {
        SessionExpiryInterval or MaximumPacketSize => MqttPropertyType.FourByteInteger,
        ReceiveMaximum or TopicAliasMaximum => MqttPropertyType.TwoByteInteger,
        RequestResponseInformation or RequestProblemInformation => MqttPropertyType.Byte,
        UserProperty => MqttPropertyType.Utf8StringPair,
        AuthenticationMethod => MqttPropertyType.Utf8String,
        AuthenticationData => MqttPropertyType.BinaryData,
        _ => MqttPropertyType.None,
    };

    private static MqttPropertyType WillTypes(byte id) => id switch
    {
        WillDelayInterval or MessageExpiryInterval => MqttPropertyType.FourByteInteger,
        PayloadFormatIndicator => MqttPropertyType.Byte,
        ContentType or ResponseTopic => MqttPropertyType.Utf8String,
        CorrelationData => MqttPropertyType.BinaryData,
        UserProperty => MqttPropertyType.Utf8StringPair,
        _ => MqttPropertyType.None,
    };

    private static MqttProtocolException ProtocolError(string message) => new(message, MqttReasonCode.ProtocolError);

    private void RequireAtMost1(byte id, string name)
    {
        if (ByteValue(id) > 1)
        {
            throw ProtocolError($"{name} is {ByteValue(id)} (0 or 1 allowed)");
        }
    }

    private void RequireNonZero(byte id, string name)
    {
        MqttProperty p = Find(id);
        if (p != null && p.Value.All(b => b == 0))
        {
            throw ProtocolError($"{name} is 0");
        }
    }
}

/// <summary>The data types of MQTT 5 property values (section 2.2.2.2); None marks an identifier not valid where it was found.</summary>
internal enum MqttPropertyType
{
    None,
    Byte,
    TwoByteInteger,
    FourByteInteger,
    Utf8String,
    BinaryData,
    Utf8StringPair,
}
