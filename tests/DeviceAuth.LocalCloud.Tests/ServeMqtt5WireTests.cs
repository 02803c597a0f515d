using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using DeviceAuth.Credentials;
using DeviceAuth.LocalCloud.Server;
using MQTTnet;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// The answers serve writes on the wire for MQTT 5 CONNECTs no client library would send (and for
/// a broker that is down or a server that stops): exact bytes, then the close.
/// </summary>
public class ServeMqtt5WireTests
{
    private static readonly byte[] Header5 = { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 5 };

    /// <summary>Sends one CONNECT (fixed header added) over TLS and returns every byte the server wrote before it closed.</summary>
    private static async Task<byte[]> ExchangeAsync(RunningEndpoint endpoint, byte[] body)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, endpoint.Endpoints.Mqtt.Port, ct);
        using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, ct);
        var packet = new MemoryStream();
        packet.WriteByte(0x10);
        MqttVariableByteInteger.Write(packet, body.Length);
        packet.Write(body);
        await tls.WriteAsync(packet.ToArray(), ct);
        var answer = new MemoryStream();
        await tls.CopyToAsync(answer, ct).WaitAsync(TimeSpan.FromSeconds(15), ct);
        return answer.ToArray();
    }

    private static byte[] Connect5(byte flags, string restHex) =>
        Header5.Concat(new byte[] { flags, 0, 60 }).Concat(Convert.FromHexString(restHex.Replace(" ", string.Empty))).ToArray();

    [Fact]
    public async Task A_malformed_MQTT5_CONNECT_gets_its_reason_code_then_the_close_and_a_newer_level_gets_0x84()
    {
        using var broker = new MosquittoBroker();
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, broker: broker.EndPoint);
        Assert.Equal(new byte[] { 0x20, 3, 0, 0x82, 0 }, await ExchangeAsync(endpoint, Connect5(0x02, "0A 1100000001 1100000002 000163")));
        Assert.Equal(new byte[] { 0x20, 3, 0, 0x81, 0 }, await ExchangeAsync(endpoint, Connect5(0x02, "8000 000163")));
        byte[] level6 = { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 6, 0x02, 0, 60, 0, 0, 1, (byte)'c' };
        Assert.Equal(new byte[] { 0x20, 3, 0, 0x84, 0 }, await ExchangeAsync(endpoint, level6));
        byte[] level3 = { 0, 6, (byte)'M', (byte)'Q', (byte)'I', (byte)'s', (byte)'d', (byte)'p', 3, 0x02, 0, 60, 0, 1, (byte)'c' };
        Assert.Equal(new byte[] { 0x20, 2, 0, 1 }, await ExchangeAsync(endpoint, level3));
        byte[] malformed311 = { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x03, 0, 60, 0, 1, (byte)'c' };
        Assert.Empty(await ExchangeAsync(endpoint, malformed311)); // MQTT 3.1.1: closed without a CONNACK, as before
        Assert.Equal(5, endpoint.Stats.MqttRefused);
        Assert.Equal(0, endpoint.Stats.AuthorizerInvocations);
    }

    [Fact]
    public async Task A_broker_that_is_down_is_0x88_for_MQTT5()
    {
        var nowhere = new IPEndPoint(IPAddress.Loopback, ExternalPrograms.FreePort());
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, broker: nowhere);
        MqttConnectCredentials c = ServeMqttTests.Credentials(ServeMqttTests.Token(true), "down-5");
        var connect = new DeviceAuth.LocalCloud.Server.MqttConnectPacket { ProtocolLevel = 5, ClientId = c.ClientId, Username = c.Username, Password = c.Password };
        byte[] wire = connect.Serialize();
        int bodyStart = 1;
        while ((wire[bodyStart++] & 0x80) != 0)
        {
        }

        Assert.Equal(new byte[] { 0x20, 3, 0, 0x88, 0 }, await ExchangeAsync(endpoint, wire.AsSpan(bodyStart).ToArray()));
    }

    [Fact]
    public async Task A_stopping_endpoint_tells_MQTT5_clients_server_shutting_down()
    {
        using var broker = new MosquittoBroker();
        var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, broker: broker.EndPoint);
        CancellationToken ct = TestContext.Current.CancellationToken;
        MqttConnectCredentials c = ServeMqttTests.Credentials(ServeMqttTests.Token(true), "stop-5");
        string thumbprint = endpoint.Server.Certificate.GetCertHashString();
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var gone = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            gone.TrySetResult(e);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", endpoint.Endpoints.Mqtt.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithClientId(c.ClientId).WithCredentials(c.Username, c.Password)
            .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(e => e.Certificate?.GetCertHashString() == thumbprint)).Build();
        Assert.Equal(MqttClientConnectResultCode.Success, (await client.ConnectAsync(options, ct)).ResultCode);
        await endpoint.DisposeAsync();
        Assert.Equal(MqttClientDisconnectReason.ServerShuttingDown, (await gone.Task.WaitAsync(TimeSpan.FromSeconds(10), ct)).Reason);
    }
}
