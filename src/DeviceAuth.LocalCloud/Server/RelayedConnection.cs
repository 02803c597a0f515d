using System.Net.Sockets;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// One accepted MQTT connection relayed between the client (TLS) and the broker after its CONNECT
/// was replayed. Bytes flow both ways unchanged. For an MQTT 5 client the broker-to-client
/// direction is copied packet by packet under a write lock, so that a server DISCONNECT (the
/// reason of a <see cref="Cut"/>) always lands on a packet boundary; an MQTT 3.1.1 client is just
/// closed, as before MQTT 5 support. Closes both sockets when it ends.
/// </summary>
internal sealed class RelayedConnection
{
    private static readonly TimeSpan PacketBoundaryWait = TimeSpan.FromSeconds(2);
    private readonly Stream _client;
    private readonly Stream _broker;
    private readonly Socket[] _sockets;
    private readonly bool _mqtt5;
    private readonly SemaphoreSlim _clientWrite = new(1, 1);
    private readonly TaskCompletionSource<RelayCut?> _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Relays between <paramref name="client"/> and <paramref name="broker"/>; <paramref name="sockets"/> are closed at the end.</summary>
    public RelayedConnection(Stream client, Stream broker, bool mqtt5, params Socket[] sockets)
    {
        _client = client;
        _broker = broker;
        _mqtt5 = mqtt5;
        _sockets = sockets;
    }

    /// <summary>Completes once both sockets are closed and both directions stopped.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Asks the connection to end for <paramref name="why"/>; the first request wins, later ones (or after a side closed) do nothing.</summary>
    public void Cut(RelayCut why) => _cut.TrySetResult(why);

    /// <summary>Relays until a side closes or <see cref="Cut"/> is called; returns the cut, or null when a side closed first.</summary>
    public async Task<RelayCut?> RunAsync()
    {
        using var session = new CancellationTokenSource();
        Task up = PumpBytesAsync(_client, _broker, session.Token);
        Task down = _mqtt5 ? PumpPacketsToClientAsync(session.Token) : PumpBytesAsync(_broker, _client, session.Token);
        Task first = await Task.WhenAny(up, down, _cut.Task).ConfigureAwait(false);
        RelayCut? cut = first == _cut.Task ? await _cut.Task.ConfigureAwait(false) : null;
        _cut.TrySetResult(null);
        if (cut != null && _mqtt5)
        {
            await SendDisconnectAsync(MqttServerPackets.DisconnectFor(cut.Value)).ConfigureAwait(false);
        }

        session.Cancel();
        foreach (Socket s in _sockets)
        {
            s.Close(0);
        }

        await Task.WhenAll(up, down).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        _ended.TrySetResult();
        return cut;
    }

    /// <summary>Writes the DISCONNECT once no broker packet is half-written; keeps the lock so nothing follows it.</summary>
    private async Task SendDisconnectAsync(MqttReasonCode reason)
    {
        try
        {
            if (await _clientWrite.WaitAsync(PacketBoundaryWait).ConfigureAwait(false))
            {
                await _client.WriteAsync(MqttServerPackets.Disconnect(reason)).ConfigureAwait(false);
                await _client.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or NotSupportedException)
        {
        }
    }

    /// <summary>Copies broker packets to the client whole: fixed header and remaining length read first, then the body, all under the write lock.</summary>
    private async Task PumpPacketsToClientAsync(CancellationToken ct)
    {
        byte[] buffer = new byte[16 * 1024];
        byte[] one = new byte[1];
        var header = new List<byte>(5);
        try
        {
            while (await _broker.ReadAsync(one, ct).ConfigureAwait(false) == 1)
            {
                header.Clear();
                header.Add(one[0]);
                int remaining = await MqttVariableByteInteger.ReadAsync(_broker, header, ct).ConfigureAwait(false);
                await _clientWrite.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await _client.WriteAsync(header.ToArray(), ct).ConfigureAwait(false);
                    for (int n; remaining > 0; remaining -= n)
                    {
                        n = await _broker.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)), ct).ConfigureAwait(false);
                        if (n == 0)
                        {
                            return;
                        }

                        await _client.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                    }

                    await _client.FlushAsync(ct).ConfigureAwait(false);
                }
                finally
                {
                    _clientWrite.Release();
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException or EndOfStreamException or MqttProtocolException)
        {
        }
    }

    private static async Task PumpBytesAsync(Stream from, Stream to, CancellationToken ct)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                await to.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}
