using System.Net;
using System.Net.Security;
using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.ApiGateway;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.LocalCloud.Server;

namespace DeviceAuth.CloudTestSupport;

/// <summary>The local cloud's HTTPS host with its API Gateway on a free loopback port, and helpers to configure and call HTTP APIs.</summary>
internal sealed class LocalHttpApiHost : IAsyncDisposable
{
    private readonly LocalAuthorizerServer _server;
    private readonly HttpClient _client;

    private LocalHttpApiHost(LocalAuthorizerServer server, ServerEndpoints endpoints, LocalApiGateway gateway)
    {
        _server = server;
        Endpoints = endpoints;
        Gateway = gateway;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == server.Certificate.GetCertHashString() },
        };
        _client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{endpoints.Https.Port}/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public const string Region = "us-east-1";
    public const string Account = "123456789012";

    public ServerEndpoints Endpoints { get; }

    public LocalApiGateway Gateway { get; }

    public string EndpointUrl => $"https://127.0.0.1:{Endpoints.Https.Port}";

    public static async Task<LocalHttpApiHost> StartAsync(TimeProvider time)
    {
        var engine = new AuthorizationEngine(new[] { RunningEndpoint.Authorizer() }, AuthorizerFunction.AllowAll(), time);
        var gateway = new LocalApiGateway(time, Region, Account);
        var server = new LocalAuthorizerServer(engine, new ServerOptions { HttpsPort = 0, ApiGateway = gateway });
        ServerEndpoints endpoints = await server.StartAsync(TestContext.Current.CancellationToken);
        return new LocalHttpApiHost(server, endpoints, gateway);
    }

    /// <summary>Runs a control-plane call in-process; fails the test on an error answer unless <paramref name="expectStatus"/> says otherwise.</summary>
    public JsonObject Control(string method, string path, JsonObject body = null, int expectStatus = 0)
    {
        string[] parts = path.Split('?');
        var query = parts.Length > 1 ? parts[1].Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]) : new Dictionary<string, string>();
        ControlPlaneResponse r = Gateway.ControlPlane.Handle(method, parts[0].Split('/', StringSplitOptions.RemoveEmptyEntries), query, body);
        if (expectStatus != 0)
        {
            Assert.Equal(expectStatus, r.Status);
        }
        else
        {
            Assert.True(r.Status < 300, $"{method} {path}: {r.Status} {r.ErrorType} {r.Body?.ToJsonString()}");
        }

        return r.Body as JsonObject;
    }

    /// <summary>Creates an HTTP API with a stage; returns its id.</summary>
    public string CreateApi(string stage = "$default", JsonObject stageVariables = null)
    {
        string api = (string)Control("POST", "", new JsonObject { ["name"] = "device-api", ["protocolType"] = "HTTP" })["apiId"];
        var s = new JsonObject { ["stageName"] = stage, ["autoDeploy"] = true };
        if (stageVariables != null)
        {
            s["stageVariables"] = stageVariables;
        }

        Control("POST", $"{api}/stages", s);
        return api;
    }

    /// <summary>Creates an authorizer from a wire body; returns its id.</summary>
    public string CreateAuthorizer(string api, JsonObject wireBody) => (string)Control("POST", $"{api}/authorizers", wireBody)["authorizerId"];

    public void CreateRoute(string api, string routeKey, string authorizationType, string authorizerId, params string[] scopes)
    {
        var body = new JsonObject { ["routeKey"] = routeKey, ["authorizationType"] = authorizationType };
        if (authorizerId != null)
        {
            body["authorizerId"] = authorizerId;
        }

        if (scopes.Length > 0)
        {
            body["authorizationScopes"] = new JsonArray(scopes.Select(s => (JsonNode)s).ToArray());
        }

        Control("POST", $"{api}/routes", body);
    }

    /// <summary>Sends <paramref name="request"/> to HTTP API <paramref name="api"/> (Host: {api}.execute-api.localhost).</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(string api, HttpRequestMessage request)
    {
        request.Headers.Host = $"{api}.execute-api.localhost:{Endpoints.Https.Port}";
        HttpResponseMessage response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject, response);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }
}
