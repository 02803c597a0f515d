using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.LocalCloud.Iot.ControlPlane;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// The control plane's rules one by one (the SDK-driven script covers the wire shapes): each rule has
/// a request that breaks it, and the store it shares with the data plane.
/// </summary>
public class ControlPlaneTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:f";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (AuthorizerControlPlane Api, AuthorizationEngine Engine, VirtualTime Clock) Fresh(params AuthorizerDefinition[] seeded)
    {
        var clock = new VirtualTime(Start);
        var engine = new AuthorizationEngine(seeded, AuthorizerFunction.AllowAll(), clock);
        return (new AuthorizerControlPlane(engine.Store, "eu-west-1", "123456789012"), engine, clock);
    }

    private static JsonObject Signed(string pem = null) => new()
    {
        ["authorizerFunctionArn"] = Arn,
        ["tokenKeyName"] = "token",
        ["tokenSigningPublicKeys"] = new JsonObject { ["key1"] = pem ?? TestKeys.PublicPem },
        ["status"] = "ACTIVE",
    };

    private static void AssertError(ApiResult r, int status, string type, string message)
    {
        Assert.Equal(status, r.Status);
        Assert.Equal(type, r.ErrorType);
        Assert.Equal(message, r.Body["message"]!.GetValue<string>());
    }

    [Fact]
    public void Model_violations_are_reported_together_without_values()
    {
        var (api, _, _) = Fresh();
        AssertError(api.Create("bad name!", Signed()), 400, "InvalidRequestException",
            @"1 validation error detected: Value at 'authorizerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w=,@-]+");
        AssertError(api.Describe(new string('!', 129)), 400, "InvalidRequestException",
            @"2 validation errors detected: Value at 'authorizerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w=,@-]+; Value at 'authorizerName' failed to satisfy constraint: Member must have length less than or equal to 128");
        JsonObject body = Signed();
        body["tokenKeyName"] = string.Empty;
        body["status"] = "ENABLED";
        body.Remove("authorizerFunctionArn");
        ApiResult r = api.Create("a", body);
        Assert.StartsWith("4 validation errors detected: Value at 'authorizerFunctionArn' failed to satisfy constraint: Member must not be null; ", r.Body["message"]!.GetValue<string>());
        Assert.Contains("Member must satisfy enum value set: [ACTIVE, INACTIVE]", r.Body["message"]!.GetValue<string>());
    }

    [Fact]
    public void Signing_rules_and_key_checks_name_the_authorizer_and_key()
    {
        var (api, _, _) = Fresh();
        using RSA small = RSA.Create(1024);
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AssertError(api.Create("a", Signed(small.ExportSubjectPublicKeyInfoPem())), 400, "InvalidRequestException", "Authorizer a public key for key name key1 invalid: Key must be 2048 bits but was 1024 bits");
        AssertError(api.Create("a", Signed(ec.ExportSubjectPublicKeyInfoPem())), 400, "InvalidRequestException", "Authorizer a public key for key name key1 not a valid RSA key");
        AssertError(api.Create("a", Signed("-----BEGIN PUBLIC KEY-----\nMIIB")), 400, "InvalidRequestException", "Cannot convert public key PEM for authorizer a to RSA key");
        JsonObject disabled = Signed();
        disabled["signingDisabled"] = true;
        AssertError(api.Create("a", disabled), 400, "InvalidRequestException", "Token signing keys map must be null for authorizer a if using optional signature header");
        JsonObject badArn = Signed();
        badArn["authorizerFunctionArn"] = "not-an-arn";
        AssertError(api.Create("a", badArn), 400, "InvalidRequestException", "Lambda function arn for authorizer a is not in proper ARN syntax");
        Assert.Equal("ResourceNotFoundException", api.Describe("a").ErrorType);
    }

    [Fact]
    public void Keys_are_kept_verbatim_merged_by_name_on_update_and_dates_follow_the_clock()
    {
        var (api, engine, clock) = Fresh();
        string prefixed = "a comment line\n" + TestKeys.PublicPem;
        Assert.Equal(200, api.Create("a", Signed(prefixed)).Status);
        clock.Advance(TimeSpan.FromSeconds(90.5));
        Assert.Equal(200, api.Update("a", new JsonObject { ["tokenSigningPublicKeys"] = new JsonObject { ["key2"] = TestKeys.OtherKey.ExportSubjectPublicKeyInfoPem() } }).Status);
        JsonObject d = api.Describe("a").Body["authorizerDescription"]!.AsObject();
        Assert.Equal(prefixed, d["tokenSigningPublicKeys"]!["key1"]!.GetValue<string>());
        Assert.NotNull(d["tokenSigningPublicKeys"]!["key2"]);
        Assert.Equal(Start.ToUnixTimeSeconds(), d["creationDate"]!.GetValue<decimal>());
        Assert.Equal(Start.ToUnixTimeSeconds() + 90.5m, d["lastModifiedDate"]!.GetValue<decimal>());
        Assert.Equal(2, engine.Find("a").ParsedKeys.Count);
        AssertError(api.Update("a", new JsonObject { ["tokenSigningPublicKeys"] = new JsonObject { ["key3"] = TestKeys.PublicPem } }), 400, "InvalidRequestException",
            "Number of signing keys for authorizer a must neither be zero nor greater than 2");
    }

    [Fact]
    public void Delete_refuses_the_default_and_ACTIVE_authorizers_and_the_limit_holds()
    {
        var (api, engine, _) = Fresh(RunningEndpoint.Authorizer(name: "seeded"));
        Assert.Equal("ACTIVE", api.Describe("seeded").Body["authorizerDescription"]!["status"]!.GetValue<string>());
        Assert.Equal(200, api.SetDefault(new JsonObject { ["authorizerName"] = "seeded" }).Status);
        Assert.Equal("seeded", engine.DefaultAuthorizerName);
        AssertError(api.Delete("seeded"), 409, "DeleteConflictException", "Cannot delete default authorizer seeded. Change default and retry delete.");
        Assert.Equal(200, api.ClearDefault().Status);
        AssertError(api.Delete("seeded"), 400, "InvalidRequestException", "Cannot delete authorizer seeded in ACTIVE status. Update status to INACTIVE and delete.");
        Assert.Equal(200, api.Update("seeded", new JsonObject { ["status"] = "INACTIVE" }).Status);
        Assert.Equal(200, api.Delete("seeded").Status);
        Assert.Null(engine.Find("seeded"));

        var limited = new AuthorizerControlPlane(engine.Store, "eu-west-1", "123456789012") { MaxAuthorizers = 1 };
        Assert.Equal(200, limited.Create("one", Signed()).Status);
        AssertError(limited.Create("two", Signed()), 410, "LimitExceededException", "The maximum number of authorizers (1) has been reached for this account");
    }

    [Fact]
    public void The_data_plane_follows_the_store()
    {
        var (api, engine, _) = Fresh();
        JsonObject body = Signed();
        body.Remove("status");
        Assert.Equal(200, api.Create("a", body).Status);
        string token = "t-1";
        var request = new AuthorizationRequest
        {
            Parameter = n => n switch { ServiceLimits.AuthorizerNameHeader => "a", "token" => token, ServiceLimits.SignatureHeader => TestKeys.DotNetSign(token), _ => null },
            Protocol = "http",
            ConnectionId = "c",
        };
        Assert.Equal(RefusalReason.AuthorizerInactive, engine.Decide(request).Reason);
        Assert.True(engine.Decide(new AuthorizationRequest { Parameter = request.Parameter, IgnoreStatus = true, ConnectionId = "t" }).Allowed, "TestInvokeAuthorizer runs INACTIVE authorizers");
        Assert.Equal(200, api.Update("a", new JsonObject { ["status"] = "ACTIVE" }).Status);
        Assert.True(engine.Decide(request).Allowed);
        Assert.Equal(200, api.Update("a", new JsonObject { ["tokenSigningPublicKeys"] = new JsonObject { ["key1"] = TestKeys.OtherKey.ExportSubjectPublicKeyInfoPem() } }).Status);
        Assert.Equal(RefusalReason.SignatureMismatch, engine.Decide(request).Reason);
    }

    [Fact]
    public async Task Bodies_that_are_not_a_JSON_object_or_too_large_are_InvalidRequest()
    {
        await using var endpoint = await RunningEndpoint.StartAsync(new VirtualTime(Start));
        using HttpClient client = endpoint.CreateClient();
        foreach (string body in new[] { "{not json", "[1,2]", "{\"authorizerFunctionArn\": \"" + new string('a', 70 * 1024) + "\"}" })
        {
            using var r = await client.PostAsync("authorizer/a", new StringContent(body), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("InvalidRequestException", r.Headers.GetValues("x-amzn-ErrorType").Single());
        }

        using var list = await client.GetAsync("authorizers/", TestContext.Current.CancellationToken);
        Assert.Equal(RunningEndpoint.AuthorizerName, JsonNode.Parse(await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["authorizers"]![0]!["authorizerName"]!.GetValue<string>());
    }
}
