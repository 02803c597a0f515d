using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using DeviceAuth.Cli.DeviceSide;
using DeviceAuth.LocalCloud;
using DeviceAuth.LocalCloud.Server;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Http;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.Demo;

/// <summary>Settings of the demo.</summary>
internal sealed class DemoOptions
{
    public int Hours { get; init; } = 6;

    public int IntervalSeconds { get; init; } = 60;

    public int TokenLifetimeSeconds { get; init; } = 7200;

    public int RefreshAfterInSeconds { get; init; } = 3600;

    public int DisconnectAfterInSeconds { get; init; } = 14400;

    /// <summary>Run the MQTT leg when mosquitto is installed.</summary>
    public bool Mqtt { get; init; } = true;

    /// <summary>Path of the mosquitto broker binary, or null to look it up on PATH and /usr/sbin.</summary>
    public string MosquittoPath { get; init; }

    public int Seed { get; init; } = 20260101;
}

/// <summary>What the demo measured (the report prints it; tests check it).</summary>
internal sealed class DemoResult
{
    public int Requests;
    public int Accepted;
    public long Invocations;
    public long Connections;
    public int Renewals;
    public int ProactiveReconnects;
    public long ServiceCuts;
    public int CloseRequests;
    public long CloseInvocations;
    public long CloseConnections;
    public int BadSignatureStatus;
    public string BadSignatureReason;
    public long BadSignatureInvocations;
    public string MqttSkippedBecause;
    public int MqttGoodConnack = -1;
    public int MqttBadConnack = -1;
    public bool MqttDelivered;
    public List<(string Check, bool Passed)> Checks { get; } = new();

    public bool AllPassed => Checks.All(c => c.Passed);
}

/// <summary>
/// The README's main job: a device's life against a local custom-authorizer endpoint on loopback,
/// in compressed time. Everything the device does goes through the library (token source, signer,
/// HTTP composer, HttpSession, ReconnectPlanner, MQTT composer); the endpoint checks signatures
/// with .NET's own RSA.
/// </summary>
internal static class DemoRunner
{
    private const string AuthorizerName = CliDefaults.AuthorizerName;
    private const string TokenKeyName = CliDefaults.TokenKeyName;
    private const string DeviceId = "demo-device";

