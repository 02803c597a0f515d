using DeviceAuth.LocalCloud.Functions;
using DeviceAuth.LocalCloud.Tests.ApiGateway;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using DeviceAuth.Credentials;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.LocalCloud.Server;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// Malformed input against the running endpoint (issue 11): every request gets its documented 4xx, never a
/// 500; log lines escape control characters.
/// </summary>
public class ServeHardeningTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal sealed class Endpoint : IAsyncDisposable
    {
        public readonly ConcurrentQueue<string> Log = new();
        public LocalAuthorizerServer Server;
        public HttpClient Client;

        public static async Task<Endpoint> StartAsync(TimeProvider time, AuthorizerFunction function = null, IPEndPoint broker = null, params AuthorizerDefinition[] authorizers)
        {
            var e = new Endpoint();
            var engine = new AuthorizationEngine(authorizers.Length > 0 ? authorizers : new[] { RunningEndpoint.Authorizer() }, function ?? AuthorizerFunction.AllowAll(), time);
            e.Server = new LocalAuthorizerServer(engine, new ServerOptions { HttpsPort = 0, MqttPort = 0, Broker = broker, Log = e.Log.Enqueue });
            ServerEndpoints endpoints = await e.Server.StartAsync(TestContext.Current.CancellationToken);
            string hash = e.Server.Certificate.GetCertHashString();
            var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == hash } };
            e.Client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{endpoints.Https.Port}/") };
            return e;
        }

        public async Task<(HttpStatusCode Status, string ErrorType, string Body)> TestInvoke(byte[] body, string name = RunningEndpoint.AuthorizerName)
        {
            using var r = await Client.PostAsync($"authorizer/{name}/test", new ByteArrayContent(body), TestContext.Current.CancellationToken);
            string type = r.Headers.TryGetValues("x-amzn-ErrorType", out var v) ? v.Single() : null;
            return (r.StatusCode, type, await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            await Server.DisposeAsync();
        }
    }

    private static string Signature(string token) => TestKeys.DotNetSign(token);

    private static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("""{"token":"\ud800","tokenSignature":"AAAA"}""", "lone surrogate")]
    [InlineData("""{"token":"t","tokenSignature":"AAAA","httpContext":{"headers":{"\udc00":"x"}}}""", "lone surrogate")]
    [InlineData("""{"token":"t","token":"u","tokenSignature":"AAAA"}""", "not valid JSON")]
    [InlineData("""{"token":"t","tokenSignature":"AAAA","httpContext":{"headers":{"a":"1","A":"2"}}}""", "same header twice")]
    [InlineData("""{"token":5,"tokenSignature":"AAAA"}""", "token must be a string")]
    [InlineData("""{"token":"t","tokenSignature":"AAAA","httpContext":[]}""", "httpContext must be an object")]
    [InlineData("""{"token":"t","tokenSignature":"AAAA","httpContext":{"headers":{"a":1}}}""", "values must be strings")]
    [InlineData("""{"token":"t","tokenSignature":"AAAA","httpContext":{"queryString":{}}}""", "queryString must be a string")]
    [InlineData("""{"token":"t","tokenSignature":"AAAA","mqttContext":{"password":7}}""", "password must be a string")]
    [InlineData("""{"token":"t","tokenSignature":"AAAA","mqttContext":{"password":"!!"}}""", "must be Base64")]
    [InlineData("""{"token":"t","tokenSignature":"AAAA","tlsContext":"x"}""", "tlsContext must be an object")]
    [InlineData("""[]""", "must be a JSON object")]
    [InlineData("""null""", "empty")]
    [InlineData("", "empty")]
    [InlineData("""{"token":""", "not valid JSON")]
    public async Task Malformed_TestInvokeAuthorizer_bodies_get_400_InvalidRequestException(string body, string expected)
    {
        await using var endpoint = await Endpoint.StartAsync(new VirtualTime(Start));
        var (status, type, text) = await endpoint.TestInvoke(Utf8(body));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidRequestException", type);
        Assert.Contains(expected, JsonNode.Parse(text)!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_UTF8_and_oversized_TestInvokeAuthorizer_bodies_get_400_and_413()
    {
        await using var endpoint = await Endpoint.StartAsync(new VirtualTime(Start));
        byte[] badUtf8 = Utf8("""{"token":"XX","tokenSignature":"AAAA"}""");
        badUtf8[10] = 0xC0;
        badUtf8[11] = 0x80;
        Assert.Equal(HttpStatusCode.BadRequest, (await endpoint.TestInvoke(badUtf8)).Status);
        var big = Utf8("{\"token\":\"" + new string('a', TestInvokeBody.MaxBytes) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await endpoint.TestInvoke(big)).Status);
    }

    /// <summary>Issue 11, reproducer 5: a JWT-shaped token whose exp lies past year 9999 (and its siblings) answered 500.</summary>
    [Theory]
    [InlineData("{\"exp\":99999999999999}", true)]
    [InlineData("{\"exp\":1e300}", true)]
    [InlineData("{\"exp\":-99999999999999}", false)]
    [InlineData("{\"exp\":1.5e9,\"nbf\":1e300}", false)]
    [InlineData("{\"exp\":\"tomorrow\"}", false)]
    [InlineData("{\"sub\":\"\\ud800\",\"exp\":1}", true)] // not a readable JWT: the function alone judges
    public async Task Jwt_time_claims_out_of_range_or_malformed_never_give_500(string payload, bool authenticated)
    {
        string token = Base64UrlText("{\"alg\":\"none\"}") + "." + Base64UrlText(payload) + ".sig";
        await using var endpoint = await Endpoint.StartAsync(new VirtualTime(Start), authorizers: RunningEndpoint.Authorizer(signingDisabled: true));
        string body = new JsonObject { ["token"] = token, ["tokenSignature"] = "AAAA" }.ToJsonString();
        var (status, _, text) = await endpoint.TestInvoke(Utf8(body));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(authenticated, JsonNode.Parse(text)!["isAuthenticated"]!.GetValue<bool>());

        var request = new HttpRequestMessage(HttpMethod.Post, "topics/t") { Content = new StringContent("x") };
        request.Headers.TryAddWithoutValidation(ServiceLimits.AuthorizerNameHeader, RunningEndpoint.AuthorizerName);
        request.Headers.TryAddWithoutValidation(RunningEndpoint.TokenKeyName, token);
        using var r = await endpoint.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(authenticated ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task A_ds1_token_whose_exp_is_past_year_9999_is_judged_not_thrown_on()
    {
        await using var endpoint = await Endpoint.StartAsync(new VirtualTime(Start), authorizers: RunningEndpoint.Authorizer(signingDisabled: true));
        string token = "ds1.dev1.1767225600.999999999999.AAAAAAAAAAAAAAAA";
        Assert.NotNull(CompactClaims.TryParse(token));
        var (status, _, text) = await endpoint.TestInvoke(Utf8(new JsonObject { ["token"] = token, ["tokenSignature"] = "AAAA" }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JsonNode.Parse(text)!["isAuthenticated"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""[1]""")]
    [InlineData("""{"Statement":[{"Effect":1,"Action":"iot:*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":{},"Resource":[1,null]}]}""")]
    [InlineData("""{"Statement":"x"}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"iot:*","Resource":"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"}]}""")]
    public async Task Malformed_policy_documents_from_the_function_deny_instead_of_failing(string policy)
    {
        var fn = AuthorizerFunction.Parse(new JsonObject
        {
            ["default"] = new JsonObject { ["response"] = new JsonObject { ["isAuthenticated"] = true, ["principalId"] = "d1", ["policyDocuments"] = new JsonArray(policy) } },
        }.ToJsonString(), "inline");
        await using var endpoint = await Endpoint.StartAsync(new VirtualTime(Start), fn);
        var composer = new AwsIotHttpAuthorization(RunningEndpoint.AuthorizerName, RunningEndpoint.TokenKeyName, false, AwsIotHttpPlacement.Headers, new VirtualTime(Start));
        HttpAuthorizationParts parts = composer.Compose(new AuthToken("tok", Signature("tok"), DateTime.MinValue, AuthToken.NoExpiry));
        var request = new HttpRequestMessage(HttpMethod.Post, "topics/" + new string('a', 60)) { Content = new StringContent("x") };
        for (int i = 0; i < parts.HeaderCount; i++)
        {
            request.Headers.TryAddWithoutValidation(parts.GetHeaderName(i), parts.GetHeaderValue(i));
        }

        using var r = await endpoint.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }

    /// <summary>Issue 11, reproducer 6: CR/LF percent-encoded in the path, or in an MQTT client id, wrote forged lines into the log.</summary>
    [Fact]
    public async Task Log_lines_escape_control_characters_from_the_path_and_the_client_id()
    {
        using var deadBroker = new TcpListener(IPAddress.Loopback, 0);
        deadBroker.Start();
        await using var endpoint = await Endpoint.StartAsync(TimeProvider.System, broker: (IPEndPoint)deadBroker.LocalEndpoint);
        var request = new HttpRequestMessage(HttpMethod.Post, "topics/a%0D%0A%5B00:00:00%5D%20forged%E2%80%A8line%1B%5B2J") { Content = new StringContent("x") };
        using (await endpoint.Client.SendAsync(request, TestContext.Current.CancellationToken))
        {
        }

        byte[] connect = new MqttConnectPacket { ClientId = "dev\r\n[00:00:00] MQTT #9 client 'admin': allowed\u202e", Username = "u?x-amz-customauthorizer-name=test-authorizer" }.Serialize();
        await MqttExchange(endpoint.Server.Endpoints.Mqtt, connect);
        string[] lines = endpoint.Log.ToArray();
        Assert.Contains(lines, l => l.Contains("a\\u000D\\u000A[00:00:00] forged\\u2028line\\u001B[2J", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("MQTT #", StringComparison.Ordinal) && l.Contains("\\u000D\\u000A[00:00:00] MQTT #9", StringComparison.Ordinal));
        foreach (string line in lines)
        {
            Assert.DoesNotContain(line, c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202e' or '\u0085');
        }
    }

    /// <summary>
    /// The same rule for the local HTTP APIs: a REQUEST authorizer function whose failure message holds
    /// CR/LF (text a function may copy from the request) cannot forge a log line, and the caller still
    /// gets the service's 500.
    /// </summary>
    [Fact]
    public async Task Http_api_log_lines_escape_control_characters_from_a_function_failure()
    {
        const string functionArn = "arn:aws:lambda:us-east-1:123456789012:function:device-request-authorizer";
        var log = new ConcurrentQueue<string>();
        await using var host = await LocalHttpApiHost.StartAsync(TimeProvider.System, log.Enqueue);
        host.Gateway.Functions.Register(functionArn, new DelegateLambda(_ => throw new LambdaInvocationException(LambdaFailure.Error, "bad\r\n[00:00:00] GET /admin: 200, forged\u2028line")));
        string api = host.CreateApi();
        string authorizer = host.CreateAuthorizer(api, new JsonObject
        {
            ["name"] = "device-request",
            ["authorizerType"] = "REQUEST",
            ["identitySource"] = new JsonArray("$request.header.x-device-token"),
            ["authorizerUri"] = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{functionArn}/invocations",
            ["authorizerPayloadFormatVersion"] = "2.0",
            ["enableSimpleResponses"] = true,
        });
        host.CreateRoute(api, "GET /telemetry", "CUSTOM", authorizer);
        var request = new HttpRequestMessage(HttpMethod.Get, "telemetry");
        request.Headers.TryAddWithoutValidation("x-device-token", "t");
        var r = await host.SendAsync(api, request);
        Assert.Equal(HttpStatusCode.InternalServerError, r.Status);
        Assert.Contains("forged\\u2028line", string.Join(",", r.Response.Headers.GetValues("x-deviceauth-refusal")), StringComparison.Ordinal);
        string[] lines = log.ToArray();
        Assert.Contains(lines, l => l.Contains("bad\\u000D\\u000A[00:00:00] GET /admin: 200, forged\\u2028line", StringComparison.Ordinal));
        foreach (string line in lines)
        {
            Assert.DoesNotContain(line, c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085');
        }
    }

    internal static async Task<SslStream> Tls(IPEndPoint at)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(at, TestContext.Current.CancellationToken);
        var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, TestContext.Current.CancellationToken);
        return tls;
    }

    internal static async Task HttpsExchange(IPEndPoint at, string request)
    {
        await using SslStream tls = await Tls(at);
        await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        await tls.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken);
    }

    /// <summary>Sends a CONNECT and reads until the relay closes the connection (after its CONNACK, if any).</summary>
    internal static async Task MqttExchange(IPEndPoint at, byte[] connect)
    {
        await using SslStream tls = await Tls(at);
        await tls.WriteAsync(connect, TestContext.Current.CancellationToken);
        try
        {
            await tls.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken);
        }
        catch (IOException)
        {
        }
    }

    private static string Base64UrlText(string s) => Convert.ToBase64String(Utf8(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
