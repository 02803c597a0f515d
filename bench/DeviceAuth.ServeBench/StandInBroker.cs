using System.Net;
using System.Net.Sockets;

namespace DeviceAuth.ServeBench;

/// <summary>A stand-in MQTT broker on loopback: answers every CONNECT with CONNACK 0 and reads until the client goes.</summary>
internal sealed class StandInBroker : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public StandInBroker()
    {
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Serve(client);
        }
    }

    private static async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream s = client.GetStream();
                byte[] buffer = new byte[4096];
                bool answered = false;
                while (await s.ReadAsync(buffer) > 0)
                {
                    if (!answered)
                    {
                        await s.WriteAsync(new byte[] { 0x20, 0x02, 0x00, 0x00 });
                        answered = true;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
