using System.Net;
using System.Text.Json.Nodes;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.LocalCloud.Functions;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Tests.ApiGateway;

/// <summary>
/// End to end: the repository's deployable REQUEST authorizer (lambdas/apigw-request-authorizer.mjs,
/// run by NodeLambdaFunction under Node.js) behind the local HTTP API, called with requests the device
/// library composes (a ds1 token signed by the library's RSA signer in two identity-source headers).
/// The function reads the service's virtual clock, so expiry is exact.
/// </summary>
public class RequestLambdaEndToEndTests
{
    private const string TokenHeader = "$request.header.x-device-token";
    private const string SignatureHeader = "$request.header.x-device-signature";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:device-request-authorizer";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class World : IAsyncDisposable
    {
        private NodeLambdaFunction _function;

        public VirtualTime Service { get; } = new(Start);

        public VirtualTime Device { get; } = new(Start);

        public LocalHttpApiHost Host { get; private set; }

        public string Api { get; private set; }

        public static async Task<World> StartAsync(string version, bool simple)
        {
            LambdaCode.RequireNode();
            var w = new World();
            w._function = new NodeLambdaFunction(LambdaCode.File("apigw-request-authorizer.mjs"), "handler", TimeSpan.FromSeconds(5)) { Clock = w.Service, FunctionArn = FunctionArn };
            w._function.Environment["DS1_PUBLIC_KEYS_JSON"] = new JsonObject { ["thing-42"] = TestKeys.PublicPem }.ToJsonString();
            w._function.Environment["SIMPLE_RESPONSES"] = simple ? "true" : "false";
            w.Host = await LocalHttpApiHost.StartAsync(w.Service);
            w.Host.Gateway.Functions.Register(FunctionArn, w._function);
            w.Api = w.Host.CreateApi();
            var body = new JsonObject
            {
                ["name"] = "device-request",
                ["authorizerType"] = "REQUEST",
                ["identitySource"] = new JsonArray(TokenHeader, SignatureHeader),
                ["authorizerUri"] = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FunctionArn}/invocations",
                ["authorizerPayloadFormatVersion"] = version,
                ["authorizerResultTtlInSeconds"] = 300,
            };
            if (simple)
            {
                body["enableSimpleResponses"] = true;
            }

            string id = w.Host.CreateAuthorizer(w.Api, body);
            w.Host.CreateRoute(w.Api, "GET /telemetry", "CUSTOM", id);
            w.Host.CreateRoute(w.Api, "POST /telemetry", "CUSTOM", id);
            return w;
        }

        public Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string signingPem = null, bool withSignature = true)
        {
            var signer = new RsaSha256Signer(RsaPrivateKey.FromPem(signingPem ?? TestKeys.PrivatePem));
            AuthToken token = new DeviceSignedTokenSource("thing-42", signer, Device, new SystemRandomSource(), 3600).GetToken(0);
            string[] sources = withSignature ? new[] { TokenHeader, SignatureHeader } : new[] { TokenHeader };
            var composer = new ApiGatewayRequestAuthorization(sources, Device);
            composer.MapToken(TokenHeader);
            if (withSignature)
            {
                composer.MapTokenSignature(SignatureHeader);
            }

            HttpAuthorizationParts parts = composer.Compose(token);
            var request = new HttpRequestMessage(method, "telemetry");
            for (int i = 0; i < parts.HeaderCount; i++)
            {
                request.Headers.TryAddWithoutValidation(parts.GetHeaderName(i), parts.GetHeaderValue(i));
            }

            return Host.SendAsync(Api, request);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            _function.Dispose();
        }
    }

    [Fact]
    public async Task Payload_2_0_simple_responses_accept_the_device_and_refuse_a_foreign_key_an_expired_token_and_a_missing_signature()
    {
        await using var w = await World.StartAsync("2.0", simple: true);
        var ok = await w.SendAsync(HttpMethod.Get);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("thing-42", (string)ok.Body["authorizer"]["lambda"]["deviceId"]);

        var foreign = await w.SendAsync(HttpMethod.Get, TestKeys.OtherKey.ExportPkcs8PrivateKeyPem());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);

        long invocations = w.Host.Gateway.DataPlane.Stats.FunctionInvocations;
        var unsigned = await w.SendAsync(HttpMethod.Get, withSignature: false);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.Status);
        Assert.Equal(invocations, w.Host.Gateway.DataPlane.Stats.FunctionInvocations);

        // The device's clock is an hour and a minute behind: its fresh token is expired for the function (60 s skew).
        w.Service.Advance(TimeSpan.FromSeconds(3600 + 61));
        var expired = await w.SendAsync(HttpMethod.Get);
        Assert.Equal(HttpStatusCode.Forbidden, expired.Status);
        Assert.Equal(2, w.Host.Gateway.DataPlane.Stats.Forbidden);
    }

    [Fact]
    public async Task Payload_1_0_IAM_policy_allows_the_device_on_every_route_of_the_stage()
    {
        await using var w = await World.StartAsync("1.0", simple: false);
        Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(HttpMethod.Get)).Status);
        Assert.Equal(HttpStatusCode.OK, (await w.SendAsync(HttpMethod.Post)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.SendAsync(HttpMethod.Get, TestKeys.OtherKey.ExportPkcs8PrivateKeyPem())).Status);
        Assert.Equal(3, w.Host.Gateway.DataPlane.Stats.FunctionInvocations);
    }
}
