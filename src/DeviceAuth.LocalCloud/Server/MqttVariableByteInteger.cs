namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// The MQTT variable byte integer (OASIS MQTT 5.0 section 1.5.5, 3.1.1 section 2.2.3): 7 bits per
/// byte, least significant first, at most 4 bytes (0 to 268,435,455).
/// </summary>
internal static class MqttVariableByteInteger
{
    /// <summary>Largest value that fits in 4 bytes.</summary>
    public const int Max = 268_435_455;

    /// <summary>Writes <paramref name="value"/> (0 to <see cref="Max"/>) in the fewest bytes.</summary>
    public static void Write(Stream s, long value)
    {
        if (value < 0 || value > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "a variable byte integer holds 0 to 268,435,455");
        }

        do
        {
            byte b = (byte)(value % 128);
            value /= 128;
            if (value > 0)
            {
                b |= 0x80;
            }

            s.WriteByte(b);
        }
        while (value > 0);
    }

    /// <summary>The number of bytes <see cref="Write"/> uses for <paramref name="value"/>.</summary>
    public static int SizeOf(long value) => value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;

    /// <summary>Reads one from <paramref name="stream"/>, returning its value and appending its bytes to <paramref name="raw"/>.</summary>
    /// <exception cref="MqttProtocolException">More than 4 bytes.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside it.</exception>
    public static async Task<int> ReadAsync(Stream stream, List<byte> raw, CancellationToken ct)
    {
        byte[] one = new byte[1];
        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            await stream.ReadExactlyAsync(one, ct).ConfigureAwait(false);
            raw.Add(one[0]);
            value |= (one[0] & 0x7F) << (7 * i);
            if ((one[0] & 0x80) == 0)
            {
                return value;
            }
        }

        throw new MqttProtocolException("malformed remaining length (more than 4 bytes)");
    }
}
