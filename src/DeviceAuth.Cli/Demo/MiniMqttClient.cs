using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using DeviceAuth.LocalCloud.Server;

namespace DeviceAuth.Cli.Demo;

/// <summary>
/// The smallest MQTT 3.1.1 client the demo needs (CONNECT/CONNACK, SUBSCRIBE/SUBACK, PUBLISH QoS 0,
/// DISCONNECT), over TLS pinned to one certificate or over plain TCP. Bounded by timeouts.
/// </summary>
internal sealed class MiniMqttClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _tcp;
    private readonly Stream _stream;

    private MiniMqttClient(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    public static async Task<MiniMqttClient> OpenAsync(IPEndPoint endPoint, X509Certificate2 pinned, string serverName, CancellationToken ct)
    {
        var tcp = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        await tcp.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
        if (pinned == null)
        {
            return new MiniMqttClient(tcp, tcp.GetStream());
        }

        var tls = new SslStream(tcp.GetStream(), false, (_, cert, _, _) => cert != null && cert.GetCertHashString() == pinned.GetCertHashString());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName }, timeout.Token).ConfigureAwait(false);
        return new MiniMqttClient(tcp, tls);
    }

    /// <summary>Sends CONNECT and returns the CONNACK return code (0 accepted, 5 not authorized), or -1 when the server hung up.</summary>
    public async Task<int> ConnectAsync(string clientId, string username, byte[] password, CancellationToken ct)
    {
        var connect = new MqttConnectPacket { ClientId = clientId, Username = username, Password = password, KeepAliveSeconds = 60 };
        await _stream.WriteAsync(connect.Serialize(), ct).ConfigureAwait(false);
        byte[] connack = await ReadPacketAsync(ct).ConfigureAwait(false);
        return connack == null || connack.Length < 4 || connack[0] != 0x20 ? -1 : connack[3];
    }

    public async Task SubscribeAsync(string filter, CancellationToken ct)
    {
        byte[] topic = System.Text.Encoding.UTF8.GetBytes(filter);
        var body = new List<byte> { 0x00, 0x01, (byte)(topic.Length >> 8), (byte)topic.Length };
        body.AddRange(topic);
        body.Add(0x00);
        await WritePacketAsync(0x82, body.ToArray(), ct).ConfigureAwait(false);
        byte[] suback = await ReadPacketAsync(ct).ConfigureAwait(false);
        if (suback == null || suback[0] != 0x90)
        {
            throw new IOException("no SUBACK");
        }
    }

    public Task PublishAsync(string topicName, byte[] payload, CancellationToken ct)
    {
        byte[] topic = System.Text.Encoding.UTF8.GetBytes(topicName);
        var body = new List<byte> { (byte)(topic.Length >> 8), (byte)topic.Length };
        body.AddRange(topic);
        body.AddRange(payload);
        return WritePacketAsync(0x30, body.ToArray(), ct);
    }

    /// <summary>Waits for one PUBLISH and returns (topic, payload), or null on hang-up or timeout.</summary>
    public async Task<(string Topic, byte[] Payload)?> ReceiveAsync(CancellationToken ct)
    {
        byte[] packet;
        try
        {
            packet = await ReadPacketAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }

        if (packet == null || (packet[0] & 0xF0) != 0x30)
        {
            return null;
        }

        int offset = 1;
        while ((packet[offset] & 0x80) != 0)
        {
            offset++;
        }

        offset++;
        int topicLength = (packet[offset] << 8) | packet[offset + 1];
        string topic = System.Text.Encoding.UTF8.GetString(packet, offset + 2, topicLength);
        return (topic, packet[(offset + 2 + topicLength)..]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stream.WriteAsync(new byte[] { 0xE0, 0x00 }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
    }

    private async Task WritePacketAsync(byte header, byte[] body, CancellationToken ct)
    {
        var packet = new List<byte> { header };
        int length = body.Length;
        do
        {
            byte b = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        packet.AddRange(body);
        await _stream.WriteAsync(packet.ToArray(), ct).ConfigureAwait(false);
        await _stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task<byte[]> ReadPacketAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var packet = new List<byte>();
        byte[] one = new byte[1];
        try
        {
            if (await _stream.ReadAsync(one, timeout.Token).ConfigureAwait(false) == 0)
            {
                return null;
            }

            packet.Add(one[0]);
            int length = 0;
            int multiplier = 1;
            for (int i = 0; i < 4; i++)
            {
                await _stream.ReadExactlyAsync(one, timeout.Token).ConfigureAwait(false);
                packet.Add(one[0]);
                length += (one[0] & 0x7F) * multiplier;
                multiplier *= 128;
                if ((one[0] & 0x80) == 0)
                {
                    break;
                }
            }

            byte[] body = new byte[length];
            await _stream.ReadExactlyAsync(body, timeout.Token).ConfigureAwait(false);
            packet.AddRange(body);
            return packet.ToArray();
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or SocketException)
        {
            return null;
        }
    }
}