    public static async Task<DemoResult> RunAsync(DemoOptions o, TextWriter w, CancellationToken ct)
    {
        var result = new DemoResult();
        var total = Stopwatch.StartNew();
        var clock = new VirtualClock(DateTimeOffset.UtcNow);
        var random = new SystemRandomSource(o.Seed);
        int steps = 6;
        w.WriteLine("DeviceAuth.nano demo: a device's life against a local AWS IoT custom-authorizer endpoint (loopback, compressed time).");
        w.WriteLine("Everything the device does goes through the DeviceAuth library; the endpoint checks signatures with .NET's own RSA.");
        w.WriteLine();

        // 1. Keys and authorizer.
        using RSA deviceKey = RSA.Create(2048);
        using RSA strangerKey = RSA.Create(2048);
        var authorizer = new AuthorizerDefinition
        {
            AuthorizerName = AuthorizerName,
            AuthorizerFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:" + AuthorizerName,
            TokenKeyName = TokenKeyName,
            EnableCachingForHttp = true,
            SigningDisabled = false,
            Status = "ACTIVE",
        };
        authorizer.AddPublicKey("demo-key-1", deviceKey.ExportSubjectPublicKeyInfoPem(), "demo key");
        authorizer.Validate(forCreate: true);
        string policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iot:Connect\"],\"Resource\":\"arn:aws:iot:*:*:client/demo-*\"},{\"Effect\":\"Allow\",\"Action\":[\"iot:Publish\",\"iot:Receive\",\"iot:Subscribe\"],\"Resource\":\"*\"}]}";
        AuthorizerFunction function = AuthorizerFunction.Parse(
            $"{{\"checkExpiry\": true, \"rules\": [{{\"match\": {{\"principal\": \"{DeviceId}\"}}, \"response\": {{\"isAuthenticated\": true, \"principalId\": \"demodevice\", \"refreshAfterInSeconds\": {o.RefreshAfterInSeconds}, \"disconnectAfterInSeconds\": {o.DisconnectAfterInSeconds}, \"policyDocuments\": [{System.Text.Json.JsonSerializer.Serialize(policy)}]}}}}], \"default\": {{\"response\": {{\"isAuthenticated\": false}}}}}}",
            "demo function");
        w.WriteLine($"[1/{steps}] Provisioning: throwaway RSA-2048 device key (public key SHA-256 {Convert.ToHexStringLower(SHA256.HashData(deviceKey.ExportSubjectPublicKeyInfo()))[..16]}...).");
        w.WriteLine($"      Authorizer '{AuthorizerName}': tokenKeyName '{TokenKeyName}', signing enabled, enableCachingForHttp true.");
        w.WriteLine($"      Authorizer function: device '{DeviceId}' -> allowed, refreshAfterInSeconds {o.RefreshAfterInSeconds}, disconnectAfterInSeconds {o.DisconnectAfterInSeconds}.");

        // 2. Endpoint.
        string mosquitto = o.Mqtt ? FindMosquitto(o.MosquittoPath) : null;
        using BrokerProcess broker = mosquitto != null ? BrokerProcess.Start(mosquitto) : null;
        if (o.Mqtt && mosquitto == null)
        {
            result.MqttSkippedBecause = "mosquitto is not installed (Debian package 'mosquitto')";
        }
        else if (!o.Mqtt)
        {
            result.MqttSkippedBecause = "--no-mqtt";
        }
        else if (broker?.EndPoint == null)
        {
            result.MqttSkippedBecause = "mosquitto did not start";
        }

        var engine = new AuthorizationEngine(new[] { authorizer }, function, clock);
        await using var server = new LocalAuthorizerServer(engine, new ServerOptions { HttpsPort = 0, MqttPort = 0, Broker = broker?.EndPoint });
        ServerEndpoints endpoints = await server.StartAsync(ct).ConfigureAwait(false);
        w.WriteLine($"[2/{steps}] Local endpoint: https://{endpoints.Https} (self-signed certificate pinned by the demo){(endpoints.Mqtt != null ? $", MQTT over TLS on {endpoints.Mqtt} -> mosquitto on {broker.EndPoint}" : string.Empty)}.");

        // 3. Mint and sign as the device.
        ISigner signer = DeviceSigners.RsaFromPem(deviceKey.ExportPkcs8PrivateKeyPem(), "demo key");
        var tokens = new DeviceSignedTokenSource(DeviceId, signer, clock, random, o.TokenLifetimeSeconds);
        var composer = new AwsIotHttpAuthorization(AuthorizerName, TokenKeyName, false, AwsIotHttpPlacement.Headers, clock);
        var sw = Stopwatch.StartNew();
        AuthToken first = tokens.GetToken(0);
        sw.Stop();
        bool verifies = engine.VerifySignature(authorizer, first.Token, first.TokenSignature, out _);
        w.WriteLine($"[3/{steps}] Mint and sign: device-signed (ds1) token for '{DeviceId}', valid {o.TokenLifetimeSeconds} s; {first.Token.Length}-character token, {first.TokenSignature.Length}-character signature, signed in {sw.ElapsedMilliseconds} ms; .NET RSA check of the signature: {(verifies ? "valid" : "INVALID")}.");
        result.Checks.Add(("the library's signature verifies with .NET's RSA", verifies));

        // 4. A day (or o.Hours) of publishing over keep-alive HTTPS with the library's session.
        int requests = o.Hours * 3600 / o.IntervalSeconds;
        w.WriteLine($"[4/{steps}] {o.Hours} simulated hours, one HTTPS publish every {o.IntervalSeconds} s ({requests} requests) with the library's HttpSession (keep-alive):");
        var lifetime = new LifetimeOptions(o.RefreshAfterInSeconds, o.DisconnectAfterInSeconds);
        var planner = new ReconnectPlanner(lifetime);
        await Task.Run(() => PublishLoop(o, w, clock, random, server, endpoints, tokens, composer, planner, requests, result), ct).ConfigureAwait(false);
        result.Invocations = server.Stats.AuthorizerInvocations;
        result.Connections = server.Stats.HttpConnections;
        result.ServiceCuts = server.Stats.HttpConnectionsCutAtDisconnectAfter;
        w.WriteLine($"      => {result.Requests} requests, {result.Accepted} accepted, {result.Invocations} authorizer invocations on {result.Connections} connection(s); {result.Renewals} token renewal(s), {result.ProactiveReconnects} proactive reconnect(s), {result.ServiceCuts} cut(s) by the service.");
        result.Checks.Add(("every keep-alive publish accepted", result.Accepted == result.Requests));
        result.Checks.Add(("authorizer invocations well below requests (caching on keep-alive)", result.Invocations * 5 < result.Requests));
        result.Checks.Add(("the token was renewed before it expired", result.Renewals >= 1));
        result.Checks.Add(("a proactive reconnect happened before the service's cut", result.ProactiveReconnects >= 1 && result.ServiceCuts == 0));

        // 5. The same workload with Connection: close (nanoFramework's HttpClient default).
        int closeRequests = Math.Min(60, requests);
        long before = server.Stats.AuthorizerInvocations;
        long connectionsBefore = server.Stats.HttpConnections;
        await Task.Run(() =>
        {
            using var client = NewClient(server);
            var session = new HttpSession(client, tokens, composer, new HttpSessionOptions($"https://127.0.0.1:{endpoints.Https.Port}"), clock, clock, random, clock);
            client.DefaultRequestHeaders.ConnectionClose = true;
            for (int i = 0; i < closeRequests; i++)
            {
                using HttpResponseMessage r = session.Post("/topics/demo/telemetry?qos=0", Payload(clock), "application/json");
                clock.Advance(TimeSpan.FromSeconds(o.IntervalSeconds));
            }
        }, ct).ConfigureAwait(false);
        result.CloseRequests = closeRequests;
        result.CloseInvocations = server.Stats.AuthorizerInvocations - before;
        result.CloseConnections = server.Stats.HttpConnections - connectionsBefore;
        w.WriteLine($"[5/{steps}] Same traffic with 'Connection: close' (nanoFramework's HttpClient default): {closeRequests} requests -> {result.CloseInvocations} authorizer invocations on {result.CloseConnections} connections.");
        result.Checks.Add(("Connection: close pays one invocation per request", result.CloseInvocations == closeRequests));

        // 6. A refused bad signature.
        before = server.Stats.AuthorizerInvocations;
        await Task.Run(() =>
        {
            using var client = NewClient(server);
            var stranger = new DeviceSignedTokenSource(DeviceId, DeviceSigners.RsaFromPem(strangerKey.ExportPkcs8PrivateKeyPem(), "other key"), clock, random, o.TokenLifetimeSeconds);
            var session = new HttpSession(client, stranger, composer, new HttpSessionOptions($"https://127.0.0.1:{endpoints.Https.Port}"), clock, clock, random, clock);
            using HttpResponseMessage r = session.Post("/topics/demo/telemetry", Payload(clock), "application/json");
            result.BadSignatureStatus = (int)r.StatusCode;
            result.BadSignatureReason = r.Headers.TryGetValues("x-deviceauth-refusal", out var v) ? v.First() : null;
        }, ct).ConfigureAwait(false);
        result.BadSignatureInvocations = server.Stats.AuthorizerInvocations - before;
        w.WriteLine($"[6/{steps}] A token signed with a key the authorizer does not know: HTTP {result.BadSignatureStatus} ({result.BadSignatureReason}); authorizer invocations: {result.BadSignatureInvocations} (refused before the Lambda).");
        result.Checks.Add(("bad signature refused with 401 before the function runs", result.BadSignatureStatus == 401 && result.BadSignatureReason == nameof(RefusalReason.SignatureMismatch) && result.BadSignatureInvocations == 0));

        // MQTT leg.
        if (endpoints.Mqtt != null)
        {
            await MqttLeg(w, clock, server, endpoints, broker, tokens, strangerKey, random, o, result, ct).ConfigureAwait(false);
        }
        else
        {
            w.WriteLine($"[MQTT] skipped: {result.MqttSkippedBecause}. (Install it to add an MQTT leg: apt-get install mosquitto.)");
        }

        w.WriteLine();
        w.WriteLine("Summary");
        w.WriteLine($"  keep-alive + enableCachingForHttp : {result.Requests,5} requests -> {result.Invocations,4} authorizer invocations");
        w.WriteLine($"  Connection: close                 : {result.CloseRequests,5} requests -> {result.CloseInvocations,4} authorizer invocations");
        foreach (var (check, passed) in result.Checks)
        {
            w.WriteLine($"  [{(passed ? "ok" : "FAILED")}] {check}");
        }

        w.WriteLine($"{(result.AllPassed ? "Demo passed" : "Demo FAILED")}: {o.Hours} simulated hours in {total.Elapsed.TotalSeconds:F1} s.");
        return result;
    }

