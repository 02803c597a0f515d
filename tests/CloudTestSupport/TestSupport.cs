using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using DeviceAuth.LocalCloud.Server;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.CloudTestSupport;

/// <summary>A virtual clock for the server and the library (one request per minute over a day runs in seconds).</summary>
public sealed class VirtualTime : TimeProvider, DeviceAuth.IClock
{
    private long _ticks;

    public VirtualTime(DateTimeOffset start) => _ticks = start.UtcTicks;

    public DateTime UtcNow => new(Interlocked.Read(ref _ticks), DateTimeKind.Utc);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>Keys shared by the tests (generated once per run).</summary>
public static class TestKeys
{
    private static readonly Lazy<RSA> LazyKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyOther = new(() => RSA.Create(2048));

    public static RSA Key => LazyKey.Value;

    public static RSA OtherKey => LazyOther.Value;

    public static string PublicPem => Key.ExportSubjectPublicKeyInfoPem();

    public static string PrivatePem => Key.ExportPkcs8PrivateKeyPem();

    /// <summary>Reference signature by .NET (OpenSSL): Base64(RSASSA-PKCS1-v1_5-SHA256(UTF-8 token)).</summary>
    public static string DotNetSign(string token, RSA key = null) =>
        Convert.ToBase64String((key ?? Key).SignData(System.Text.Encoding.UTF8.GetBytes(token), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static void WriteKeyFiles(TempDir dir, out string privatePath, out string publicPath)
    {
        privatePath = dir.File("device.key.pem");
        publicPath = dir.File("device.pub.pem");
        File.WriteAllText(privatePath, PrivatePem);
        File.WriteAllText(publicPath, PublicPem);
    }
}

/// <summary>A running <see cref="LocalAuthorizerServer"/> on loopback with free ports.</summary>
public sealed class RunningEndpoint : IAsyncDisposable
{
    private readonly LocalAuthorizerServer _server;

    private RunningEndpoint(LocalAuthorizerServer server, ServerEndpoints endpoints)
    {
        _server = server;
        Endpoints = endpoints;
    }

    public ServerEndpoints Endpoints { get; }

    internal ServerStats Stats => _server.Stats;

    internal LocalAuthorizerServer Server => _server;

    public const string AuthorizerName = "test-authorizer";
    public const string TokenKeyName = "token";

    internal static AuthorizerDefinition Authorizer(bool caching = true, bool active = true, bool signingDisabled = false, string name = AuthorizerName)
    {
        var def = new AuthorizerDefinition
        {
            AuthorizerName = name,
            AuthorizerFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:test",
            TokenKeyName = TokenKeyName,
            EnableCachingForHttp = caching,
            Status = active ? "ACTIVE" : "INACTIVE",
            SigningDisabled = signingDisabled,
        };
        if (!signingDisabled)
        {
            def.AddPublicKey("key1", TestKeys.PublicPem, "test key");
        }

        return def;
    }

    internal static async Task<RunningEndpoint> StartAsync(TimeProvider time, AuthorizerFunction function = null, IPEndPoint broker = null, int minSessionSeconds = ServiceLimits.SessionSecondsMin, params AuthorizerDefinition[] authorizers)
    {
        if (authorizers.Length == 0)
        {
            authorizers = new[] { Authorizer() };
        }

        var engine = new AuthorizationEngine(authorizers, function ?? AuthorizerFunction.AllowAll(), time, minSessionSeconds: minSessionSeconds);
        return await StartAsync(engine, broker);
    }

    /// <summary>Starts an endpoint around <paramref name="engine"/> (e.g. one with no authorizers, for the control plane to fill).</summary>
    internal static async Task<RunningEndpoint> StartAsync(AuthorizationEngine engine, IPEndPoint broker)
    {
        var server = new LocalAuthorizerServer(engine, new ServerOptions { HttpsPort = 0, MqttPort = 0, Broker = broker });
        ServerEndpoints endpoints = await server.StartAsync(TestContext.Current.CancellationToken);
        return new RunningEndpoint(server, endpoints);
    }

    /// <summary>An HttpClient that trusts the endpoint's self-signed certificate (and only it).</summary>
    public HttpClient CreateClient(bool keepAlive = true)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert != null && cert.GetCertHashString() == _server.Certificate.GetCertHashString(),
            },
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{Endpoints.Https.Port}/"), Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestVersion = HttpVersion.Version11;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        if (!keepAlive)
        {
            client.DefaultRequestHeaders.ConnectionClose = true;
        }

        return client;
    }

    public string CaPem => SelfSignedCertificate.ToPem(_server.Certificate);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
