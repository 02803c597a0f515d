using System.Security.Cryptography;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.LocalCloud.Server;
using DeviceAuth.LocalCloud.Verification;

namespace DeviceAuth.Fuzz;

/// <summary>
/// The local cloud's request paths, in-process and without sockets: a signed and a signing-disabled
/// authorizer, the rule-based function of corpus/authorizer-function/rules.json, and the endpoint's
/// TestInvokeAuthorizer handler. Every path must answer (a status, a decision, a verdict) and never throw.
/// </summary>
internal sealed class LocalCloudHarness
{
    private const string Arn = "arn:aws:iot:us-east-1:123456789012:";
    private readonly AuthorizationEngine _engine;
    private readonly LocalAuthorizerServer _server;

    public LocalCloudHarness()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        using RSA key = RSA.Create(2048);
        var signed = new AuthorizerDefinition { AuthorizerName = "signed", AuthorizerFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:f", TokenKeyName = "token", EnableCachingForHttp = true };
        signed.AddPublicKey("k1", key.ExportSubjectPublicKeyInfoPem(), "fuzz key");
        var open = new AuthorizerDefinition { AuthorizerName = "open", AuthorizerFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:f", TokenKeyName = "token", SigningDisabled = true };
        string rules = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "corpus", "authorizer-function", "rules.json"));
        _engine = new AuthorizationEngine(new[] { signed, open }, AuthorizerFunction.Parse(rules, "rules.json"), time, "open");
        _server = new LocalAuthorizerServer(_engine, new ServerOptions { Log = _ => { } });
    }

    public void LoadAndInvokeFunction(string json)
    {
        AuthorizerFunction f = AuthorizerFunction.Parse(json, "fuzz.json");
        FunctionResult r = f.Invoke(new AuthorizerEvent { Token = "ds1.dev1.1780300000.1780303600.AAAAAAAAAAAAAAAA", Protocol = "mqtt", MqttClientId = "dev1", MqttUsername = "dev1?x=1" }, _engine.Time.GetUtcNow());
        r.Response.Problem(300);
        PolicyEvaluator.IsAllowed(r.Response.PolicyDocuments, "iot:Connect", Arn + "client/dev1", "dev1");
    }

    public void JudgeToken(string token)
    {
        TokenClaims.TryRead(token);
        _engine.Function.Invoke(new AuthorizerEvent { Token = token, MqttPassword = System.Text.Encoding.UTF8.GetBytes(token) }, _engine.Time.GetUtcNow());
        _engine.Decide(new AuthorizationRequest { Parameter = n => n == "token" ? token : n == ServiceLimits.SignatureHeader ? "AAAA" : null, Protocol = "http" });
        CredentialVerifier.Verify(new VerifyInput { Protocol = "http", Headers = { new("token", token), new(ServiceLimits.AuthorizerNameHeader, "open") } }, _engine, true);
    }

    public void Connect(byte[] bytes)
    {
        MqttConnectPacket p = MqttConnectPacket.ReadAsync(new MemoryStream(bytes), CancellationToken.None).GetAwaiter().GetResult();
        if (p == null || p.ProtocolLevel is not (4 or 5))
        {
            return;
        }

        MqttUsername username = MqttUsername.Parse(p.Username);
        AuthorizationDecision d = _engine.Decide(new AuthorizationRequest
        {
            Parameter = n => username.Parameters.Get(n),
            FieldsIgnoredBecause = username.IgnoredBecause,
            Protocol = "mqtt",
            MqttUsername = p.Username,
            MqttPassword = p.Password,
            MqttClientId = p.ClientId,
        });
        if (d.Allowed)
        {
            PolicyEvaluator.IsAllowed(d.Response.PolicyDocuments, "iot:Connect", Arn + "client/" + p.ClientId, p.ClientId);
        }

        byte[] again = p.Serialize();
        MqttConnectPacket q = MqttConnectPacket.ReadAsync(new MemoryStream(again), CancellationToken.None).GetAwaiter().GetResult();
        if (q.ClientId != p.ClientId || q.Username != p.Username)
        {
            throw new InvalidDataException("mqtt-connect: a parsed CONNECT does not survive serialisation");
        }

        _ = d.ToString();
    }

    public void TestInvoke(byte[] body)
    {
        var (status, _, _) = _server.TestInvoke(body.Length % 2 == 0 ? "signed" : "open", body);
        if (status is not (200 or 400 or 404))
        {
            throw new InvalidDataException($"test-invoke-body: status {status}");
        }
    }

    public void Publish(string request)
    {
        int q = request.IndexOf('?');
        string topic = q < 0 ? request : request[..q];
        QueryParameters query = QueryParameters.Parse(q < 0 ? null : request[(q + 1)..]);
        AuthorizationDecision d = _engine.Decide(new AuthorizationRequest { Parameter = query.Get, Protocol = "http", QueryString = q < 0 ? string.Empty : request[(q + 1)..] });
        if (d.Allowed)
        {
            PolicyEvaluator.IsAllowed(d.Response.PolicyDocuments, "iot:Publish", Arn + "topic/" + topic, null);
        }

        _ = d.ToString();
    }

    public void Verify(string username)
    {
        var report = CredentialVerifier.Verify(new VerifyInput { Protocol = "mqtt", MqttUsername = username, ClientId = "dev1", Port = 443, ServerName = "iot.example.com", CustomAuthDomain = "iot.example.com" }, _engine, true);
        _ = report.Detail;
    }

    public void Policy(string document)
    {
        PolicyEvaluator.IsAllowed(new[] { document }, "iot:Publish", Arn + "topic/a/b", "c");
        PolicyEvaluator.IsAllowed(new[] { document, PolicyEvaluator.AllowAll }, "iot:Connect", Arn + "client/c", "c");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
