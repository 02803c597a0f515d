using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// The MQTT side of the local endpoint: a TLS listener that reads the CONNECT packet (MQTT 3.1.1
/// or MQTT 5), authorizes its username/password/clientId and the TLS SNI like the service,
/// answers CONNACK 5 (MQTT 5: a reason code) when refused, and otherwise relays the connection to
/// a real broker in the client's protocol version, replaying the CONNECT without the custom-auth
/// parameters (username = the user part, no password; MQTT 5 properties unchanged). The relay
/// re-judges the original credentials every refreshAfterInSeconds, cuts the connection at
/// disconnectAfterInSeconds (both on the engine's clock), and ends an older connection with the
/// same client id when a new one is accepted; MQTT 5 clients get a DISCONNECT saying which.
/// </summary>
internal sealed class MqttRelay : IAsyncDisposable
{
    /// <summary>Connections handled at once; a connection beyond this is closed as soon as it is accepted.</summary>
    public const int MaxConcurrentConnections = ServerOptions.MaxConcurrentConnections;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private readonly AuthorizationEngine _engine;
    private readonly ServerOptions _options;
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private readonly ConcurrentDictionary<string, RelayedConnection> _byClientId = new(StringComparer.Ordinal);
    private TcpListener _listener;
    private Task _acceptLoop;
    private int _nextId;

    public MqttRelay(AuthorizationEngine engine, ServerOptions options, X509Certificate2 certificate)
    {
        _engine = engine;
        _options = options;
        _certificate = certificate;
    }

