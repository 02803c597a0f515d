using System.CommandLine;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.DeviceSide;

/// <summary>
/// Options that describe how a device mints its token and composes its credentials, shared by
/// <c>token</c> and <c>test-invoke</c>. Everything is done by the library's host build: the token
/// sources (static, device-signed ds1, JWT, HMAC hm1) and the MQTT/HTTP composers.
/// </summary>
internal sealed class TokenOptions
{
    public Option<string> Kind { get; } = new("--kind") { Description = "Token kind: device-signed (ds1 claims signed with RSA), jwt (RS256, or HS256 with --hmac-secret-*), hmac (hm1 token with its MAC, for signing-disabled authorizers), static (a provisioned token).", DefaultValueFactory = _ => "device-signed" };

    public Option<string> PrivateKey { get; } = new("--private-key") { Description = "The device's RSA private key (PEM) for device-signed, jwt and signed static tokens." };

    public Option<string> DeviceId { get; } = new("--device-id") { Description = "Device id in ds1/hm1 tokens (1-128 of [A-Za-z0-9:_-]).", DefaultValueFactory = _ => "device-1" };

    public Option<int> Lifetime { get; } = new("--lifetime") { Description = "Token lifetime in seconds.", DefaultValueFactory = _ => 3600 };

    public Option<string> StaticToken { get; } = new("--token") { Description = "The static token (with --kind static); signed with --private-key when given." };

    public Option<string> HmacSecretBase64 { get; } = new("--hmac-secret-base64") { Description = "The shared HMAC secret as Base64 (hmac; jwt HS256)." };

    public Option<string> HmacSecretFile { get; } = new("--hmac-secret-file") { Description = "A file holding the shared HMAC secret bytes (raw)." };

    public Option<string> Issuer { get; } = new("--issuer") { Description = "JWT iss.", DefaultValueFactory = _ => "https://devices.example.com" };

    public Option<string> Audience { get; } = new("--audience") { Description = "JWT aud.", DefaultValueFactory = _ => "iot" };

    public Option<string> KeyId { get; } = new("--key-id") { Description = "JWT kid header." };

    public Option<string> Scope { get; } = new("--scope") { Description = "JWT scope claim." };

    public Option<string> JwtForm { get; } = new("--jwt-form") { Description = "aws-iot: token = header.payload, tokenSignature = the signature as standard Base64 (AWS IoT signing); compact: the whole JWT as the token (bearer).", DefaultValueFactory = _ => "aws-iot" };

    public Option<string> AuthorizerName { get; } = new("--authorizer-name") { Description = "The authorizer to name in the credentials (omit with --use-default-authorizer).", DefaultValueFactory = _ => "deviceauth-local" };

    public Option<bool> UseDefault { get; } = new("--use-default-authorizer") { Description = "Send no authorizer name: the endpoint's default authorizer judges." };

    public Option<string> TokenKeyName { get; } = new("--token-key-name") { Description = "The authorizer's tokenKeyName.", DefaultValueFactory = _ => "token" };

    public Option<bool> SigningDisabled { get; } = new("--signing-disabled") { Description = "The authorizer has signingDisabled (no tokenSignature is sent)." };

    public Option<string> ClientId { get; } = new("--client-id") { Description = "MQTT client id.", DefaultValueFactory = _ => "device-1" };

    public Option<string> UsernamePrefix { get; } = new("--username-prefix") { Description = "The user part of the MQTT username before '?'.", DefaultValueFactory = _ => string.Empty };

