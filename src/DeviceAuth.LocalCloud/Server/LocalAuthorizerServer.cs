using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.LocalCloud.Iot.ControlPlane;
using DeviceAuth.LocalCloud.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>Configuration of a <see cref="LocalAuthorizerServer"/>.</summary>
internal sealed class ServerOptions
{
    /// <summary>Connections each listener (HTTPS, MQTT) serves at once; more wait in the backlog (HTTPS) or are closed at once (MQTT). Bounds the memory of a flood.</summary>
    public const int MaxConcurrentConnections = 1000;

    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>HTTPS port; 0 picks a free one.</summary>
    public int HttpsPort { get; init; }

    /// <summary>MQTT-over-TLS port (0 picks a free one); used only when <see cref="Broker"/> is set.</summary>
    public int MqttPort { get; init; }

    /// <summary>The real MQTT broker accepted connections are relayed to; null disables the MQTT listener.</summary>
    public IPEndPoint Broker { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string Account { get; init; } = "123456789012";

    /// <summary>When set, MQTT connections are custom-authenticated only with SNI = this name or ALPN "mqtt" (as on port 443 of the service); others are hung up.</summary>
    public string DomainName { get; init; }

    public X509Certificate2 Certificate { get; init; }

    /// <summary>One line per decision (never a secret); null for silence. Lines reach it through <see cref="Write"/>, with control characters escaped.</summary>
    public Action<string> Log { get; init; }

    /// <summary>The local API Gateway (control plane on /v2/apis, HTTP APIs on Host {apiId}.execute-api.*); null for none.</summary>
    public ApiGateway.LocalApiGateway ApiGateway { get; init; }

    /// <summary>Writes one log line with every control, format and separator character escaped (<see cref="LogText"/>): values from the network cannot forge lines.</summary>
    public void Write(string line) => Log?.Invoke(LogText.Escape(line));
}

/// <summary>
/// The local custom-authorizer endpoint behind <c>deviceauth serve</c> and <c>deviceauth demo</c>:
/// HTTPS publish (POST /topics/{topic}) with the custom-auth headers or query parameters,
/// per-connection caching when enableCachingForHttp is on, TestInvokeAuthorizer
/// (POST /authorizer/{name}/test), counters (GET /stats), the authorizer control plane
/// (<see cref="IotControlPlaneEndpoints"/>, on the engine's store), and an MQTT-over-TLS listener that
/// authorizes the CONNECT and relays accepted connections to a real broker.
/// </summary>
internal sealed class LocalAuthorizerServer : IAsyncDisposable
{
    private const int MaxPublishBytes = 128 * 1024;
    private readonly ServerOptions _options;
    private WebApplication _app;
    private MqttRelay _mqtt;
    private HeapTrimmer _trim;

    public LocalAuthorizerServer(AuthorizationEngine engine, ServerOptions options)
    {
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Certificate = options.Certificate ?? SelfSignedCertificate.Create(options.DomainName == null ? null : new[] { options.DomainName }, engine.Time);
        if (options.ApiGateway != null && options.Log != null)
        {
            // The HTTP APIs log through the same escaping writer as the rest of the endpoint.
            options.ApiGateway.DataPlane.Log = options.Write;
        }
    }

    public AuthorizationEngine Engine { get; }

    public X509Certificate2 Certificate { get; }

    public ServerEndpoints Endpoints { get; private set; }

    public ServerStats Stats => Engine.Stats;

