using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// The MQTT side of the local endpoint: a TLS listener that reads the CONNECT packet (MQTT 3.1.1),
/// authorizes its username/password/clientId and the TLS SNI like the service, answers CONNACK 5
/// when refused, and otherwise relays the connection to a real broker, replaying the CONNECT
/// without the custom-auth parameters (username = the user part, no password). The relay
/// re-judges the original credentials every refreshAfterInSeconds and cuts the connection at
/// disconnectAfterInSeconds (both on the engine's clock).
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

            if (connect.ProtocolLevel != 4)
            {
                stats.Increment(ref stats.MqttRefused);
                Log($"MQTT #{id}: protocol level {connect.ProtocolLevel} is not MQTT 3.1.1 (4): CONNACK 1");
                await SafeWrite(tls, MqttConnectPacket.ConnAck(1)).ConfigureAwait(false);
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
                stats.Increment(ref stats.MqttRefused);
                Log($"MQTT #{id} client '{connect.ClientId}': {decision} -> CONNACK 5");
                await SafeWrite(tls, MqttConnectPacket.ConnAck(5)).ConfigureAwait(false);
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
                Log($"MQTT #{id}: broker {_options.Broker} unreachable: CONNACK 3");
                await SafeWrite(tls, MqttConnectPacket.ConnAck(3)).ConfigureAwait(false);
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
            };
            NetworkStream brokerStream = broker.GetStream();
            await brokerStream.WriteAsync(replay.Serialize(), _stop.Token).ConfigureAwait(false);
            stats.Increment(ref stats.MqttAccepted);
            int disconnectAfter = decision.Response.DisconnectAfterInSeconds;
            int refreshAfter = decision.Response.RefreshAfterInSeconds;
            Log($"MQTT #{id} client '{connect.ClientId}': allowed for {decision.Response.PrincipalId}; relaying to {_options.Broker} (refresh every {refreshAfter} s, cut at {disconnectAfter} s)");

            using var session = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            Task up = Pump(tls, brokerStream, session.Token);
            Task down = Pump(brokerStream, tls, session.Token);
            Task cut = Task.Delay(TimeSpan.FromSeconds(disconnectAfter), _engine.Time, session.Token);
            Task refresh = RefreshLoop(request, refreshAfter, session.Token);
            Task first = await Task.WhenAny(up, down, cut, refresh).ConfigureAwait(false);
            if (first == cut && !cut.IsCanceled)
            {
                stats.Increment(ref stats.MqttCutAtDisconnectAfter);
                Log($"MQTT #{id} client '{connect.ClientId}': cut at disconnectAfterInSeconds ({disconnectAfter} s)");
            }
            else if (first == refresh && refresh.Status == TaskStatus.RanToCompletion)
            {
                stats.Increment(ref stats.MqttCutAtRefresh);
                Log($"MQTT #{id} client '{connect.ClientId}': cut: the policy refresh refused the original credentials");
            }
            else
            {
                Log($"MQTT #{id} client '{connect.ClientId}': closed");
            }

            session.Cancel();
            client.Client.Close(0);
            broker.Client.Close(0);
            await Task.WhenAll(up, down).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>Completes normally when a refresh refuses the credentials; cancelled otherwise.</summary>
    private async Task RefreshLoop(AuthorizationRequest request, int refreshAfter, CancellationToken ct)
    {
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(refreshAfter), _engine.Time, ct).ConfigureAwait(false);
            if (!_engine.Decide(request).Allowed)
            {
                return;
            }
        }
    }

    private static async Task Pump(Stream from, Stream to, CancellationToken ct)
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