    private static void PublishLoop(DemoOptions o, TextWriter w, VirtualClock clock, IRandomSource random, LocalAuthorizerServer server, ServerEndpoints endpoints, ITokenSource tokens, IHttpAuthorization composer, ReconnectPlanner planner, int requests, DemoResult result)
    {
        var options = new HttpSessionOptions($"https://127.0.0.1:{endpoints.Https.Port}");
        HttpClient client = NewClient(server);
        HttpSession session = NewSession(client, tokens, composer, options, clock, random);
        long connectedAt = clock.ElapsedMilliseconds;
        long serviceEndsAt = connectedAt + planner.ServiceEndAfterMs(long.MaxValue);
        long reconnectAt = planner.PlanReconnectAt(connectedAt, long.MaxValue, false, random);
        bool newConnection = true;
        int renewalsBefore = 0;
        try
        {
            for (int i = 0; i < requests; i++)
            {
                if (clock.ElapsedMilliseconds >= reconnectAt)
                {
                    w.WriteLine($"      {Stamp(clock)}  proactive reconnect (ReconnectPlanner: the service would cut this connection at {Stamp(serviceEndsAt)})");
                    result.Renewals += session.Renewals;
                    client.Dispose();
                    client = NewClient(server);
                    session = NewSession(client, tokens, composer, options, clock, random);
                    renewalsBefore = 0;
                    connectedAt = clock.ElapsedMilliseconds;
                    serviceEndsAt = connectedAt + planner.ServiceEndAfterMs(long.MaxValue);
                    reconnectAt = planner.PlanReconnectAt(connectedAt, long.MaxValue, true, random);
                    result.ProactiveReconnects++;
                    newConnection = true;
                }

                using HttpResponseMessage r = session.Post("/topics/demo/telemetry?qos=1", Payload(clock), "application/json");
                result.Requests++;
                bool renewed = session.Renewals > renewalsBefore;
                renewalsBefore = session.Renewals;
                if (r.StatusCode == HttpStatusCode.OK)
                {
                    result.Accepted++;
                }
                else
                {
                    w.WriteLine($"      {Stamp(clock)}  HTTP {(int)r.StatusCode} {(r.Headers.TryGetValues("x-deviceauth-refusal", out var why) ? why.First() : string.Empty)}");
                }

                bool invoked = r.Headers.TryGetValues("x-deviceauth-authorizer", out var a) && a.First() == "invoked";
                if (renewed)
                {
                    w.WriteLine($"      {Stamp(clock)}  token renewed by the session ahead of expiry (new ds1 token signed)");
                }

                if (invoked)
                {
                    string why = newConnection ? "first request on a new connection" : renewed ? "new token on the connection" : $"refreshAfterInSeconds ({o.RefreshAfterInSeconds} s) elapsed";
                    w.WriteLine($"      {Stamp(clock)}  authorizer invoked ({why}); total {server.Stats.AuthorizerInvocations} for {result.Requests} requests");
                }

                newConnection = false;
                clock.Advance(TimeSpan.FromSeconds(o.IntervalSeconds));
            }
        }
        finally
        {
            result.Renewals += session.Renewals;
            client.Dispose();
        }
    }

