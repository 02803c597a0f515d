using System.Net;
using System.Text.Json.Nodes;
using DeviceAuth.Credentials;
using DeviceAuth.LocalCloud.Functions;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// tests/oracles/iot-provision.mjs, a provisioning script written with @aws-sdk/client-iot, drives the
/// local control plane step by step; between the steps a device composed by the library connects
/// (HTTPS publish with a kept-alive connection, MQTT through the relay with mosquitto_pub) and is
/// judged by the authorizer the script configured, running the deployable Lambda code.
/// </summary>
public class ProvisioningOracleTests
{
    private const string Name = "device-authorizer";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:device-authorizer";

    private static AuthToken Token(System.Security.Cryptography.RSA key) =>
        new DeviceSignedTokenSource("sensor-1", LambdaTestKit.LibrarySigner(key), SystemClock.Instance, new SystemRandomSource(), 3600).GetToken(0);

    private static async Task<(HttpStatusCode Status, string Refusal, string Authorizer)> Publish(HttpClient client, AuthToken token)
    {
        HttpAuthorizationParts parts = new AwsIotHttpAuthorization(Name, "token", false, AwsIotHttpPlacement.Headers, SystemClock.Instance).Compose(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "topics/devices/sensor-1/telemetry") { Content = new StringContent("{\"t\":21.5}") };
        for (int i = 0; i < parts.HeaderCount; i++)
        {
            request.Headers.TryAddWithoutValidation(parts.GetHeaderName(i), parts.GetHeaderValue(i));
        }

        using HttpResponseMessage r = await client.SendAsync(request, TestContext.Current.CancellationToken);
        string Header(string n) => r.Headers.TryGetValues(n, out var v) ? v.Single() : null;
        return (r.StatusCode, Header("x-deviceauth-refusal"), Header("x-deviceauth-authorizer"));
    }

    private static async Task<string> MqttConnect(RunningEndpoint endpoint, string caFile, AuthToken token)
    {
        string pub = ExternalPrograms.Require("mosquitto_pub", "mosquitto-clients");
        var composer = new AwsIotMqttAuthorization(Name, "token", false, SystemClock.Instance) { UsernamePrefix = "sensor-1" };
        MqttConnectCredentials c = composer.Compose(token, "sensor-1");
        var args = new[] { "-h", "127.0.0.1", "-p", endpoint.Endpoints.Mqtt.Port.ToString(), "--cafile", caFile, "-i", c.ClientId, "-u", c.Username, "-t", "devices/sensor-1/telemetry", "-m", "hello", "-V", "mqttv311", "-d" };
        var (_, output, error) = await ExternalPrograms.RunAsync(pub, args, TimeSpan.FromSeconds(20));
        return output + error;
    }

    [Fact]
    public async Task A_script_written_with_the_AWS_SDK_configures_the_authorizer_that_judges_library_composed_devices()
    {
        LambdaCode.RequireNode();
        NodeOracles.Require("@aws-sdk/client-iot");
        using var broker = new MosquittoBroker();
        var engine = new AuthorizationEngine(Array.Empty<AuthorizerDefinition>(), AuthorizerFunction.AllowAll(), TimeProvider.System);
        using var code = new NodeLambdaFunction(LambdaCode.File("iot-custom-authorizer.mjs"), "handler", TimeSpan.FromSeconds(5));
        engine.Functions.Map(FunctionArn, code);
        await using var endpoint = await RunningEndpoint.StartAsync(engine, broker.EndPoint);
        using var dir = new TempDir();
        string ca = dir.File("ca.pem");
        File.WriteAllText(ca, endpoint.CaPem);
        var invokeComposer = new AwsIotMqttAuthorization(Name, "token", false, SystemClock.Instance) { UsernamePrefix = "sensor-1" };
        var config = new JsonObject
        {
            ["endpoint"] = $"https://127.0.0.1:{endpoint.Endpoints.Https.Port}",
            ["caFile"] = ca,
            ["region"] = "us-east-1",
            ["authorizerName"] = Name,
            ["functionArn"] = FunctionArn,
            ["publicKeyPem"] = TestKeys.PublicPem,
            ["nextPublicKeyPem"] = TestKeys.OtherKey.ExportSubjectPublicKeyInfoPem(),
            ["testInvokeBody"] = TestInvokeAuthorizerRequest.ForMqtt(invokeComposer, Token(TestKeys.Key), "sensor-1", null),
        };
        File.WriteAllText(dir.File("config.json"), config.ToJsonString());

        async Task Step(string step)
        {
            var (exit, output, error) = await NodeOracles.RunAsync("@aws-sdk/client-iot", "iot-provision.mjs", new[] { step, dir.File("config.json") }, TimeSpan.FromSeconds(60));
            TestContext.Current.TestOutputHelper?.WriteLine(output);
            Assert.True(exit == 0, $"iot-provision.mjs {step} failed ({exit}):\n{error}\n{output}");
        }

        using HttpClient client = endpoint.CreateClient(keepAlive: true);
        Assert.Equal((HttpStatusCode.Unauthorized, "AuthorizerNotFound"), Pick(await Publish(client, Token(TestKeys.Key))));

        await Step("setup");
        Assert.Equal((HttpStatusCode.OK, null), Pick(await Publish(client, Token(TestKeys.Key))));
        Assert.Contains("received CONNACK (0)", await MqttConnect(endpoint, ca, Token(TestKeys.Key)));

        await Step("rotate");
        Assert.Equal((HttpStatusCode.Unauthorized, "SignatureMismatch"), Pick(await Publish(client, Token(TestKeys.Key))));
        Assert.Contains("CONNACK (5)", await MqttConnect(endpoint, ca, Token(TestKeys.Key)));
        AuthToken next = Token(TestKeys.OtherKey);
        Assert.Equal((HttpStatusCode.OK, "invoked"), Pick3(await Publish(client, next)));
        Assert.Equal((HttpStatusCode.OK, "cached"), Pick3(await Publish(client, next)));
        Assert.Contains("received CONNACK (0)", await MqttConnect(endpoint, ca, Token(TestKeys.OtherKey)));

        await Step("deactivate");
        Assert.Equal((HttpStatusCode.Unauthorized, "AuthorizerInactive"), Pick(await Publish(client, next)));
        Assert.Contains("CONNACK (5)", await MqttConnect(endpoint, ca, Token(TestKeys.OtherKey)));

        await Step("cleanup");
        Assert.Equal((HttpStatusCode.Unauthorized, "AuthorizerNotFound"), Pick(await Publish(client, next)));
    }

    private static (HttpStatusCode, string) Pick((HttpStatusCode Status, string Refusal, string Authorizer) r) => (r.Status, r.Refusal);

    private static (HttpStatusCode, string) Pick3((HttpStatusCode Status, string Refusal, string Authorizer) r) => (r.Status, r.Authorizer);
}
