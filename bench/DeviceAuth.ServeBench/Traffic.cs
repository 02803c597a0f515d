using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.ServeBench;

/// <summary>The five kinds of connection, each opened, used once and closed; credentials composed by the library.</summary>
internal sealed class Traffic
{
    public static readonly string[] Kinds = { "HTTPS allowed", "HTTPS refused", "TLS abandoned", "MQTT allowed", "MQTT refused" };

    private static int _failures;
    private readonly int _https;
    private readonly int _mqtt;
    private readonly AuthToken _good;
    private readonly AuthToken _bad;

    private readonly int[] _kinds;

    public Traffic(int httpsPort, int mqttPort, RSA key, RSA stranger, int[] kinds)
    {
        _kinds = kinds;
        _https = httpsPort;
        _mqtt = mqttPort;
        _good = Token(key);
        _bad = Token(stranger);
    }

    public static int FailureCount => Volatile.Read(ref _failures);

    public int Failures => FailureCount;

    public async Task Run(int first, int count, int parallel)
    {
        int next = first;
        int end = first + count;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next) - 1) < end)
            {
                try
                {
                    await One(i);
                }
                catch (Exception e) when (e is IOException or SocketException or InvalidDataException or OperationCanceledException)
                {
                    if (Interlocked.Increment(ref _failures) <= 5)
                    {
                        Console.Error.WriteLine($"connection {i} ({Kinds[_kinds[i % _kinds.Length]]}): {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(Worker)));
    }

    private async Task One(int i)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        switch (_kinds[i % _kinds.Length])
        {
            case 0: await Publish(_good, "200", timeout.Token); break;
            case 1: await Publish(_bad, "401", timeout.Token); break;
            case 2: await Abandon(timeout.Token); break;
            case 3: await Connect(_good, i, 0, timeout.Token); break;
            default: await Connect(_bad, i, 5, timeout.Token); break;
        }
    }

    private static AuthToken Token(RSA key)
    {
        const string token = "bench-device-static-token";
        string signature = Convert.ToBase64String(key.SignData(System.Text.Encoding.UTF8.GetBytes(token), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return new AuthToken(token, signature, DateTime.MinValue, AuthToken.NoExpiry);
    }

    private static async Task<SslStream> Tls(int port, CancellationToken ct)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port, ct);
        var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, ct);
        return tls;
    }

    private async Task Publish(AuthToken token, string expected, CancellationToken ct)
    {
        HttpAuthorizationParts parts = new AwsIotHttpAuthorization(Program_AuthorizerName, "token", false, AwsIotHttpPlacement.Headers, DeviceAuth.SystemClock.Instance).Compose(token);
        var request = new StringBuilder("POST /topics/bench/telemetry HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n");
        for (int h = 0; h < parts.HeaderCount; h++)
        {
            request.Append(parts.GetHeaderName(h)).Append(": ").Append(parts.GetHeaderValue(h)).Append("\r\n");
        }

        request.Append("\r\nhi");
        await using SslStream tls = await Tls(_https, ct);
        await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request.ToString()), ct);
        string response = System.Text.Encoding.ASCII.GetString(await ReadToEnd(tls, ct));
        if (!response.StartsWith("HTTP/1.1 " + expected, StringComparison.Ordinal))
        {
            throw new InvalidDataException("unexpected answer: " + response.Split('\r')[0]);
        }
    }

    private const string Program_AuthorizerName = "deviceauth-local";

    private async Task Abandon(CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", _https, ct);
        // The first bytes of a TLS 1.2 ClientHello record, then nothing: the server is left mid-handshake.
        await tcp.GetStream().WriteAsync(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0x00 }, ct);
        tcp.Client.Close(0);
    }

    private async Task Connect(AuthToken token, int i, byte expectedCode, CancellationToken ct)
    {
        var composer = new AwsIotMqttAuthorization(Program_AuthorizerName, "token", false, DeviceAuth.SystemClock.Instance) { UsernamePrefix = "bench" };
        MqttConnectCredentials c = composer.Compose(token, "bench-" + i);
        await using SslStream tls = await Tls(_mqtt, ct);
        await tls.WriteAsync(MqttBytes.Connect(c.ClientId, c.Username, c.Password), ct);
        byte[] connack = new byte[4];
        await tls.ReadExactlyAsync(connack, ct);
        if (connack[0] != 0x20 || connack[3] != expectedCode)
        {
            throw new InvalidDataException($"CONNACK {connack[3]}, expected {expectedCode}");
        }

        if (expectedCode == 0)
        {
            await tls.WriteAsync(new byte[] { 0xE0, 0x00 }, ct); // DISCONNECT
        }
    }

    private static async Task<byte[]> ReadToEnd(Stream s, CancellationToken ct)
    {
        var all = new MemoryStream();
        await s.CopyToAsync(all, ct);
        return all.ToArray();
    }
}
