using System.CommandLine;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.DeviceSide;

/// <summary>
/// Options that describe how a device mints its token and composes its credentials, shared by
/// <c>token</c> and <c>test-invoke</c>. Everything is done by the library's host build: the token
/// sources (static, device-signed ds1, JWT, HMAC hm1) and the MQTT/HTTP composers. Library errors
/// come back in the user's option names (<see cref="LibraryErrors"/>).
/// </summary>
internal sealed class TokenOptions
{
    public Option<string> Kind { get; } = new("--kind") { Description = "Token kind: device-signed (ds1 claims signed with RSA), jwt (RS256, or HS256 with --hmac-secret-*), hmac (hm1 token with its MAC, for signing-disabled authorizers), static (a provisioned token). Default: device-signed (jwt with --for apigateway-jwt)." };

    public Option<string> PrivateKey { get; } = new("--private-key") { Description = "The device's RSA private key (PEM) for device-signed, jwt and signed static tokens." };

    public Option<string> DeviceId { get; } = new("--device-id") { Description = "Device id in ds1/hm1 tokens, sub of JWTs (1-128 of [A-Za-z0-9:_-]). Default: the --client-id when given, else device-1.", DefaultValueFactory = _ => "device-1" };

    public Option<int> Lifetime { get; } = new("--lifetime") { Description = "Token lifetime in seconds (60 to 31536000).", DefaultValueFactory = _ => 3600 };

    public Option<string> StaticToken { get; } = new("--token") { Description = "The static token (with --kind static); signed with --private-key when given." };

    public Option<string> HmacSecretBase64 { get; } = new("--hmac-secret-base64") { Description = "The shared HMAC secret as Base64 (hmac; jwt HS256)." };

    public Option<string> HmacSecretFile { get; } = new("--hmac-secret-file") { Description = "A file holding the shared HMAC secret bytes (raw)." };

    public Option<string> Issuer { get; } = new("--issuer") { Description = "JWT iss.", DefaultValueFactory = _ => "https://devices.example.com" };

    public Option<string> Audience { get; } = new("--audience") { Description = "JWT aud.", DefaultValueFactory = _ => "iot" };

    public Option<string> KeyId { get; } = new("--key-id") { Description = "JWT kid header." };

    public Option<string> Scope { get; } = new("--scope") { Description = "JWT scope claim." };

    public Option<string> JwtForm { get; } = new("--jwt-form") { Description = "aws-iot: token = header.payload, tokenSignature = the signature as standard Base64 (AWS IoT signing); compact: the whole JWT as the token (bearer; AWS IoT only with --signing-disabled). Default: aws-iot, compact with --for apigateway-jwt." };

    public Option<string> AuthorizerName { get; } = new("--authorizer-name") { Description = "AWS IoT: the authorizer to name in the credentials (omit with --use-default-authorizer).", DefaultValueFactory = _ => CliDefaults.AuthorizerName };

    public Option<bool> UseDefault { get; } = new("--use-default-authorizer") { Description = "AWS IoT: send no authorizer name; the endpoint's default authorizer judges." };

    public Option<string> TokenKeyName { get; } = new("--token-key-name") { Description = "AWS IoT: the authorizer's tokenKeyName.", DefaultValueFactory = _ => CliDefaults.TokenKeyName };

    public Option<bool> SigningDisabled { get; } = new("--signing-disabled") { Description = "AWS IoT: the authorizer has signingDisabled (no tokenSignature is sent)." };

    public Option<string> MqttPlacement { get; } = new("--mqtt-token-placement") { Description = "AWS IoT MQTT: username (<tokenKeyName>=<token> in the username) or password (the token is the MQTT password, as the AWS SDKs allow; needs --signing-disabled: with signing on, AWS IoT reads token and signature from the username).", DefaultValueFactory = _ => "username" };

    public Option<string> ClientId { get; } = new("--client-id") { Description = "AWS IoT MQTT: the client id. Default: the --device-id (the shipped authorizer Lambdas require the two to match).", DefaultValueFactory = _ => "device-1" };

    public Option<string> UsernamePrefix { get; } = new("--username-prefix") { Description = "AWS IoT MQTT: the user part of the username, before '?'.", DefaultValueFactory = _ => string.Empty };

    public Option<string> IdentitySource { get; } = new("--identity-source") { Description = "API Gateway JWT: where the authorizer reads the JWT: $request.header.Authorization (as 'Bearer <jwt>'), another $request.header.NAME or a $request.querystring.NAME (the raw JWT).", DefaultValueFactory = _ => ApiGatewayJwtAuthorization.DefaultIdentitySource };

    /// <summary>The options that only make sense for AWS IoT custom authorizers.</summary>
    public Option[] IotOnly => new Option[] { AuthorizerName, UseDefault, TokenKeyName, SigningDisabled, MqttPlacement, ClientId, UsernamePrefix };

    public void AddTo(Command command)
    {
        Kind.AcceptOnlyFromAmong("device-signed", "jwt", "hmac", "static");
        JwtForm.AcceptOnlyFromAmong("aws-iot", "compact");
        MqttPlacement.AcceptOnlyFromAmong("username", "password");
        foreach (Option o in new Option[] { Kind, PrivateKey, DeviceId, Lifetime, StaticToken, HmacSecretBase64, HmacSecretFile, Issuer, Audience, KeyId, Scope, JwtForm })
        {
            command.Options.Add(o);
        }

        foreach (Option o in IotOnly)
        {
            command.Options.Add(o);
        }
    }

    /// <summary>True when the user typed <paramref name="option"/> (not just its default).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>The device id the token names: --device-id, else --client-id, else device-1 (one identity unless the user splits them).</summary>
    public string DeviceIdValue(ParseResult parse) =>
        !Given(parse, DeviceId) && Given(parse, ClientId) ? parse.GetValue(ClientId) : parse.GetValue(DeviceId);

