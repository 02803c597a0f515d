using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeviceAuth.Credentials;
using DeviceAuth.LocalCloud.Functions;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// Tokens minted by the library's host build (its token sources and its RSA and HMAC signers) and
/// the repository's deployable Lambda modules run by <see cref="NodeLambdaFunction"/>, whose log
/// lines (one JSON object per decision) say why a token was refused.
/// </summary>
internal static class LambdaTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    public static readonly byte[] OtherSecret = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:device-authorizer";
    public const string Issuer = "https://devices.example.com";
    public const string Audience = "device-api";

    /// <summary>A running Lambda module plus the decision log it writes.</summary>
    public sealed class Lambda : IDisposable
    {
        private readonly List<string> _log = new();

        public Lambda(string module, TimeProvider clock, IDictionary<string, string> environment)
        {
            LambdaCode.RequireNode();
            Function = new NodeLambdaFunction(LambdaCode.File(module), "handler", TimeSpan.FromSeconds(5)) { Clock = clock, FunctionArn = FunctionArn };
            foreach (var (k, v) in environment)
            {
                Function.Environment[k] = v;
            }

            Function.Log = line =>
            {
                lock (_log)
                {
                    _log.Add(line);
                }
            };
        }

        public NodeLambdaFunction Function { get; }

        /// <summary>Waits for the log line of the n-th decision (1-based) and returns its reason.</summary>
        public async Task<string> ReasonAsync(int decision)
        {
            for (int i = 0; i < 250; i++)
            {
                lock (_log)
                {
                    var decisions = _log.Where(l => l.StartsWith("{\"authorizer\"", StringComparison.Ordinal)).ToList();
                    if (decisions.Count >= decision)
                    {
                        return JsonNode.Parse(decisions[decision - 1])!["reason"]!.GetValue<string>();
                    }
                }

                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            lock (_log)
            {
                Assert.Fail("no decision log line; the function logged: " + string.Join(" | ", _log));
            }

            return null;
        }

        public string LogText()
        {
            lock (_log)
            {
                return string.Join("\n", _log);
            }
        }

        /// <summary>Waits until a log line contains <paramref name="text"/> (log lines travel on their own pipe) and returns the whole log.</summary>
        public async Task<string> LogContainingAsync(string text)
        {
            for (int i = 0; i < 250 && !LogText().Contains(text, StringComparison.Ordinal); i++)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            return LogText();
        }

        public void Dispose() => Function.Dispose();
    }

    public static DeviceAuth.Crypto.RsaSha256Signer LibrarySigner(RSA key) =>
        new(DeviceAuth.Crypto.RsaPrivateKey.FromPem(key.ExportPkcs8PrivateKeyPem()));

    public static AuthToken DeviceSigned(string deviceId, IClock deviceClock, RSA key = null, int lifetime = 3600) =>
        new DeviceSignedTokenSource(deviceId, LibrarySigner(key ?? TestKeys.Key), deviceClock, new SystemRandomSource(), lifetime).GetToken(0);

    public static AuthToken Hmac(string deviceId, IClock deviceClock, byte[] secret = null, int lifetime = 3600) =>
        new HmacTokenSource(deviceId, new DeviceAuth.Crypto.HmacSha256Signer(secret ?? Secret), deviceClock, new SystemRandomSource(), lifetime).GetToken(0);

    public static AuthToken Jwt(string subject, IClock deviceClock, JwtTokenForm form, string audience = Audience, string keyId = "key1") =>
        new JwtTokenSource(new JwtOptions(Issuer, subject, audience, 3600) { KeyId = keyId, Form = form }, LibrarySigner(TestKeys.Key), deviceClock, new SystemRandomSource()).GetToken(0);

    /// <summary>The JWKS publishing TestKeys.Key under kid "key1".</summary>
    public static string Jwks()
    {
        RSAParameters p = TestKeys.Key.ExportParameters(false);
        var jwk = new JsonObject { ["kty"] = "RSA", ["kid"] = "key1", ["alg"] = "RS256", ["use"] = "sig", ["n"] = Base64Url(p.Modulus), ["e"] = Base64Url(p.Exponent) };
        return new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString();
    }

    public static string SecretsJson(string deviceId) => new JsonObject { [deviceId] = Convert.ToBase64String(Secret) }.ToJsonString();

    /// <summary>The service's view of an MQTT CONNECT the library composed.</summary>
    public static AuthorizationRequest Mqtt(MqttConnectCredentials c, string connectionId)
    {
        MqttUsername u = MqttUsername.Parse(c.Username);
        return new AuthorizationRequest
        {
            Parameter = n => u.Parameters.Get(n),
            FieldsIgnoredBecause = u.IgnoredBecause,
            Protocol = "mqtt",
            MqttUsername = c.Username,
            MqttPassword = c.Password,
            MqttClientId = c.ClientId,
            TlsServerName = "iot.example.com",
            ConnectionId = connectionId,
        };
    }

    /// <summary>The service's view of an HTTPS publish whose headers the library composed.</summary>
    public static AuthorizationRequest HttpPublish(HttpAuthorizationParts parts)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < parts.HeaderCount; i++)
        {
            headers[parts.GetHeaderName(i)] = parts.GetHeaderValue(i);
        }

        return new AuthorizationRequest
        {
            Parameter = n => headers.TryGetValue(n, out string v) ? v : null,
            Protocol = "http",
            HttpHeaders = headers,
            QueryString = string.Empty,
            TlsServerName = "iot.example.com",
            ConnectionId = Guid.NewGuid().ToString(),
        };
    }

    public static AuthorizationEngine Engine(AuthorizerDefinition authorizer, Lambda lambda, TimeProvider clock)
    {
        var engine = new AuthorizationEngine(new[] { authorizer }, AuthorizerFunction.AllowAll(), clock);
        engine.Functions.Map(FunctionArn, lambda.Function);
        return engine;
    }

    public static AuthorizerDefinition Authorizer(bool signingDisabled)
    {
        var def = new AuthorizerDefinition
        {
            AuthorizerName = "device-authorizer",
            AuthorizerFunctionArn = FunctionArn,
            TokenKeyName = "token",
            Status = "ACTIVE",
            SigningDisabled = signingDisabled,
        };
        if (!signingDisabled)
        {
            def.AddPublicKey("key1", TestKeys.PublicPem, "test key");
        }

        return def;
    }

    private static string Base64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
