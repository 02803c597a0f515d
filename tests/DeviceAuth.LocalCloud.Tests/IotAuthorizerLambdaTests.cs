using DeviceAuth.Credentials;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.Tokens;
using static DeviceAuth.LocalCloud.Tests.LambdaTestKit;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// lambdas/iot-custom-authorizer.mjs, the deployable AWS IoT custom authorizer, fed library-minted
/// credentials through the local service (signature check, event, response rules) on a virtual clock
/// shared by the device, the service and the Lambda.
/// </summary>
public class IotAuthorizerLambdaTests
{
    private const string Module = "iot-custom-authorizer.mjs";
    private static readonly string Arn = "arn:aws:iot:us-east-1:123456789012";

    private static MqttConnectCredentials Connect(AuthToken token, string clientId, bool signingDisabled = false, MqttTokenPlacement placement = MqttTokenPlacement.UsernameParameter)
    {
        var composer = new AwsIotMqttAuthorization("device-authorizer", "token", signingDisabled, new VirtualTime(Start)) { UsernamePrefix = clientId };
        composer.TokenPlacement = placement;
        return composer.Compose(token, clientId);
    }

    [Fact]
    public async Task Device_signed_token_allows_exactly_its_client_id_and_topics()
    {
        var clock = new VirtualTime(Start);
        using var lambda = new Lambda(Module, clock, new Dictionary<string, string>());
        var engine = Engine(Authorizer(signingDisabled: false), lambda, clock);
        AuthorizationDecision d = engine.Decide(Mqtt(Connect(DeviceSigned("sensor-1", clock), "sensor-1"), "c1"));
        Assert.True(d.Allowed, d.ToString());
        Assert.Equal("sensor1", d.Response.PrincipalId);
        Assert.Equal(3600, d.Response.RefreshAfterInSeconds);
        Assert.Equal(86400, d.Response.DisconnectAfterInSeconds);
        Assert.True(PolicyEvaluator.IsAllowed(d.Response.PolicyDocuments, "iot:Connect", $"{Arn}:client/sensor-1", "sensor-1"));
        Assert.False(PolicyEvaluator.IsAllowed(d.Response.PolicyDocuments, "iot:Connect", $"{Arn}:client/sensor-2", "sensor-2"));
        Assert.True(PolicyEvaluator.IsAllowed(d.Response.PolicyDocuments, "iot:Publish", $"{Arn}:topic/devices/sensor-1/telemetry", "sensor-1"));
        Assert.False(PolicyEvaluator.IsAllowed(d.Response.PolicyDocuments, "iot:Publish", $"{Arn}:topic/devices/sensor-2/telemetry", "sensor-1"));
        Assert.Equal("allowed", await lambda.ReasonAsync(1));
    }

    [Fact]
    public async Task Expired_future_dated_and_foreign_client_id_tokens_are_refused_by_the_function()
    {
        var clock = new VirtualTime(Start);
        using var lambda = new Lambda(Module, clock, new Dictionary<string, string>());
        var engine = Engine(Authorizer(signingDisabled: false), lambda, clock);
        AuthToken expiring = DeviceSigned("sensor-1", clock, lifetime: 600);
        AuthToken future = DeviceSigned("sensor-1", new VirtualTime(Start.AddMinutes(10)));
        AuthToken good = DeviceSigned("sensor-1", clock);

        AuthorizationDecision wrongClient = engine.Decide(Mqtt(Connect(good, "sensor-2"), "c1"));
        AuthorizationDecision ahead = engine.Decide(Mqtt(Connect(future, "sensor-1"), "c2"));
        clock.Advance(TimeSpan.FromSeconds(600 + 60));
        AuthorizationDecision expired = engine.Decide(Mqtt(Connect(expiring, "sensor-1"), "c3"));

        foreach (var d in new[] { wrongClient, ahead, expired })
        {
            Assert.Equal(RefusalReason.NotAuthenticated, d.Reason);
            Assert.True(d.FunctionInvoked);
            Assert.False(d.Response.IsAuthenticated);
            Assert.Equal("sensor1", d.Response.PrincipalId);
        }

        Assert.Equal("client-id-mismatch", await lambda.ReasonAsync(1));
        Assert.Equal("not-yet-valid", await lambda.ReasonAsync(2));
        Assert.Equal("expired", await lambda.ReasonAsync(3));
    }