    public void AddTo(Command command)
    {
        Kind.AcceptOnlyFromAmong("device-signed", "jwt", "hmac", "static");
        JwtForm.AcceptOnlyFromAmong("aws-iot", "compact");
        foreach (Option o in new Option[] { Kind, PrivateKey, DeviceId, Lifetime, StaticToken, HmacSecretBase64, HmacSecretFile, Issuer, Audience, KeyId, Scope, JwtForm, AuthorizerName, UseDefault, TokenKeyName, SigningDisabled, ClientId, UsernamePrefix })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>Mints the token exactly as the device's token source would at the context's time.</summary>
    public AuthToken Mint(ParseResult parse, IClock clock, out string description)
    {
        string kind = parse.GetValue(Kind);
        int lifetime = parse.GetValue(Lifetime);
        var random = new SystemRandomSource();
        try
        {
            switch (kind)
            {
                case "static":
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

                case "device-signed":
                {
                    ISigner signer = DeviceSigners.Rsa(parse.GetValue(PrivateKey) ?? throw CliException.Invalid("--kind device-signed needs --private-key"));
                    var source = new DeviceSignedTokenSource(parse.GetValue(DeviceId), signer, clock, random, lifetime);
                    description = $"device-signed ds1 token for '{source.DeviceId}', {lifetime} s";
                    return source.GetToken(0);
                }

                case "jwt":
                {
                    ISigner signer = HmacSecret(parse) is byte[] secret ? DeviceSigners.Hmac(secret) : DeviceSigners.Rsa(parse.GetValue(PrivateKey) ?? throw CliException.Invalid("--kind jwt needs --private-key (RS256) or --hmac-secret-* (HS256)"));
                    var options = new JwtOptions(parse.GetValue(Issuer), parse.GetValue(DeviceId), parse.GetValue(Audience), lifetime)
                    {
                        Form = parse.GetValue(JwtForm) == "compact" ? JwtTokenForm.Compact : JwtTokenForm.AwsIotSigned,
                    };
                    if (parse.GetValue(KeyId) is string kid)
                    {
                        options.KeyId = kid;
                    }

                    if (parse.GetValue(Scope) is string scope)
                    {
                        options.Scope = scope;
                    }

                    description = $"{signer.JwsAlgorithm} JWT for sub '{parse.GetValue(DeviceId)}', {lifetime} s, form {parse.GetValue(JwtForm)}";
                    return new JwtTokenSource(options, signer, clock, random).GetToken(0);
                }

                case "hmac":
                {
                    byte[] secret = HmacSecret(parse) ?? throw CliException.Invalid("--kind hmac needs --hmac-secret-base64 or --hmac-secret-file");
                    var source = new HmacTokenSource(parse.GetValue(DeviceId), DeviceSigners.Hmac(secret), clock, random, lifetime);
                    description = $"HMAC hm1 token for '{source.DeviceId}', {lifetime} s";
                    return source.GetToken(0);
                }

                default:
                    throw CliException.Invalid("unknown --kind");
            }
        }
        catch (Exception e) when (e is ArgumentException or CredentialFormatException or ClockNotSetException or InvalidOperationException)
        {
            throw CliException.Invalid(e.Message);
        }
    }

    public AwsIotMqttAuthorization MqttComposer(ParseResult parse, IClock clock)
    {
        return Library(() =>
        {
            bool signingDisabled = parse.GetValue(SigningDisabled);
            AwsIotMqttAuthorization composer = parse.GetValue(UseDefault)
                ? AwsIotMqttAuthorization.ForDefaultAuthorizer(parse.GetValue(TokenKeyName), signingDisabled, clock)
                : new AwsIotMqttAuthorization(parse.GetValue(AuthorizerName), parse.GetValue(TokenKeyName), signingDisabled, clock);
            composer.UsernamePrefix = parse.GetValue(UsernamePrefix);
            return composer;
        });
    }

    public AwsIotHttpAuthorization HttpComposer(ParseResult parse, IClock clock, AwsIotHttpPlacement placement) =>
        Library(() => new AwsIotHttpAuthorization(parse.GetValue(UseDefault) ? null : parse.GetValue(AuthorizerName), parse.GetValue(TokenKeyName), parse.GetValue(SigningDisabled), placement, clock));

    /// <summary>Runs library code, turning its validation exceptions into invalid-input errors (their messages carry no secrets).</summary>
    public static T Library<T>(Func<T> f)
    {
        try
        {
            return f();
        }
        catch (Exception e) when (e is ArgumentException or CredentialFormatException or TokenExpiredException or FormatException)
        {
            throw CliException.Invalid(e.Message);
        }
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
