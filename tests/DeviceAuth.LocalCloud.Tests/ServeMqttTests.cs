using System.Diagnostics;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>mosquitto_pub / mosquitto_sub with library-composed credentials, through `serve`'s MQTT relay, to a real mosquitto broker.</summary>
public class ServeMqttTests
{
    internal static MqttConnectCredentials Credentials(AuthToken token, string clientId)
    {
        var composer = new AwsIotMqttAuthorization(RunningEndpoint.AuthorizerName, RunningEndpoint.TokenKeyName, false, DeviceAuth.SystemClock.Instance);
        composer.UsernamePrefix = "sensor";
        return composer.Compose(token, clientId);
    }

    /// <summary>A device-signed token minted and signed by the library (its RSA signer), with the right or a stranger's key.</summary>
    internal static AuthToken Token(bool goodSignature)
    {
        var key = goodSignature ? TestKeys.Key : TestKeys.OtherKey;
        var signer = new DeviceAuth.Crypto.RsaSha256Signer(DeviceAuth.Crypto.RsaPrivateKey.FromPem(key.ExportPkcs8PrivateKeyPem()));
        return new DeviceSignedTokenSource("sensor", signer, DeviceAuth.SystemClock.Instance, new DeviceAuth.SystemRandomSource(), 3600).GetToken(0);
    }

    private static List<string> PubArgs(RunningEndpoint endpoint, string caFile, MqttConnectCredentials c, string topic, string message)
    {
        var args = new List<string> { "-h", "127.0.0.1", "-p", endpoint.Endpoints.Mqtt.Port.ToString(), "--cafile", caFile, "-i", c.ClientId, "-u", c.Username, "-t", topic, "-m", message, "-V", "mqttv311", "-d" };
        if (c.Password != null)
        {
            args.AddRange(new[] { "-P", System.Text.Encoding.UTF8.GetString(c.Password) });
        }

        return args;
    }

    [Fact]
    public async Task Good_signature_is_relayed_to_the_broker_and_a_bad_one_gets_connack_5()
    {
        string pub = ExternalPrograms.Require("mosquitto_pub", "mosquitto-clients");
        string sub = ExternalPrograms.Require("mosquitto_sub", "mosquitto-clients");
        using var broker = new MosquittoBroker();
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, broker: broker.EndPoint);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ca.pem"), endpoint.CaPem);

        // Subscriber directly on the broker: proves the relayed publish reached the real broker.
        Task<(int, string, string)> subscriber = ExternalPrograms.RunAsync(sub, new[] { "-h", "127.0.0.1", "-p", broker.Port.ToString(), "-t", "devices/#", "-C", "1", "-W", "20", "-v" }, TimeSpan.FromSeconds(30));
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var good = await ExternalPrograms.RunAsync(pub, PubArgs(endpoint, dir.File("ca.pem"), Credentials(Token(true), "sensor-1"), "devices/sensor-1", "hello-through-relay"), TimeSpan.FromSeconds(20));
        Assert.True(good.ExitCode == 0, $"mosquitto_pub failed ({good.ExitCode}): {good.Err}{good.Out}");
        Assert.Contains("received CONNACK (0)", good.Err + good.Out);
        var (subCode, subOut, subErr) = await subscriber;
        Assert.True(subCode == 0, $"mosquitto_sub: {subCode} {subErr}");
        Assert.Equal("devices/sensor-1 hello-through-relay", subOut.Trim());