    public IPEndPoint Start()
    {
        _listener = new TcpListener(_options.ListenAddress, _options.MqttPort);
        try
        {
            _listener.Start();
        }
        catch (SocketException e)
        {
            throw LocalCloudException.Env($"cannot listen for MQTT on {_options.ListenAddress}:{_options.MqttPort}: {e.Message}");
        }

        _acceptLoop = AcceptLoopAsync();
        return (IPEndPoint)_listener.LocalEndpoint;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener?.Stop();
        if (_acceptLoop != null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        Task[] pending;
        lock (_connections)
        {
            pending = _connections.ToArray();
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            int id = Interlocked.Increment(ref _nextId);
            if (Interlocked.Read(ref _engine.Stats.MqttConnectionsOpen) >= MaxConcurrentConnections)
            {
                _engine.Stats.Increment(ref _engine.Stats.MqttRefused);
                Log($"MQTT #{id}: closed at once: {MaxConcurrentConnections} connections are already open");
                client.Client.Close(0);
                client.Dispose();
                continue;
            }

            Task t = GuardedAsync(client, id);
            lock (_connections)
            {
                _connections.RemoveAll(c => c.IsCompleted);
                _connections.Add(t);
            }
        }
    }

    private void Log(string line) => _options.Write(line);

    /// <summary>Handles one connection; whatever happens, the connection is closed, counted and never takes the listener down.</summary>
    private async Task GuardedAsync(TcpClient client, int id)
    {
        ServerStats stats = _engine.Stats;
        stats.Increment(ref stats.MqttConnections);
        stats.Increment(ref stats.MqttConnectionsOpen);
        try
        {
            await HandleAsync(client, id).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log($"MQTT #{id}: connection lost ({e.GetType().Name})");
        }
        catch (Exception e)
        {
            // A defect of the relay, not of the client: logged by type only (its message could quote what the client sent).
            Log($"MQTT #{id}: closed after an internal error ({e.GetType().Name})");
        }
        finally
        {
            client.Dispose();
            Interlocked.Decrement(ref stats.MqttConnectionsOpen);
        }
    }

    private async Task HandleAsync(TcpClient client, int id)
    {
        ServerStats stats = _engine.Stats;
        using (client)
        {
            string sni = null;
            using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            handshake.CancelAfter(ConnectTimeout);
            try
            {
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificateSelectionCallback = (_, hostName) =>
                        {
                            sni = hostName;
                            return _certificate;
                        },
                        ApplicationProtocols = new List<SslApplicationProtocol> { new("mqtt") },
                        ClientCertificateRequired = false,
                    },
                    handshake.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
            {
                Log($"MQTT #{id}: TLS handshake failed ({e.GetType().Name})");
                return;
            }

            bool alpnMqtt = tls.NegotiatedApplicationProtocol == new SslApplicationProtocol("mqtt");
            if (_options.DomainName != null && !alpnMqtt && !string.Equals(sni, _options.DomainName, StringComparison.OrdinalIgnoreCase))
            {
                stats.Increment(ref stats.MqttRefused);
                Log($"MQTT #{id}: hung up: no ALPN 'mqtt' and SNI '{sni ?? "(none)"}' is not the custom-auth domain '{_options.DomainName}' (the service would route this to X.509 client-certificate auth)");
                return;
            }

            MqttConnectPacket connect;
            try
            {
                connect = await MqttConnectPacket.ReadAsync(tls, handshake.Token).ConfigureAwait(false);
            }
            catch (MqttProtocolException e) when (e.ProtocolLevel == 5)
            {
                stats.Increment(ref stats.MqttRefused);
                Log($"MQTT #{id}: {e.Message}: CONNACK 0x{(byte)e.ReasonCode:X2}");
                await SafeWrite(tls, MqttServerPackets.ConnAck(e.ReasonCode)).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is MqttProtocolException or IOException or EndOfStreamException or OperationCanceledException)
            {
                stats.Increment(ref stats.MqttRefused);
                Log($"MQTT #{id}: closed without CONNACK: {(e is MqttProtocolException ? e.Message : "no complete CONNECT within " + ConnectTimeout.TotalSeconds + " s")}");
                return;
            }

            if (connect == null)
            {
                return;
            }

            if (await RefusedBeforeJudgingAsync(tls, connect, id).ConfigureAwait(false))
            {
                return;
            }

            MqttUsername username = MqttUsername.Parse(connect.Username);
            var request = new AuthorizationRequest
            {
                Parameter = name => username.Parameters.Get(name),
                FieldsIgnoredBecause = username.IgnoredBecause,
                Protocol = "mqtt",
                MqttUsername = connect.Username,
                MqttPassword = connect.Password,
                MqttClientId = connect.ClientId,
                TlsServerName = sni,
                ConnectionId = "mqtt-" + id,
            };
            AuthorizationDecision decision = _engine.Decide(request);
            string clientArn = $"arn:aws:iot:{_options.Region}:{_options.Account}:client/{connect.ClientId}";
            if (decision.Allowed && !PolicyEvaluator.IsAllowed(decision.Response.PolicyDocuments, "iot:Connect", clientArn, connect.ClientId))
            {
                decision = new AuthorizationDecision { Reason = RefusalReason.PolicyDenied, Detail = $"the policy does not allow iot:Connect on {clientArn} (AUTHORIZATION_ERROR)", Authorizer = decision.Authorizer, FunctionInvoked = true };
            }

            if (!decision.Allowed)
            {
                byte[] refusal = connect.IsMqtt5 ? MqttServerPackets.ConnAck(MqttServerPackets.ConnAckFor(decision.Reason)) : MqttConnectPacket.ConnAck(5);
                stats.Increment(ref stats.MqttRefused);
                Log($"MQTT #{id} client '{connect.ClientId}': {decision} -> CONNACK {(connect.IsMqtt5 ? $"0x{refusal[3]:X2}" : "5")}");
                await SafeWrite(tls, refusal).ConfigureAwait(false);
                return;
            }

            using var broker = new TcpClient();
            try
            {
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                connectTimeout.CancelAfter(TimeSpan.FromSeconds(5));
                await broker.ConnectAsync(_options.Broker, connectTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                stats.Increment(ref stats.MqttRefused);
                Log($"MQTT #{id}: broker {_options.Broker} unreachable: CONNACK {(connect.IsMqtt5 ? "0x88" : "3")}");
                await SafeWrite(tls, connect.IsMqtt5 ? MqttServerPackets.ConnAck(MqttReasonCode.ServerUnavailable) : MqttConnectPacket.ConnAck(3)).ConfigureAwait(false);
                return;
            }

            var replay = new MqttConnectPacket
            {
                ProtocolName = connect.ProtocolName,
                ProtocolLevel = connect.ProtocolLevel,
                CleanSession = connect.CleanSession,
                KeepAliveSeconds = connect.KeepAliveSeconds,
                ClientId = connect.ClientId,
                WillFlag = connect.WillFlag,
                WillQos = connect.WillQos,
                WillRetain = connect.WillRetain,
                WillTopic = connect.WillTopic,
                WillMessage = connect.WillMessage,
                Username = string.IsNullOrEmpty(username.User) ? null : username.User,
                Password = null,
                Properties = connect.Properties,
                WillProperties = connect.WillProperties,
            };
            NetworkStream brokerStream = broker.GetStream();
            var relayed = new RelayedConnection(tls, brokerStream, connect.IsMqtt5, client.Client, broker.Client);
            try
            {
                await TakeOverAsync(connect.ClientId, relayed, id).ConfigureAwait(false);
                await brokerStream.WriteAsync(replay.Serialize(), _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                _byClientId.TryRemove(KeyValuePair.Create(connect.ClientId, relayed));
                Log($"MQTT #{id}: the broker closed before the CONNECT could be replayed");
                return;
            }

            stats.Increment(ref stats.MqttAccepted);
            int disconnectAfter = decision.Response.DisconnectAfterInSeconds;
            int refreshAfter = decision.Response.RefreshAfterInSeconds;
            Log($"MQTT #{id} client '{connect.ClientId}': allowed for {decision.Response.PrincipalId}; relaying to {_options.Broker} as MQTT {(connect.IsMqtt5 ? "5" : "3.1.1")} (refresh every {refreshAfter} s, cut at {disconnectAfter} s)");
            await RelayAsync(relayed, request, connect.ClientId, id, refreshAfter, disconnectAfter).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Answers a CONNECT the service turns away before any authorizer runs: a protocol level other
    /// than 4 (3.1.1) and 5, or an MQTT 5 CONNECT <see cref="Mqtt5Admission"/> refuses. True when it did.
    /// </summary>
    private async Task<bool> RefusedBeforeJudgingAsync(Stream tls, MqttConnectPacket connect, int id)
    {
        ServerStats stats = _engine.Stats;
        if (connect.ProtocolLevel != 4 && !connect.IsMqtt5)
        {
            // MQTT 5.0 section 3.1.2.2: a newer client may be answered 0x84; an older one only understands 3.1.1's return code 1.
            bool newer = connect.ProtocolLevel > 5;
            stats.Increment(ref stats.MqttRefused);
            Log($"MQTT #{id}: protocol level {connect.ProtocolLevel} is neither MQTT 3.1.1 (4) nor MQTT 5 (5): CONNACK {(newer ? "0x84" : "1")}");
            await SafeWrite(tls, newer ? MqttServerPackets.ConnAck(MqttReasonCode.UnsupportedProtocolVersion) : MqttConnectPacket.ConnAck(1)).ConfigureAwait(false);
            return true;
        }

        MqttReasonCode admission = MqttReasonCode.Success;
        string inadmissible = connect.IsMqtt5 ? Mqtt5Admission.Check(connect, out admission) : null;
        if (inadmissible == null)
        {
            return false;
        }

        stats.Increment(ref stats.MqttRefused);
        Log($"MQTT #{id}: {inadmissible}: CONNACK 0x{(byte)admission:X2}");
        await SafeWrite(tls, MqttServerPackets.ConnAck(admission)).ConfigureAwait(false);
        return true;
    }

    /// <summary>Relays until a side closes or a cut (disconnectAfterInSeconds, refused refresh, takeover, stop); counts and logs how it ended.</summary>
    private async Task RelayAsync(RelayedConnection relayed, AuthorizationRequest request, string clientId, int id, int refreshAfter, int disconnectAfter)
    {
        ServerStats stats = _engine.Stats;
        using var timers = new CancellationTokenSource();
        using var stopping = _stop.Token.Register(() => relayed.Cut(RelayCut.ServerStopping));
        _ = CutAfterAsync(relayed, disconnectAfter, timers.Token);
        _ = RefreshLoop(relayed, request, refreshAfter, timers.Token);
        RelayCut? cut;
        try
        {
            cut = await relayed.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            timers.Cancel();
            _byClientId.TryRemove(KeyValuePair.Create(clientId, relayed));
        }

        switch (cut)
        {
            case RelayCut.DisconnectAfter:
                stats.Increment(ref stats.MqttCutAtDisconnectAfter);
                Log($"MQTT #{id} client '{clientId}': cut at disconnectAfterInSeconds ({disconnectAfter} s)");
                break;
            case RelayCut.RefreshRefused:
                stats.Increment(ref stats.MqttCutAtRefresh);
                Log($"MQTT #{id} client '{clientId}': cut: the policy refresh refused the original credentials");
                break;
            case RelayCut.TakenOver:
                stats.Increment(ref stats.MqttSessionsTakenOver);
                Log($"MQTT #{id} client '{clientId}': cut: a newer connection took its client id over");
                break;
            default:
                Log($"MQTT #{id} client '{clientId}': closed");
                break;
        }
    }

    /// <summary>Registers <paramref name="relayed"/> under its client id and ends the connection that held it (DUPLICATE_CLIENTID), before the broker sees the new CONNECT.</summary>
    private async Task TakeOverAsync(string clientId, RelayedConnection relayed, int id)
    {
        RelayedConnection previous = null;
        if (string.IsNullOrEmpty(clientId))
        {
            return; // An empty id names no one: the broker assigns one (MQTT 5) or keeps no session (3.1.1).
        }

        _byClientId.AddOrUpdate(clientId, relayed, (_, old) =>
        {
            previous = old;
            return relayed;
        });
        if (previous != null)
        {
            Log($"MQTT #{id} client '{clientId}': takes the client id over from an open connection");
            previous.Cut(RelayCut.TakenOver);
            await previous.Ended.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task CutAfterAsync(RelayedConnection relayed, int disconnectAfter, CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(disconnectAfter), _engine.Time, ct).ConfigureAwait(false);
            relayed.Cut(RelayCut.DisconnectAfter);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Re-judges the original credentials every refreshAfterInSeconds; a refusal cuts the connection.</summary>
    private async Task RefreshLoop(RelayedConnection relayed, AuthorizationRequest request, int refreshAfter, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(refreshAfter), _engine.Time, ct).ConfigureAwait(false);
                if (!_engine.Decide(request).Allowed)
                {
                    relayed.Cut(RelayCut.RefreshRefused);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SafeWrite(Stream s, byte[] data)
    {
        try
        {
            await s.WriteAsync(data).ConfigureAwait(false);
            await s.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }
}