    [Fact]
    public void Tampered_tokens_and_a_strangers_key_never_reach_the_function()
    {
        var clock = new VirtualTime(Start);
        using var lambda = new Lambda(Module, clock, new Dictionary<string, string>());
        var engine = Engine(Authorizer(signingDisabled: false), lambda, clock);
        AuthToken good = DeviceSigned("sensor-1", clock);
        var tampered = new AuthToken(good.Token.Replace("sensor-1", "sensor-9"), good.TokenSignature, good.IssuedAt, good.ExpiresAt);
        AuthToken stranger = DeviceSigned("sensor-1", clock, TestKeys.OtherKey);
        foreach (AuthToken t in new[] { tampered, stranger })
        {
            AuthorizationDecision d = engine.Decide(Mqtt(Connect(t, "sensor-1"), "c1"));
            Assert.Equal(RefusalReason.SignatureMismatch, d.Reason);
            Assert.False(d.FunctionInvoked);
        }

        Assert.Equal(0, lambda.Function.ColdStarts);
    }

    [Fact]
    public async Task With_replay_protection_a_token_seen_on_another_connection_is_refused_but_its_policy_refresh_is_not()
    {
        var clock = new VirtualTime(Start);
        using var lambda = new Lambda(Module, clock, new Dictionary<string, string> { ["REPLAY_PROTECTION"] = "mqtt" });
        var engine = Engine(Authorizer(signingDisabled: false), lambda, clock);
        MqttConnectCredentials credentials = Connect(DeviceSigned("sensor-1", clock), "sensor-1");
        Assert.True(engine.Decide(Mqtt(credentials, "connection-1")).Allowed);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(engine.Decide(Mqtt(credentials, "connection-1")).Allowed, "the refresh of the same connection");
        AuthorizationDecision replay = engine.Decide(Mqtt(credentials, "connection-2"));
        Assert.Equal(RefusalReason.NotAuthenticated, replay.Reason);
        Assert.Equal("replayed", await lambda.ReasonAsync(3));
        Assert.True(engine.Decide(Mqtt(Connect(DeviceSigned("sensor-1", clock), "sensor-1"), "connection-3")).Allowed, "a fresh token");
    }

    [Fact]
    public async Task Hmac_tokens_in_the_password_or_a_header_verify_with_the_device_secret()
    {
        var clock = new VirtualTime(Start);
        using var lambda = new Lambda(Module, clock, new Dictionary<string, string> { ["HM1_SECRETS_JSON"] = SecretsJson("sensor-1") });
        var engine = Engine(Authorizer(signingDisabled: true), lambda, clock);
        AuthToken good = Hmac("sensor-1", clock);
        AuthorizationDecision password = engine.Decide(Mqtt(Connect(good, "sensor-1", signingDisabled: true, placement: MqttTokenPlacement.Password), "c1"));
        Assert.True(password.Allowed, password.ToString());
        var http = new AwsIotHttpAuthorization("device-authorizer", "token", true, AwsIotHttpPlacement.Headers, clock);
        AuthorizationDecision header = engine.Decide(HttpPublish(http.Compose(good)));
        Assert.True(header.Allowed, header.ToString());
        Assert.True(PolicyEvaluator.IsAllowed(header.Response.PolicyDocuments, "iot:Publish", $"{Arn}:topic/devices/sensor-1/telemetry", null));
        Assert.Equal("allowed", await lambda.ReasonAsync(2));

        string claims = good.Token[..good.Token.LastIndexOf('.')];
        string mac = good.Token[(good.Token.LastIndexOf('.') + 1)..];
        var tampered = new AuthToken(claims.Replace(".sensor-1.", ".sensor-2.") + "." + mac, null, good.IssuedAt, good.ExpiresAt);
        var bad = new[]
        {
            (Hmac("sensor-1", clock, OtherSecret), "bad-signature"),
            (tampered, "unknown-device"),
            (new AuthToken(claims + "." + mac.Replace(mac[..4], "AAAA"), null, good.IssuedAt, good.ExpiresAt), "bad-signature"),
            (new AuthToken("not-a-token", null, good.IssuedAt, good.ExpiresAt), "unrecognised-token"),
            (new AuthToken(good.Token[..^1], null, good.IssuedAt, good.ExpiresAt), "malformed"),
            (DeviceSigned("sensor-1", clock), "signature-not-verified"),
        };
        int n = 2;
        foreach (var (token, reason) in bad)
        {
            AuthorizationDecision d = engine.Decide(Mqtt(Connect(token, "sensor-1", signingDisabled: true, placement: MqttTokenPlacement.Password), "c" + n));
            Assert.Equal(RefusalReason.NotAuthenticated, d.Reason);
            Assert.Equal(reason, await lambda.ReasonAsync(++n));
        }
    }