    /// <summary>The MQTT client id: --client-id, else --device-id, else device-1.</summary>
    public string ClientIdValue(ParseResult parse) =>
        !Given(parse, ClientId) && Given(parse, DeviceId) ? parse.GetValue(DeviceId) : parse.GetValue(ClientId);

    /// <summary>The token kind: the --kind given, else jwt for API Gateway and device-signed for AWS IoT.</summary>
    public string KindFor(ParseResult parse, CredentialTarget target) =>
        parse.GetValue(Kind) ?? (target == CredentialTarget.ApiGatewayJwt ? "jwt" : "device-signed");

    /// <summary>The JWT form: the --jwt-form given, else compact for API Gateway and aws-iot for AWS IoT.</summary>
    public string JwtFormFor(ParseResult parse, CredentialTarget target) =>
        parse.GetValue(JwtForm) ?? (target == CredentialTarget.ApiGatewayJwt ? "compact" : "aws-iot");

    /// <summary>Mints one token exactly as the device's token source would at the clock's time.</summary>
    public AuthToken Mint(ParseResult parse, CredentialTarget target, IClock clock, out string description)
    {
        string kind = KindFor(parse, target);
        int lifetime = parse.GetValue(Lifetime);
        var random = new SystemRandomSource();
        try
        {
            switch (kind)
            {
                case "static":
                    return MintStatic(parse, out description);

                case "device-signed":
                {
                    ISigner signer = DeviceSigners.Rsa(parse.GetValue(PrivateKey) ?? throw CliException.Invalid("--kind device-signed needs --private-key"));
                    var source = new DeviceSignedTokenSource(DeviceIdValue(parse), signer, clock, random, lifetime);
                    description = $"device-signed ds1 token for '{source.DeviceId}', {lifetime} s";
                    return source.GetToken(0);
                }

                case "jwt":
                    return MintJwt(parse, target, clock, random, out description);

                case "hmac":
                {
                    byte[] secret = HmacSecret(parse) ?? throw CliException.Invalid("--kind hmac needs --hmac-secret-base64 or --hmac-secret-file");
                    var source = new HmacTokenSource(DeviceIdValue(parse), DeviceSigners.Hmac(secret), clock, random, lifetime);
                    description = $"HMAC hm1 token for '{source.DeviceId}', {lifetime} s";
                    return source.GetToken(0);
                }

                default:
                    throw CliException.Invalid("unknown --kind");
            }
        }
        catch (Exception e) when (LibraryErrors.Explain(e) is string message)
        {
            throw CliException.Invalid(message);
        }
    }

    private AuthToken MintStatic(ParseResult parse, out string description)
    {
        string token = parse.GetValue(StaticToken) ?? throw CliException.Invalid("--kind static needs --token");
        string signature = null;
        if (parse.GetValue(PrivateKey) is string keyFile)
        {
            ISigner signer = DeviceSigners.Rsa(keyFile);
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(token);
            signature = Convert.ToBase64String(signer.Sign(utf8, 0, utf8.Length));
        }

        description = signature == null ? "static token (unsigned)" : "static token, RSA-SHA256 signed";
        return new StaticTokenSource(token, signature).GetToken(0);
    }

    private AuthToken MintJwt(ParseResult parse, CredentialTarget target, IClock clock, IRandomSource random, out string description)
    {
        string form = JwtFormFor(parse, target);
        byte[] secret = HmacSecret(parse);
        if (secret != null && target == CredentialTarget.ApiGatewayJwt)
        {
            throw CliException.Invalid("API Gateway JWT authorizers verify RSA signatures against the issuer's JWKS: sign with --private-key, not --hmac-secret-*");
        }

        if (secret != null && form == "aws-iot")
        {
            throw CliException.Invalid("--jwt-form aws-iot needs --private-key: AWS IoT checks tokenSignature with RSA SHA-256. An HS256 JWT (--hmac-secret-*) goes whole (--jwt-form compact) to an authorizer with --signing-disabled, whose Lambda checks it");
        }

        ISigner signer = secret != null ? DeviceSigners.Hmac(secret) : DeviceSigners.Rsa(parse.GetValue(PrivateKey) ?? throw CliException.Invalid("--kind jwt needs --private-key (RS256) or --hmac-secret-* (HS256)"));
        int lifetime = parse.GetValue(Lifetime);
        var options = new JwtOptions(parse.GetValue(Issuer), DeviceIdValue(parse), parse.GetValue(Audience), lifetime)
        {
            Form = form == "compact" ? JwtTokenForm.Compact : JwtTokenForm.AwsIotSigned,
        };
        if (parse.GetValue(KeyId) is string kid)
        {
            options.KeyId = kid;
        }

        if (parse.GetValue(Scope) is string scope)
        {
            options.Scope = scope;
        }

        description = $"{signer.JwsAlgorithm} JWT for sub '{DeviceIdValue(parse)}', {lifetime} s, form {form}";
        return new JwtTokenSource(options, signer, clock, random).GetToken(0);
    }

    private byte[] HmacSecret(ParseResult parse)
    {
        if (parse.GetValue(HmacSecretBase64) is string b64)
        {
            try
            {
                return Convert.FromBase64String(b64);
            }
            catch (FormatException)
            {
                throw CliException.Invalid("--hmac-secret-base64 is not Base64");
            }
        }

        if (parse.GetValue(HmacSecretFile) is string file)
        {
            try
            {
                return File.ReadAllBytes(file);
            }
            catch (IOException)
            {
                throw CliException.Invalid($"cannot read HMAC secret file {file}");
            }
        }

        return null;
    }
}
