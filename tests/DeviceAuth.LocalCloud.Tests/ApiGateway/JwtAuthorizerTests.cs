using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.LocalCloud.ApiGateway;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Tests.ApiGateway;

/// <summary>
/// The local HTTP API's JWT authorizer, driven with requests the device library composes
/// (JwtTokenSource with the library's RSA signer, ApiGatewayJwtAuthorization), as in the ApiGatewayJwt
/// sample. The device and the service each have their own virtual clock, so skew and expiry are exact.
/// </summary>
public class JwtAuthorizerTests
{
    private const string Issuer = "https://devices.example.com";
    private const string Audience = "device-api";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class World : IAsyncDisposable
    {
        public VirtualTime Service { get; } = new(Start);

        public VirtualTime Device { get; } = new(Start);

        public LocalHttpApiHost Host { get; private set; }

        public string Api { get; private set; }

        public static async Task<World> StartAsync(string identitySource = "$request.header.Authorization")
        {
            var w = new World();
            w.Host = await LocalHttpApiHost.StartAsync(w.Service);
            var keys = new JsonWebKeySet();
            keys.Add(TestKeys.Key, null);
            w.Host.Gateway.AddIssuer(new OpenIdIssuer(Issuer, keys));
            w.Api = w.Host.CreateApi();
            string id = w.Host.CreateAuthorizer(w.Api, new JsonObject
            {
                ["name"] = "device-jwt",
                ["authorizerType"] = "JWT",
                ["identitySource"] = new JsonArray(identitySource),
                ["jwtConfiguration"] = new JsonObject { ["issuer"] = Issuer, ["audience"] = new JsonArray("other-api", Audience) },
            });
            w.Host.CreateRoute(w.Api, "GET /telemetry", "JWT", id);
            w.Host.CreateRoute(w.Api, "GET /scoped", "JWT", id, "telemetry/write", "admin");
            return w;
        }

        /// <summary>A JWT minted by the library (JwtTokenSource, RsaSha256Signer) on the device clock.</summary>
        public AuthToken Mint(Action<JwtOptions> configure = null, RSA signingKey = null, string issuer = Issuer, string audience = Audience)
        {
            using RsaPrivateKey key = RsaPrivateKey.FromPem(TestKeys.PrivatePem);
            var options = new JwtOptions(issuer, "thing-42", audience, 600) { KeyId = JwkThumbprint.ForRsaKey(key) };
            configure?.Invoke(options);
            string pem = (signingKey ?? TestKeys.Key).ExportPkcs8PrivateKeyPem();
            var signer = new RsaSha256Signer(RsaPrivateKey.FromPem(pem));
            return new JwtTokenSource(options, signer, Device, new SystemRandomSource()).GetToken(0);
        }

        public async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> GetAsync(string path, AuthToken token, string identitySource = ApiGatewayJwtAuthorization.DefaultIdentitySource)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
            if (token != null)
            {
                HttpAuthorizationParts parts = new ApiGatewayJwtAuthorization(identitySource, Device).Compose(token);
                for (int i = 0; i < parts.HeaderCount; i++)
                {
                    request.Headers.TryAddWithoutValidation(parts.GetHeaderName(i), parts.GetHeaderValue(i));
                }

                string query = parts.ToQueryString();
                if (query.Length > 0)
                {
                    request.RequestUri = new Uri(path.TrimStart('/') + "?" + query, UriKind.Relative);
                }
            }

            return await Host.SendAsync(Api, request);
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private static string WwwAuthenticate((HttpStatusCode, JsonObject, HttpResponseMessage Response) r) =>
        r.Response.Headers.TryGetValues("www-authenticate", out var v) ? string.Join(",", v) : null;

    [Fact]
    public async Task A_token_the_library_mints_and_composes_is_accepted_and_its_claims_reach_the_integration()
    {
        await using var w = await World.StartAsync();
        var r = await w.GetAsync("/telemetry", w.Mint());
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("thing-42", (string)r.Body["authorizer"]["jwt"]["claims"]["sub"]);
        Assert.Equal("GET /telemetry", (string)r.Body["routeKey"]);
        Assert.Equal(1, w.Host.Gateway.DataPlane.Stats.Allowed);
    }

    [Fact]
    public async Task A_token_in_a_query_parameter_identity_source_is_accepted()
    {
        await using var w = await World.StartAsync("$request.querystring.access_token");
        var r = await w.GetAsync("/telemetry", w.Mint(), "$request.querystring.access_token");
        Assert.Equal(HttpStatusCode.OK, r.Status);
    }

    [Fact]
    public async Task Expired_when_the_service_clock_is_past_exp_401_invalid_token()
    {
        await using var w = await World.StartAsync();
        AuthToken token = w.Mint();
        w.Service.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(HttpStatusCode.OK, (await w.GetAsync("/telemetry", token)).Status);
        w.Service.Advance(TimeSpan.FromSeconds(1));
        var r = await w.GetAsync("/telemetry", token);
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal("Unauthorized", (string)r.Body["message"]);
        Assert.Equal("Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token has expired\"", WwwAuthenticate(r));
    }

    [Fact]
    public async Task Wrong_audience_401_with_the_description_the_AWS_troubleshooting_guide_shows()
    {
        await using var w = await World.StartAsync();
        var r = await w.GetAsync("/telemetry", w.Mint(audience: "billing-api"));
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal("Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token does not have a valid audience\"", WwwAuthenticate(r));
    }

    [Fact]
    public async Task Wrong_issuer_401()
    {
        await using var w = await World.StartAsync();
        var r = await w.GetAsync("/telemetry", w.Mint(issuer: "https://devices.example.com/other"));
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Contains("error_description=\"the token does not have a valid issuer\"", WwwAuthenticate(r));
    }

    [Fact]
    public async Task Unknown_kid_401()
    {
        await using var w = await World.StartAsync();
        var r = await w.GetAsync("/telemetry", w.Mint(o => o.KeyId = "thing-43"));
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Contains("kid does not match a key", WwwAuthenticate(r));
    }

    [Fact]
    public async Task Signed_by_another_key_under_the_published_kid_401()
    {
        await using var w = await World.StartAsync();
        var r = await w.GetAsync("/telemetry", w.Mint(null, TestKeys.OtherKey));
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Contains("signature is invalid", WwwAuthenticate(r));
    }

    [Fact]
    public async Task No_Authorization_header_401_without_checking_a_token()
    {
        await using var w = await World.StartAsync();
        var r = await w.GetAsync("/telemetry", null);
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Equal("{\"message\":\"Unauthorized\"}", r.Body.ToJsonString());
        Assert.Null(WwwAuthenticate(r));
    }

    [Fact]
    public async Task A_device_clock_ahead_of_the_service_gives_iat_and_nbf_in_the_future_401_unless_back_dated()
    {
        await using var w = await World.StartAsync();
        w.Device.Advance(TimeSpan.FromSeconds(30));
        var r = await w.GetAsync("/telemetry", w.Mint());
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.Contains("nbf is after the current time", WwwAuthenticate(r));
        var backdated = await w.GetAsync("/telemetry", w.Mint(o => o.NotBeforeLeewaySeconds = 60));
        Assert.Equal(HttpStatusCode.OK, backdated.Status);
    }

    [Fact]
    public async Task A_route_with_scopes_needs_one_of_them_else_403_insufficient_scope()
    {
        await using var w = await World.StartAsync();
        var none = await w.GetAsync("/scoped", w.Mint());
        Assert.Equal(HttpStatusCode.Forbidden, none.Status);
        Assert.Equal("Forbidden", (string)none.Body["message"]);
        Assert.StartsWith("Bearer scope=\"telemetry/write admin\" error=\"insufficient_scope\"", WwwAuthenticate(none));
        var wrong = await w.GetAsync("/scoped", w.Mint(o => o.Scope = "telemetry/read"));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        var right = await w.GetAsync("/scoped", w.Mint(o => o.Scope = "telemetry/read telemetry/write"));
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Equal(HttpStatusCode.OK, (await w.GetAsync("/telemetry", w.Mint())).Status);
    }

    [Fact]
    public async Task Client_id_is_checked_only_when_aud_is_absent_and_only_RSA_algorithms_are_accepted()
    {
        await using var w = await World.StartAsync();
        long now = Start.ToUnixTimeSeconds();
        string kid = JwkThumbprint.ForRsaPublicKey(TestKeys.Key.ExportParameters(false).Modulus, TestKeys.Key.ExportParameters(false).Exponent);
        string Token(string alg, JsonObject claims)
        {
            string Part(JsonNode n) => Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(n.ToJsonString()));
            string input = Part(new JsonObject { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = kid }) + "." + Part(claims);
            byte[] sig = alg == "RS256"
                ? TestKeys.Key.SignData(System.Text.Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                : HMACSHA256.HashData(new byte[32], System.Text.Encoding.ASCII.GetBytes(input));
            return input + "." + Base64UrlEncode(sig);
        }

        JsonObject Claims(string member, string value) => new() { ["iss"] = Issuer, [member] = value, ["exp"] = now + 60, ["iat"] = now };
        async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> Send(string jwt)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "telemetry");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + jwt);
            return await w.Host.SendAsync(w.Api, request);
        }

        Assert.Equal(HttpStatusCode.OK, (await Send(Token("RS256", Claims("client_id", Audience)))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(Token("RS256", Claims("client_id", "billing-api")))).Status);
        var both = Claims("aud", "billing-api");
        both["client_id"] = Audience;
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(Token("RS256", both))).Status);
        var hs = await Send(Token("HS256", Claims("aud", Audience)));
        Assert.Equal(HttpStatusCode.Unauthorized, hs.Status);
        Assert.Contains("signing method HS256 is invalid", WwwAuthenticate(hs));
    }

    private static string Base64UrlEncode(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