    public async Task<ServerEndpoints> StartAsync(CancellationToken ct)
    {
        NativeHeap.LimitArenas(2);
        _trim = new HeapTrimmer(Engine.Stats);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>(), ApplicationName = "deviceauth" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxConcurrentConnections = ServerOptions.MaxConcurrentConnections;
            k.Limits.MaxConcurrentUpgradedConnections = 0;
            k.Listen(_options.ListenAddress, _options.HttpsPort, listen =>
            {
                listen.Use(next => async connection =>
                {
                    Engine.Stats.Increment(ref Engine.Stats.HttpConnections);
                    Engine.Stats.Increment(ref Engine.Stats.HttpConnectionsOpen);
                    connection.Items[typeof(ConnectionContext)] = connection;
                    try
                    {
                        await next(connection).ConfigureAwait(false);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref Engine.Stats.HttpConnectionsOpen);
                    }
                });
                listen.UseHttps(Certificate);
            });
        });
        _app = builder.Build();
        if (_options.ApiGateway != null)
        {
            _app.Use((http, next) => _options.ApiGateway.HandleAsync(http, next));
        }

        _app.MapPost("/topics/{**topic}", PublishAsync);
        _app.MapPost("/authorizer/{name}/test", TestInvokeAsync);
        _app.MapGet("/stats", () => Results.Json(StatsJson()));
        IotControlPlaneEndpoints.Map(_app, new AuthorizerControlPlane(Engine.Store, _options.Region, _options.Account), _options.Log == null ? null : _options.Write);
        try
        {
            await _app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw LocalCloudException.Env($"cannot listen for HTTPS on {_options.ListenAddress}:{_options.HttpsPort}: {e.Message}");
        }

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
        var https = new IPEndPoint(_options.ListenAddress, new Uri(address).Port);
        IPEndPoint mqtt = null;
        if (_options.Broker != null)
        {
            _mqtt = new MqttRelay(Engine, _options, Certificate);
            mqtt = _mqtt.Start();
        }

        Endpoints = new ServerEndpoints(https, mqtt);
        return Endpoints;
    }

    public JsonObject StatsJson()
    {
        JsonObject o = Engine.Stats.ToJson();
        var names = new JsonArray();
        foreach (var a in Engine.Authorizers)
        {
            names.Add(a.AuthorizerName);
        }

        o["authorizers"] = names;
        o["defaultAuthorizer"] = Engine.DefaultAuthorizerName;
        return o;
    }

    public async ValueTask DisposeAsync()
    {
        _trim?.Dispose();
        if (_mqtt != null)
        {
            await _mqtt.DisposeAsync().ConfigureAwait(false);
        }

        if (_app != null)
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class HttpConnectionState
    {
        public string CacheKey;
        public AuthorizationDecision CachedDecision;
        public DateTimeOffset CacheValidUntil;
        public DateTimeOffset? DisconnectAt;
        public ITimer CutTimer;
    }

    private async Task PublishAsync(HttpContext http, string topic)
    {
        ServerStats stats = Engine.Stats;
        stats.Increment(ref stats.HttpRequests);
        string traceId = Guid.NewGuid().ToString();
        IDictionary<object, object> items = http.Features.Get<IConnectionItemsFeature>()?.Items ?? new Dictionary<object, object>();
        if (!items.TryGetValue(typeof(HttpConnectionState), out object stateObject))
        {
            stateObject = new HttpConnectionState();
            items[typeof(HttpConnectionState)] = stateObject;
        }

        var state = (HttpConnectionState)stateObject;
        DateTimeOffset now = Engine.Time.GetUtcNow();
        if (state.DisconnectAt is DateTimeOffset cut && now >= cut)
        {
            // The service would have cut this connection at disconnectAfterInSeconds; on a virtual clock that
            // cannot happen while it is idle, so this request is judged as the first of a new connection
            // (same invocation count; the TCP connection itself is kept, sparing the client a failed send).
            stats.Increment(ref stats.HttpConnectionsCutAtDisconnectAfter);
            state.CacheKey = null;
            state.CachedDecision = null;
            state.DisconnectAt = null;
        }

        var query = QueryParameters.Parse(http.Request.QueryString.HasValue ? http.Request.QueryString.Value[1..] : null);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in http.Request.Headers)
        {
            headers[h.Key] = h.Value.ToString();
        }

        string Lookup(string name) => headers.TryGetValue(name, out string v) ? v : query.Get(name);
        string cacheKey = string.Join("\n", new[] { ServiceLimits.AuthorizerNameHeader, ServiceLimits.SignatureHeader }
            .Concat(Engine.Authorizers.Select(a => a.TokenKeyName).Where(n => n != null).Distinct())
            .Select(n => n + "=" + Lookup(n)));

        AuthorizationDecision decision;
        bool cacheHit = false;
        // A cached result stands only while its authorizer is unchanged: UpdateAuthorizer (a rotated key,
        // INACTIVE, caching off) or DeleteAuthorizer takes effect on the next request.
        if (state.CachedDecision != null && state.CacheKey == cacheKey && now < state.CacheValidUntil
            && ReferenceEquals(Engine.Find(state.CachedDecision.Authorizer.AuthorizerName), state.CachedDecision.Authorizer))
        {
            decision = state.CachedDecision;
            cacheHit = true;
            stats.Increment(ref stats.HttpCacheHits);
        }
        else
        {
            decision = Engine.Decide(new AuthorizationRequest
            {
                Parameter = Lookup,
                Protocol = "http",
                HttpHeaders = headers,
                QueryString = http.Request.QueryString.HasValue ? http.Request.QueryString.Value[1..] : string.Empty,
                TlsServerName = http.Request.Host.Host,
                ConnectionId = http.Connection.Id,
            });
            if (decision.Allowed)
            {
                if (decision.Authorizer.CachingForHttp)
                {
                    state.CacheKey = cacheKey;
                    state.CachedDecision = decision;
                    state.CacheValidUntil = now.AddSeconds(decision.Response.RefreshAfterInSeconds);
                }

                if (state.DisconnectAt == null)
                {
                    state.DisconnectAt = now.AddSeconds(decision.Response.DisconnectAfterInSeconds);
                    ScheduleCut(http, state, TimeSpan.FromSeconds(decision.Response.DisconnectAfterInSeconds));
                }
            }
        }

        string resource = $"arn:aws:iot:{_options.Region}:{_options.Account}:topic/{topic}";
        if (!decision.Allowed)
        {
            stats.Increment(ref stats.HttpRefused);
            _options.Write($"HTTPS POST /topics/{topic} (connection {http.Connection.Id}): {decision}");
            http.Response.Headers["x-deviceauth-refusal"] = decision.Reason.ToString();
            await WriteJson(http, StatusCodes.Status401Unauthorized, new JsonObject { ["message"] = "Unauthorized", ["traceId"] = traceId }).ConfigureAwait(false);
            return;
        }

        if (!PolicyEvaluator.IsAllowed(decision.Response.PolicyDocuments, "iot:Publish", resource, null))
        {
            stats.Increment(ref stats.HttpRefused);
            _options.Write($"HTTPS POST /topics/{topic}: authenticated as {decision.Response.PrincipalId} but the policy does not allow iot:Publish on {resource}");
            http.Response.Headers["x-deviceauth-refusal"] = RefusalReason.PolicyDenied.ToString();
            await WriteJson(http, StatusCodes.Status403Forbidden, new JsonObject { ["message"] = "Forbidden", ["traceId"] = traceId }).ConfigureAwait(false);
            return;
        }

        long length = 0;
        byte[] buffer = new byte[8192];
        int n;
        while ((n = await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += n;
            if (length > MaxPublishBytes)
            {
                await WriteJson(http, StatusCodes.Status413PayloadTooLarge, new JsonObject { ["message"] = "Payload too large", ["traceId"] = traceId }).ConfigureAwait(false);
                return;
            }
        }

        stats.Increment(ref stats.HttpAccepted);
        _options.Write($"HTTPS POST /topics/{topic} ({length} bytes, connection {http.Connection.Id}): allowed for {decision.Response.PrincipalId} ({(cacheHit ? "cached result, function not invoked" : "function invoked")})");
        http.Response.Headers["x-deviceauth-authorizer"] = cacheHit ? "cached" : "invoked";
        await WriteJson(http, StatusCodes.Status200OK, new JsonObject { ["message"] = "OK", ["traceId"] = traceId }).ConfigureAwait(false);
    }

    private void ScheduleCut(HttpContext http, HttpConnectionState state, TimeSpan after)
    {
        IDictionary<object, object> items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items == null || !items.TryGetValue(typeof(ConnectionContext), out object c) || c is not ConnectionContext connection)
        {
            return;
        }

        ServerStats stats = Engine.Stats;
        state.CutTimer = Engine.Time.CreateTimer(_ =>
        {
            stats.Increment(ref stats.HttpConnectionsCutAtDisconnectAfter);
            connection.Abort(new ConnectionAbortedException("disconnectAfterInSeconds elapsed"));
        }, null, after, Timeout.InfiniteTimeSpan);
        connection.ConnectionClosed.Register(() => state.CutTimer?.Dispose());
    }

    private async Task TestInvokeAsync(HttpContext http, string name)
    {
        Engine.Stats.Increment(ref Engine.Stats.TestInvokes);
        byte[] bytes = await ReadBody(http, TestInvokeBody.MaxBytes).ConfigureAwait(false);
        if (bytes == null)
        {
            await AwsError(http, StatusCodes.Status413PayloadTooLarge, "InvalidRequestException", $"The request body is larger than {TestInvokeBody.MaxBytes} bytes.").ConfigureAwait(false);
            return;
        }

        var result = TestInvoke(name, bytes);
        await WriteJson(http, result.Status, result.Body, result.ErrorType).ConfigureAwait(false);
    }

    /// <summary>The request body, or null when it is longer than <paramref name="max"/> bytes (the rest is not read).</summary>
    private static async Task<byte[]> ReadBody(HttpContext http, int max)
    {
        var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>TestInvokeAuthorizer semantics (seeds 003/004): validate the name and the body, check the signature, run the function.</summary>
    internal (int Status, JsonObject Body, string ErrorType) TestInvoke(string name, byte[] requestBody)
    {
        (int, JsonObject, string) Error(int status, string type, string message) => (status, new JsonObject { ["message"] = message }, type);

        string nameProblem = ServiceLimits.CheckAuthorizerName(name);
        if (nameProblem != null)
        {
            return Error(400, "InvalidRequestException", nameProblem);
        }

        AuthorizerDefinition authorizer = Engine.Find(name);
        if (authorizer == null)
        {
            return Error(404, "ResourceNotFoundException", $"Authorizer {name} does not exist.");
        }

        TestInvokeBody body = TestInvokeBody.Parse(requestBody, out string problem);
        if (body == null)
        {
            return Error(400, "InvalidRequestException", problem);
        }

        string token = body.Token;
        string signature = body.TokenSignature;
        AuthorizationDecision d = Engine.Decide(new AuthorizationRequest
        {
            Parameter = key => key == ServiceLimits.AuthorizerNameHeader ? name : key == ServiceLimits.SignatureHeader ? signature : key == authorizer.TokenKeyName ? token : null,
            Protocol = body.Protocol,
            HttpHeaders = body.Headers,
            QueryString = body.QueryString,
            MqttUsername = body.Username,
            MqttPassword = body.Password,
            MqttClientId = body.ClientId,
            TlsServerName = body.ServerName,
            ConnectionId = Guid.NewGuid().ToString(),
            IgnoreStatus = true,
        });
        _options.Write($"TestInvokeAuthorizer {name}: {d}");
        switch (d.Reason)
        {
            case RefusalReason.None:
            case RefusalReason.NotAuthenticated:
                return (200, d.Response.ToJson(), null);
            case RefusalReason.AuthorizerInactive:
            case RefusalReason.SignatureMismatch:
            case RefusalReason.TokenMissing:
            case RefusalReason.SignatureMissing:
                return Error(400, "InvalidRequestException", d.Detail);
            case RefusalReason.InvalidResponse:
            case RefusalReason.FunctionTimeout:
            case RefusalReason.FunctionFailed:
                return Error(400, "InvalidResponseException", d.Detail);
            default:
                return Error(400, "InvalidRequestException", d.Detail);
        }
    }

    private static Task AwsError(HttpContext http, int status, string type, string message) =>
        WriteJson(http, status, new JsonObject { ["message"] = message }, type);

    private static async Task WriteJson(HttpContext http, int status, JsonObject body, string errorType = null)
    {
        http.Response.StatusCode = status;
        if (errorType != null)
        {
            http.Response.Headers["x-amzn-ErrorType"] = errorType;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted).ConfigureAwait(false);
    }
}