        var bad = await ExternalPrograms.RunAsync(pub, PubArgs(endpoint, dir.File("ca.pem"), Credentials(Token(false), "sensor-2"), "devices/sensor-2", "nope"), TimeSpan.FromSeconds(20));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("CONNACK (5)", bad.Err + bad.Out);
        Assert.Equal(1, endpoint.Stats.MqttAccepted);
        Assert.Equal(1, endpoint.Stats.MqttRefused);
        Assert.Equal(1, endpoint.Stats.AuthorizerInvocations);
        Assert.Equal(1, endpoint.Stats.SignatureRejections);
    }

    [Fact]
    public async Task Connection_is_cut_at_disconnectAfter()
    {
        string sub = ExternalPrograms.Require("mosquitto_sub", "mosquitto-clients");
        using var broker = new MosquittoBroker();
        // Test-only override: disconnectAfterInSeconds 2 (the service's minimum is 300).
        var fn = AuthorizerFunction.AllowAll(refreshAfter: 60, disconnectAfter: 2);
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, fn, broker.EndPoint, minSessionSeconds: 1);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ca.pem"), endpoint.CaPem);
        MqttConnectCredentials c = Credentials(Token(true), "sensor-cut");
        var args = new List<string> { "-h", "127.0.0.1", "-p", endpoint.Endpoints.Mqtt.Port.ToString(), "--cafile", dir.File("ca.pem"), "-i", c.ClientId, "-u", c.Username, "-t", "devices/#", "-V", "mqttv311", "-d", "-W", "5" };
        var watch = Stopwatch.StartNew();
        var result = await ExternalPrograms.RunAsync(sub, args, TimeSpan.FromSeconds(20));
        string log = result.Err + result.Out;
        TestContext.Current.TestOutputHelper?.WriteLine(log);
        Assert.Contains("received CONNACK (0)", log);
        Assert.True(endpoint.Stats.MqttCutAtDisconnectAfter >= 1, "the relay never cut the connection");
        // mosquitto_sub reconnects after the cut: the second CONNECT proves the first connection was closed under it.
        Assert.True(CountOf(log, "sending CONNECT") >= 2, "mosquitto_sub did not see its connection cut");
        Assert.DoesNotContain("Received DISCONNECT", log); // MQTT 3.1.1 has no server DISCONNECT: the cut is a plain close

        Assert.True(endpoint.Stats.MqttAccepted >= 2);
        Assert.InRange(watch.Elapsed.TotalSeconds, 4, 15);
    }

    /// <summary>
    /// A signing-disabled authorizer and a device that carries its token in the MQTT password (as the AWS
    /// SDKs allow): the function judges the token it finds there (Base64 in protocolData.mqtt.password for
    /// a real Lambda), so the right device is relayed and a stranger or an expired token gets CONNACK 5.
    /// </summary>
    [Fact]
    public async Task Password_carried_token_is_judged_by_the_function_and_relayed()
    {
        string pub = ExternalPrograms.Require("mosquitto_pub", "mosquitto-clients");
        using var broker = new MosquittoBroker();
        var fn = AuthorizerFunction.Parse("""
            { "rules": [ { "match": { "principal": "sensor", "protocol": "mqtt" },
                           "response": { "isAuthenticated": true, "policyDocuments": [ { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "iot:*", "Resource": "*" } ] } ] } } ],
              "default": { "response": { "isAuthenticated": false } } }
            """, "test function");
        await using var endpoint = await RunningEndpoint.StartAsync(TimeProvider.System, fn, broker.EndPoint, authorizers: RunningEndpoint.Authorizer(signingDisabled: true));
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ca.pem"), endpoint.CaPem);

        MqttConnectCredentials InPassword(string deviceId, VirtualTime clock)
        {
            var signer = new DeviceAuth.Crypto.RsaSha256Signer(DeviceAuth.Crypto.RsaPrivateKey.FromPem(TestKeys.PrivatePem));
            AuthToken token = new DeviceSignedTokenSource(deviceId, signer, clock, new DeviceAuth.SystemRandomSource(), 3600).GetToken(0);
            var composer = new AwsIotMqttAuthorization(RunningEndpoint.AuthorizerName, RunningEndpoint.TokenKeyName, true, clock) { UsernamePrefix = deviceId, TokenPlacement = MqttTokenPlacement.Password };
            MqttConnectCredentials c = composer.Compose(token, deviceId);
            Assert.Equal(token.Token, System.Text.Encoding.UTF8.GetString(c.Password));
            Assert.DoesNotContain(token.Token, c.Username);
            return c;
        }

        var now = new VirtualTime(DateTimeOffset.UtcNow);
        var good = await ExternalPrograms.RunAsync(pub, PubArgs(endpoint, dir.File("ca.pem"), InPassword("sensor", now), "devices/sensor", "in-password"), TimeSpan.FromSeconds(20));
        Assert.True(good.ExitCode == 0, $"mosquitto_pub failed ({good.ExitCode}): {good.Err}{good.Out}");
        Assert.Contains("received CONNACK (0)", good.Err + good.Out);

        var stranger = await ExternalPrograms.RunAsync(pub, PubArgs(endpoint, dir.File("ca.pem"), InPassword("stranger", now), "devices/stranger", "nope"), TimeSpan.FromSeconds(20));
        Assert.Contains("CONNACK (5)", stranger.Err + stranger.Out);

        var lastYear = new VirtualTime(DateTimeOffset.UtcNow.AddDays(-365));
        var expired = await ExternalPrograms.RunAsync(pub, PubArgs(endpoint, dir.File("ca.pem"), InPassword("sensor", lastYear), "devices/sensor", "old"), TimeSpan.FromSeconds(20));
        Assert.Contains("CONNACK (5)", expired.Err + expired.Out);
        Assert.Equal((1L, 2L, 3L), (endpoint.Stats.MqttAccepted, endpoint.Stats.MqttRefused, endpoint.Stats.AuthorizerInvocations));
    }

    private static int CountOf(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
