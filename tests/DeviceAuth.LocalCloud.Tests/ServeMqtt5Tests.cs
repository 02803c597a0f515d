using System.Text.Json;
using System.Text.Json.Serialization;
using DeviceAuth.Credentials;
using DeviceAuth.LocalCloud.Iot;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// MQTT 5 clients nobody here wrote (the npm mqtt package, MQTTnet from NuGet, mosquitto_pub/sub
/// -V 5) through serve's MQTT relay to a real mosquitto broker, with usernames composed by the
/// library: accepted (CONNACK 0x00, a publish with MQTT 5 properties delivered to an MQTT 5
/// subscriber), a stranger's signature refused with 0x86, the cut at disconnectAfterInSeconds
/// announced with DISCONNECT 0xA0, a client-id takeover with DISCONNECT 0x8E (docs/cli.md says why).
/// </summary>
public class ServeMqtt5Tests
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static MqttConnectCredentials Good(string clientId) => ServeMqttTests.Credentials(ServeMqttTests.Token(true), clientId);

    private static MqttConnectCredentials Stranger(string clientId) => ServeMqttTests.Credentials(ServeMqttTests.Token(false), clientId);

    private static object Npm(MqttConnectCredentials c, object properties = null, string clientId = null) =>
        new { clientId = clientId ?? c.ClientId, username = c.Username, password = c.Password == null ? null : Convert.ToBase64String(c.Password), properties };

    /// <summary>Good credentials sent with a 129-byte client id (the library itself refuses to compose one: AWS IoT allows 128 bytes).</summary>
    private static object TooLongClientId() => Npm(Good("npm-long"), clientId: new string('x', 129));

    /// <summary>Waits (bounded) for a counter the relay updates just after the connection closed.</summary>
    private static async Task Eventually(Func<bool> condition, string what)
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), what);
    }

    /// <summary>Runs tests/oracles/mqtt5-client.mjs with <paramref name="steps"/> and returns one result per step.</summary>
    private static async Task<JsonElement[]> RunNpmAsync(RunningEndpoint endpoint, params object[] steps)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ca.pem"), endpoint.CaPem);
        string spec = JsonSerializer.Serialize(new { url = $"mqtts://127.0.0.1:{endpoint.Endpoints.Mqtt.Port}", ca = dir.File("ca.pem"), steps }, Json);
        var (code, stdout, stderr) = await NodeOracles.RunAsync("mqtt", "mqtt5-client.mjs", new[] { spec }, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"mqtt5-client.mjs exited {code}: {stderr}{stdout}");
        string line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        return JsonDocument.Parse(line).RootElement.GetProperty("results").EnumerateArray().ToArray();
    }

    private static MqttClientOptions MqttNetOptions(RunningEndpoint endpoint, MqttConnectCredentials c)
    {
        string thumbprint = endpoint.Server.Certificate.GetCertHashString();
        return new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", endpoint.Endpoints.Mqtt.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(c.ClientId)
            .WithCredentials(c.Username, c.Password)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(e => e.Certificate?.GetCertHashString() == thumbprint))
            .Build();
    }

    [Fact]
    public async Task Npm_mqtt_v5_is_relayed_with_its_properties_and_refusals_carry_reason_codes()
    {
        using var broker = new MosquittoBroker();
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, broker: broker.EndPoint);
        JsonElement[] r = await RunNpmAsync(
            endpoint,
            new { op = "pubsub", subscriber = Npm(Good("npm-sub")), publisher = Npm(Good("npm-pub")), topic = "devices/npm-pub/telemetry", message = "hello-mqtt5" },
            new { op = "connect", creds = Npm(Stranger("npm-stranger")) },
            new { op = "connect", creds = Npm(Good("npm-scram"), new { authenticationMethod = "SCRAM-SHA-1" }) },
            new { op = "connect", creds = TooLongClientId() });

        Assert.Equal(0, r[0].GetProperty("subscriberConnack").GetInt32());
        Assert.Equal(0, r[0].GetProperty("publisherConnack").GetInt32());
        Assert.Equal(1, r[0].GetProperty("granted")[0].GetInt32());
        JsonElement message = r[0].GetProperty("message");
        Assert.Equal("hello-mqtt5", message.GetProperty("payload").GetString());
        Assert.Equal("abc-123", message.GetProperty("userProperties").GetProperty("trace").GetString());
        Assert.Equal("text/plain", message.GetProperty("contentType").GetString());
        Assert.Equal("devices/reply", message.GetProperty("responseTopic").GetString());
        Assert.Equal("c0ffee", message.GetProperty("correlationData").GetString());
        Assert.Equal(0x86, r[1].GetProperty("connack").GetInt32());
        Assert.Equal(0x8C, r[2].GetProperty("connack").GetInt32());
        Assert.Equal(0x85, r[3].GetProperty("connack").GetInt32());
        Assert.Equal(2, endpoint.Stats.MqttAccepted);
        Assert.Equal(3, endpoint.Stats.MqttRefused);
        Assert.Equal(1, endpoint.Stats.SignatureRejections);
        Assert.Equal(2, endpoint.Stats.AuthorizerInvocations); // enhanced auth and the long client id never reach the authorizer
    }

    [Fact]
    public async Task Npm_mqtt_v5_is_told_maximum_connect_time_at_disconnectAfter()
    {
        using var broker = new MosquittoBroker();
        // Test-only override: disconnectAfterInSeconds 2 (the service's minimum is 300), as in ServeMqttTests.
        var fn = AuthorizerFunction.AllowAll(refreshAfter: 60, disconnectAfter: 2);
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, fn, broker.EndPoint, minSessionSeconds: 1);
        JsonElement[] r = await RunNpmAsync(endpoint, new { op = "hold", creds = Npm(Good("npm-hold")), timeoutMs = 15000 });

        Assert.Equal(0, r[0].GetProperty("connack").GetInt32());
        Assert.Equal(0xA0, r[0].GetProperty("disconnect").GetInt32());
        Assert.InRange(r[0].GetProperty("closedAfterMs").GetInt32(), 1500, 12000);
        await Eventually(() => endpoint.Stats.MqttCutAtDisconnectAfter == 1, "the cut was counted");
    }

    [Fact]
    public async Task MQTTnet_v5_publishes_with_user_properties_to_a_v5_subscriber_and_a_stranger_gets_0x86()
    {
        using var broker = new MosquittoBroker();
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, broker: broker.EndPoint);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var factory = new MqttClientFactory();
        using IMqttClient subscriber = factory.CreateMqttClient();
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        Assert.Equal(MqttClientConnectResultCode.Success, (await subscriber.ConnectAsync(MqttNetOptions(endpoint, Good("net-sub")), ct)).ResultCode);
        var subscribe = new MqttClientSubscribeOptionsBuilder().WithTopicFilter("devices/net-pub/#", MqttQualityOfServiceLevel.AtLeastOnce).WithUserProperty("origin", "subscriber"u8.ToArray().AsMemory()).Build();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single((await subscriber.SubscribeAsync(subscribe, ct)).Items).ResultCode);

        using IMqttClient publisher = factory.CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.Success, (await publisher.ConnectAsync(MqttNetOptions(endpoint, Good("net-pub")), ct)).ResultCode);
        var publish = new MqttApplicationMessageBuilder().WithTopic("devices/net-pub/telemetry").WithPayload("hello-mqttnet")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithUserProperty("trace", "xyz-789"u8.ToArray().AsMemory()).WithContentType("text/plain").Build();
        Assert.Equal(MqttClientPublishReasonCode.Success, (await publisher.PublishAsync(publish, ct)).ReasonCode);
        MqttApplicationMessage got = await received.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal("hello-mqttnet", got.ConvertPayloadToString());
        Assert.Equal("xyz-789", Assert.Single(got.UserProperties, p => p.Name == "trace").ReadValueAsString());
        Assert.Equal("text/plain", got.ContentType);

        using IMqttClient stranger = factory.CreateMqttClient();
        MqttClientConnectResult refused = await stranger.ConnectAsync(MqttNetOptions(endpoint, Stranger("net-stranger")), ct);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.ResultCode);
        Assert.Equal(1, endpoint.Stats.SignatureRejections);
    }

    [Fact]
    public async Task MQTTnet_v5_is_told_session_taken_over_then_maximum_connect_time()
    {
        using var broker = new MosquittoBroker();
        var fn = AuthorizerFunction.AllowAll(refreshAfter: 60, disconnectAfter: 3);
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, fn, broker.EndPoint, minSessionSeconds: 1);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var factory = new MqttClientFactory();
        using IMqttClient first = factory.CreateMqttClient();
        using IMqttClient second = factory.CreateMqttClient();
        Task<MqttClientDisconnectedEventArgs> firstGone = Disconnected(first);
        Task<MqttClientDisconnectedEventArgs> secondGone = Disconnected(second);
        Assert.Equal(MqttClientConnectResultCode.Success, (await first.ConnectAsync(MqttNetOptions(endpoint, Good("net-twin")), ct)).ResultCode);
        Assert.Equal(MqttClientConnectResultCode.Success, (await second.ConnectAsync(MqttNetOptions(endpoint, Good("net-twin")), ct)).ResultCode);

        Assert.Equal(MqttClientDisconnectReason.SessionTakenOver, (await firstGone.WaitAsync(TimeSpan.FromSeconds(10), ct)).Reason);
        Assert.Equal(MqttClientDisconnectReason.MaximumConnectTime, (await secondGone.WaitAsync(TimeSpan.FromSeconds(15), ct)).Reason);
        await Eventually(() => endpoint.Stats.MqttSessionsTakenOver == 1 && endpoint.Stats.MqttCutAtDisconnectAfter == 1, "one takeover and one cut counted");
    }

    [Fact]
    public async Task MQTTnet_v5_is_told_not_authorized_when_the_refresh_refuses_its_expired_token()
    {
        using var broker = new MosquittoBroker();
        // The engine's clock is virtual (the refresh timer still runs in real time): one hour on, the token has expired.
        var time = new VirtualTime(DateTimeOffset.UtcNow);
        var fn = AuthorizerFunction.AllowAll(refreshAfter: 1, disconnectAfter: 60);
        await using var endpoint = await RunningEndpoint.StartAsync(time, fn, broker.EndPoint, minSessionSeconds: 1);
        CancellationToken ct = TestContext.Current.CancellationToken;
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        Task<MqttClientDisconnectedEventArgs> gone = Disconnected(client);
        Assert.Equal(MqttClientConnectResultCode.Success, (await client.ConnectAsync(MqttNetOptions(endpoint, Good("net-refresh")), ct)).ResultCode);
        time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, (await gone.WaitAsync(TimeSpan.FromSeconds(15), ct)).Reason);
        await Eventually(() => endpoint.Stats.MqttCutAtRefresh == 1, "the refresh cut was counted");
    }

    private static Task<MqttClientDisconnectedEventArgs> Disconnected(IMqttClient client)
    {
        var gone = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            gone.TrySetResult(e);
            return Task.CompletedTask;
        };
        return gone.Task;
    }

    private static List<string> MosquittoArgs(RunningEndpoint endpoint, string caFile, MqttConnectCredentials c, params string[] more)
    {
        var args = new List<string> { "-h", "127.0.0.1", "-p", endpoint.Endpoints.Mqtt.Port.ToString(), "--cafile", caFile, "-i", c.ClientId, "-u", c.Username, "-d" };
        if (c.Password != null)
        {
            args.AddRange(new[] { "-P", System.Text.Encoding.UTF8.GetString(c.Password) });
        }

        args.AddRange(more);
        return args;
    }

    [Fact]
    public async Task Mosquitto_pub_v5_is_relayed_with_its_properties_and_a_stranger_gets_134()
    {
        string pub = ExternalPrograms.Require("mosquitto_pub", "mosquitto-clients");
        string sub = ExternalPrograms.Require("mosquitto_sub", "mosquitto-clients");
        using var broker = new MosquittoBroker();
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, broker: broker.EndPoint);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ca.pem"), endpoint.CaPem);

        // An MQTT 5 subscriber directly on the broker prints topic, payload, user properties and content type.
        var direct = ExternalPrograms.RunAsync(sub, new[] { "-h", "127.0.0.1", "-p", broker.Port.ToString(), "-V", "mqttv5", "-t", "devices/#", "-C", "1", "-W", "20", "-F", "%t %p %P %C" }, TimeSpan.FromSeconds(30));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var good = await ExternalPrograms.RunAsync(pub, MosquittoArgs(endpoint, dir.File("ca.pem"), Good("m5-pub"), "-V", "5", "-q", "1", "-t", "devices/m5-pub", "-m", "hello-v5", "-D", "publish", "user-property", "trace", "m-1", "-D", "publish", "content-type", "text/plain"), TimeSpan.FromSeconds(20));
        Assert.True(good.ExitCode == 0, $"mosquitto_pub -V 5 failed ({good.ExitCode}): {good.Err}{good.Out}");
        Assert.Contains("received CONNACK (0)", good.Out + good.Err);
        var (directCode, directOut, directErr) = await direct;
        Assert.True(directCode == 0, $"mosquitto_sub: {directCode} {directErr}");
        Assert.Equal("devices/m5-pub hello-v5 trace:m-1 text/plain", directOut.Trim());

        var bad = await ExternalPrograms.RunAsync(pub, MosquittoArgs(endpoint, dir.File("ca.pem"), Stranger("m5-stranger"), "-V", "5", "-t", "devices/m5-stranger", "-m", "nope"), TimeSpan.FromSeconds(20));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("received CONNACK (134)", bad.Out + bad.Err);
    }

    [Fact]
    public async Task Mosquitto_sub_v5_is_told_maximum_connect_time_at_disconnectAfter()
    {
        string sub = ExternalPrograms.Require("mosquitto_sub", "mosquitto-clients");
        using var broker = new MosquittoBroker();
        var fn = AuthorizerFunction.AllowAll(refreshAfter: 60, disconnectAfter: 2);
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, fn, broker.EndPoint, minSessionSeconds: 1);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ca.pem"), endpoint.CaPem);
        var result = await ExternalPrograms.RunAsync(sub, MosquittoArgs(endpoint, dir.File("ca.pem"), Good("m5-sub"), "-V", "mqttv5", "-t", "devices/#", "-W", "6"), TimeSpan.FromSeconds(20));
        string log = result.Out + result.Err;
        TestContext.Current.TestOutputHelper?.WriteLine(log);
        Assert.Contains("received CONNACK (0)", log);
        Assert.Contains("Received DISCONNECT (160)", log);
        await Eventually(() => endpoint.Stats.MqttCutAtDisconnectAfter >= 1, "the cut was counted");
    }
}