    [Fact]
    public async Task Jwts_signed_by_the_device_pass_with_the_configured_issuer_and_audience_only()
    {
        var clock = new VirtualTime(Start);
        var env = new Dictionary<string, string> { ["JWT_ISSUER"] = Issuer, ["JWT_AUDIENCES"] = Audience, ["JWT_JWKS_JSON"] = Jwks() };
        using var lambda = new Lambda(Module, clock, env);

        // Signing enabled: token = header.payload, AWS IoT checked the RS256 signature with the authorizer's key.
        var signed = Engine(Authorizer(signingDisabled: false), lambda, clock);
        Assert.True(signed.Decide(Mqtt(Connect(Jwt("sensor-1", clock, JwtTokenForm.AwsIotSigned), "sensor-1"), "c1")).Allowed);
        Assert.Equal(RefusalReason.NotAuthenticated, signed.Decide(Mqtt(Connect(Jwt("sensor-1", clock, JwtTokenForm.AwsIotSigned, audience: "other-api"), "sensor-1"), "c2")).Reason);
        Assert.Equal("wrong-issuer-or-audience", await lambda.ReasonAsync(2));

        // Signing disabled: a compact JWT in a header, its signature checked through the JWKS.
        var unsigned = Engine(Authorizer(signingDisabled: true), lambda, clock);
        var http = new AwsIotHttpAuthorization("device-authorizer", "token", true, AwsIotHttpPlacement.Headers, clock);
        Assert.True(unsigned.Decide(HttpPublish(http.Compose(Jwt("sensor-1", clock, JwtTokenForm.Compact)))).Allowed);
        Assert.Equal(RefusalReason.NotAuthenticated, unsigned.Decide(HttpPublish(http.Compose(Jwt("sensor-1", clock, JwtTokenForm.Compact, keyId: "key2")))).Reason);
        Assert.Equal("bad-signature", await lambda.ReasonAsync(4));
    }

    [Fact]
    public async Task A_configuration_error_fails_every_invocation_and_names_the_variable()
    {
        var clock = new VirtualTime(Start);
        using var lambda = new Lambda(Module, clock, new Dictionary<string, string> { ["HM1_SECRETS_JSON"] = "{\"sensor-1\": \"dG9vLXNob3J0\"}" });
        var engine = Engine(Authorizer(signingDisabled: true), lambda, clock);
        AuthorizationDecision d = engine.Decide(Mqtt(Connect(Hmac("sensor-1", clock), "sensor-1", signingDisabled: true, placement: MqttTokenPlacement.Password), "c1"));
        Assert.Equal(RefusalReason.FunctionFailed, d.Reason);
        Assert.Contains("ConfigurationError", d.Detail);
        string log = await lambda.LogContainingAsync("HM1_SECRETS_JSON");
        Assert.Contains("ConfigurationError: HM1_SECRETS_JSON: the secret of device 'sensor-1'", log);
        Assert.DoesNotContain("dG9vLXNob3J0", log);
    }
}