    private static HttpSession NewSession(HttpClient client, ITokenSource tokens, IHttpAuthorization composer, HttpSessionOptions options, VirtualClock clock, IRandomSource random) =>
        new(client, tokens, composer, options, clock, clock, random, clock)
        {
            HeaderReader = (response, name) => response.Headers.TryGetValues(name, out var v) ? v.FirstOrDefault() : null,
        };

    private static async Task MqttLeg(TextWriter w, VirtualClock clock, LocalAuthorizerServer server, ServerEndpoints endpoints, BrokerProcess broker, ITokenSource tokens, RSA strangerKey, IRandomSource random, DemoOptions o, DemoResult result, CancellationToken ct)
    {
        var mqtt = new AwsIotMqttAuthorization(AuthorizerName, TokenKeyName, false, clock);
        MqttConnectCredentials good = mqtt.Compose(tokens.GetToken(600), "demo-device-1");
        await using (MiniMqttClient subscriber = await MiniMqttClient.OpenAsync(broker.EndPoint, null, null, ct).ConfigureAwait(false))
        {
            await subscriber.ConnectAsync("demo-subscriber", null, null, ct).ConfigureAwait(false);
            await subscriber.SubscribeAsync("demo/#", ct).ConfigureAwait(false);
            await using (MiniMqttClient device = await MiniMqttClient.OpenAsync(endpoints.Mqtt, server.Certificate, "localhost", ct).ConfigureAwait(false))
            {
                result.MqttGoodConnack = await device.ConnectAsync(good.ClientId, good.Username, good.Password, ct).ConfigureAwait(false);
                if (result.MqttGoodConnack == 0)
                {
                    await device.PublishAsync("demo/mqtt", "hello over MQTT"u8.ToArray(), ct).ConfigureAwait(false);
                }
            }

            var received = result.MqttGoodConnack == 0 ? await subscriber.ReceiveAsync(ct).ConfigureAwait(false) : null;
            result.MqttDelivered = received is { } m && m.Topic == "demo/mqtt";
        }

        var stranger = new DeviceSignedTokenSource(DeviceId, DeviceSigners.RsaFromPem(strangerKey.ExportPkcs8PrivateKeyPem(), "other key"), clock, random, o.TokenLifetimeSeconds);
        MqttConnectCredentials bad = mqtt.Compose(stranger.GetToken(0), "demo-device-2");
        await using (MiniMqttClient device = await MiniMqttClient.OpenAsync(endpoints.Mqtt, server.Certificate, "localhost", ct).ConfigureAwait(false))
        {
            result.MqttBadConnack = await device.ConnectAsync(bad.ClientId, bad.Username, bad.Password, ct).ConfigureAwait(false);
        }

        w.WriteLine($"[MQTT] mosquitto found: CONNECT with the library's username through the relay -> CONNACK {result.MqttGoodConnack}, publish {(result.MqttDelivered ? "delivered by mosquitto to a subscriber" : "NOT delivered")}; with a stranger's signature -> CONNACK {result.MqttBadConnack} (not authorized).");
        result.Checks.Add(("MQTT: accepted, relayed to mosquitto and delivered", result.MqttGoodConnack == 0 && result.MqttDelivered));
        result.Checks.Add(("MQTT: bad signature gets CONNACK 5", result.MqttBadConnack == 5));
    }

    private static HttpClient NewClient(LocalAuthorizerServer server)
    {
        string pinned = server.Certificate.GetCertHashString();
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, cert, _, _) => cert != null && cert.GetCertHashString() == pinned },
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15), DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    }

    private static byte[] Payload(VirtualClock clock) => System.Text.Encoding.UTF8.GetBytes($"{{\"t\":21.5,\"at\":\"{clock.UtcNow:O}\"}}");

    private static string Stamp(VirtualClock clock) => Stamp(clock.ElapsedMilliseconds);

    private static string Stamp(long ms) => $"+{ms / 3600000:00}:{ms / 60000 % 60:00}";

    private static string FindMosquitto(string explicitPath)
    {
        if (explicitPath != null)
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        foreach (string dir in (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Concat(new[] { "/usr/sbin", "/usr/local/sbin" }))
        {
            string p = Path.Combine(dir, "mosquitto");
            if (dir.Length > 0 && File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }
}
