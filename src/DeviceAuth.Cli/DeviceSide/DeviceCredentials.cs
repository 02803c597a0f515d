using System.CommandLine;
using System.Text.Json.Nodes;
using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.Cli.DeviceSide;

/// <summary>
/// One token, minted once, and every form the device would send it in: for AWS IoT the MQTT
/// CONNECT credentials, the HTTP headers and query string and the TestInvokeAuthorizer bodies; for
/// an API Gateway JWT authorizer the identity-source header or query parameter. The configuration
/// (names, client id, signing, placement) is checked before the token is minted; every form is
/// composed by the library's composers.
/// </summary>
internal sealed class DeviceCredentials
{
    private readonly IClock _clock;
    private readonly ParseResult _parse;
    private readonly TokenOptions _options;

    private DeviceCredentials(TokenOptions options, ParseResult parse, IClock clock, CredentialTarget target)
    {
        _options = options;
        _parse = parse;
        _clock = clock;
        Target = target;
    }

    public CredentialTarget Target { get; }

    public AuthToken Token { get; private set; }

    /// <summary>What was minted, for humans (no secret).</summary>
    public string Description { get; private set; }

    /// <summary>AWS IoT: the MQTT composer; null for API Gateway.</summary>
    public AwsIotMqttAuthorization MqttComposer { get; private set; }

    /// <summary>AWS IoT: the CONNECT credentials of the token.</summary>
    public MqttConnectCredentials Mqtt { get; private set; }

    /// <summary>The authorizer named in TestInvokeAuthorizer (its URI needs one even when the credentials name none).</summary>
    public string AuthorizerName => _parse.GetValue(_options.AuthorizerName);

    /// <summary>AWS IoT: whether tokenSignature travels (signing enabled).</summary>
    public bool SignatureSent => Target == CredentialTarget.AwsIot && !_parse.GetValue(_options.SigningDisabled);

    /// <summary>Checks the AWS IoT configuration, mints the token and composes its MQTT credentials.</summary>
    public static DeviceCredentials ForAwsIot(TokenOptions options, ParseResult parse, IClock clock)
    {
        var c = new DeviceCredentials(options, parse, clock, CredentialTarget.AwsIot);
        c.MqttComposer = c.BuildMqttComposer();
        string clientId = options.ClientIdValue(parse);
        LibraryErrors.Translate(() => { AwsIotCustomAuth.ValidateClientId(clientId); return 0; });
        c.Token = options.Mint(parse, CredentialTarget.AwsIot, clock, out string description);
        c.Description = description;
        if (c.SignatureSent && c.Token.TokenSignature == null)
        {
            throw CliException.Invalid(c.UnsignedForSigningAuthorizer());
        }

        c.Mqtt = Compose(() => c.MqttComposer.Compose(c.Token, clientId));
        return c;
    }

    /// <summary>Mints a compact JWT for an API Gateway JWT authorizer (the options were checked by <c>token --for</c>).</summary>
    public static DeviceCredentials ForApiGatewayJwt(TokenOptions options, ParseResult parse, IClock clock)
    {
        var c = new DeviceCredentials(options, parse, clock, CredentialTarget.ApiGatewayJwt);
        var composer = LibraryErrors.Translate(() => new ApiGatewayJwtAuthorization(parse.GetValue(options.IdentitySource), clock));
        c.Token = options.Mint(parse, CredentialTarget.ApiGatewayJwt, clock, out string description);
        c.Description = description;
        c._bearer = Compose(() => composer.Compose(c.Token));
        return c;
    }

    private HttpAuthorizationParts _bearer;

    /// <summary>The HTTP form: AWS IoT headers or query string (by <paramref name="placement"/>), or the API Gateway identity source.</summary>
    public HttpAuthorizationParts Http(AwsIotHttpPlacement placement)
    {
        if (Target == CredentialTarget.ApiGatewayJwt)
        {
            return _bearer;
        }

        return Compose(() => new AwsIotHttpAuthorization(
            _parse.GetValue(_options.UseDefault) ? null : AuthorizerName,
            _parse.GetValue(_options.TokenKeyName),
            _parse.GetValue(_options.SigningDisabled),
            placement,
            _clock).Compose(Token));
    }

