using System.Net;
using System.Net.Sockets;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.LocalCloud.Server;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// Per-connection state of the endpoint is released when connections close (issue 11: resident memory of
/// `serve` grew over thousands of connections). The resident-memory figures themselves come from
/// bench/DeviceAuth.ServeBench (a benchmark, not a test).
/// </summary>
public class ServeMemoryTests
{
    [Fact]
    public async Task Connection_state_is_released_when_connections_close()
    {
        using var deadBroker = new TcpListener(IPAddress.Loopback, 0);
        deadBroker.Start();
        await using var endpoint = await ServeHardeningTests.Endpoint.StartAsync(TimeProvider.System, broker: (IPEndPoint)deadBroker.LocalEndpoint);
        ServerEndpoints e = endpoint.Server.Endpoints;
        byte[] connect = new MqttConnectPacket { ClientId = "c", Username = "u" }.Serialize();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                await ServeHardeningTests.HttpsExchange(e.Https, "GET /stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                await ServeHardeningTests.MqttExchange(e.Mqtt, connect);
                using var abandoned = new TcpClient();
                await abandoned.ConnectAsync(e.Https, TestContext.Current.CancellationToken);
            }
        })));
        ServerStats stats = endpoint.Server.Stats;
        bool Settled() => Interlocked.Read(ref stats.HttpConnections) == 400 && Interlocked.Read(ref stats.MqttConnections) == 200
            && Interlocked.Read(ref stats.HttpConnectionsOpen) == 0 && Interlocked.Read(ref stats.MqttConnectionsOpen) == 0;
        for (int wait = 0; wait < 400 && !Settled(); wait++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(400, Interlocked.Read(ref stats.HttpConnections));
        Assert.Equal(200, Interlocked.Read(ref stats.MqttConnections));
        Assert.Equal(0, Interlocked.Read(ref stats.HttpConnectionsOpen));
        Assert.Equal(0, Interlocked.Read(ref stats.MqttConnectionsOpen));
    }

}