    /// <summary>The HTTP form, or null with <paramref name="problem"/> saying why this token cannot travel that way.</summary>
    public HttpAuthorizationParts TryHttp(AwsIotHttpPlacement placement, out string problem)
    {
        try
        {
            problem = null;
            return Http(placement);
        }
        catch (CliException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>
    /// The TestInvokeAuthorizer body for <paramref name="context"/> (mqtt, http or tls) with
    /// authorizerName first, as <c>aws iot test-invoke-authorizer --cli-input-json</c> reads it.
    /// </summary>
    public JsonObject TestInvokeInput(string context, AwsIotHttpPlacement placement, string serverName)
    {
        string body = TestInvokeBody(context, placement, serverName);
        var input = new JsonObject { ["authorizerName"] = AuthorizerName };
        foreach (var (name, value) in JsonNode.Parse(body)!.AsObject().ToArray())
        {
            input[name] = value?.DeepClone();
        }

        return input;
    }

    /// <summary>The TestInvokeAuthorizer request body (seeds 003/004) for <paramref name="context"/>, built by the library.</summary>
    public string TestInvokeBody(string context, AwsIotHttpPlacement placement, string serverName)
    {
        switch (context)
        {
            case "mqtt":
                return Compose(() => TestInvokeAuthorizerRequest.ForMqtt(MqttComposer, Token, Mqtt.ClientId, serverName));
            case "http":
                var composer = new AwsIotHttpAuthorization(_parse.GetValue(_options.UseDefault) ? null : AuthorizerName, _parse.GetValue(_options.TokenKeyName), _parse.GetValue(_options.SigningDisabled), placement, _clock);
                return Compose(() => TestInvokeAuthorizerRequest.ForHttp(composer, Token, serverName));
            default:
                string sni = serverName ?? throw CliException.Invalid("--context tls needs --server-name");
                return Compose(() => TestInvokeAuthorizerRequest.Build(Token.Token, SignatureSent ? Token.TokenSignature : null, null, null, sni));
        }
    }

    private AwsIotMqttAuthorization BuildMqttComposer()
    {
        bool signingDisabled = _parse.GetValue(_options.SigningDisabled);
        bool inPassword = _parse.GetValue(_options.MqttPlacement) == "password";
        if (inPassword && !signingDisabled)
        {
            throw CliException.Invalid("--mqtt-token-placement password needs --signing-disabled: with signing enabled AWS IoT reads the token and its signature from the MQTT username (under --token-key-name), so a token in the password would never be checked");
        }

        if (inPassword && _parse.GetValue(_options.UseDefault) && string.IsNullOrEmpty(_parse.GetValue(_options.UsernamePrefix)))
        {
            throw CliException.Invalid("with --use-default-authorizer and --mqtt-token-placement password the MQTT username would be empty, and MQTT forbids a password without a username: give --username-prefix (e.g. the device id)");
        }

        return LibraryErrors.Translate(() =>
        {
            string tokenKeyName = _parse.GetValue(_options.TokenKeyName);
            AwsIotMqttAuthorization composer = _parse.GetValue(_options.UseDefault)
                ? AwsIotMqttAuthorization.ForDefaultAuthorizer(tokenKeyName, signingDisabled, _clock)
                : new AwsIotMqttAuthorization(AuthorizerName, tokenKeyName, signingDisabled, _clock);
            composer.UsernamePrefix = _parse.GetValue(_options.UsernamePrefix);
            if (inPassword)
            {
                composer.TokenPlacement = DeviceAuth.Credentials.MqttTokenPlacement.Password;
            }

            return composer;
        });
    }

    private static T Compose<T>(Func<T> compose) => LibraryErrors.Translate(compose);

    private string UnsignedForSigningAuthorizer()
    {
        string kind = _options.KindFor(_parse, Target);
        string why = kind switch
        {
            "jwt" => "--jwt-form compact sends the whole JWT as the token, with no tokenSignature",
            "hmac" => "--kind hmac tokens carry a MAC, not a tokenSignature (they are for authorizers with signing disabled)",
            _ => "--kind static without --private-key gives no tokenSignature",
        };
        string fix = kind switch
        {
            "jwt" => "for an API Gateway JWT authorizer use `deviceauth token --for apigateway-jwt`; for AWS IoT use --jwt-form aws-iot (signed with --private-key), or add --signing-disabled if the authorizer has signing disabled",
            "hmac" => "add --signing-disabled (the authorizer must have signingDisabled true)",
            _ => "add --private-key to sign it, or --signing-disabled if the authorizer has signing disabled",
        };
        return $"{why}, but an AWS IoT authorizer with signing enabled (the default; --signing-disabled says otherwise) needs one: {fix}";
    }
}
