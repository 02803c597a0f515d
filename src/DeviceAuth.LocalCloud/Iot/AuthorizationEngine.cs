using System.Security.Cryptography;
using System.Text;
using DeviceAuth.LocalCloud.Functions;
using DeviceAuth.LocalCloud.Iot.ControlPlane;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>Why the service refuses a request (each maps to a pitfall or rule of CUSTOM-AUTH.md).</summary>
internal enum RefusalReason
{
    None,
    AuthorizerFieldsIgnored,
    NoAuthorizer,
    AuthorizerNameInvalid,
    AuthorizerNotFound,
    AuthorizerInactive,
    TokenMissing,
    TokenInvalid,
    SignatureMissing,
    SignatureMalformed,
    SignatureMismatch,
    FunctionTimeout,
    FunctionFailed,
    InvalidResponse,
    NotAuthenticated,
    PolicyDenied,
}

/// <summary>One request to authorize, as the transport saw it. <see cref="Parameter"/> looks a custom-auth parameter up (headers, query string or MQTT username parameters, already percent-decoded).</summary>
internal sealed class AuthorizationRequest
{
    public Func<string, string> Parameter { get; init; } = _ => null;

    /// <summary>Set when the transport already knows the service would ignore the custom-auth parameters (a second '?' in the MQTT username).</summary>
    public string FieldsIgnoredBecause { get; init; }

    public string Protocol { get; init; }

    public IReadOnlyDictionary<string, string> HttpHeaders { get; init; }

    public string QueryString { get; init; }

    public string MqttUsername { get; init; }

    public byte[] MqttPassword { get; init; }

    public string MqttClientId { get; init; }

    public string TlsServerName { get; init; }

    public string ConnectionId { get; init; }

    /// <summary>TestInvokeAuthorizer runs an INACTIVE authorizer too (the data plane refuses it).</summary>
    public bool IgnoreStatus { get; init; }
}

/// <summary>The service's verdict on one request. <see cref="Detail"/> never contains a token, signature or password.</summary>
internal sealed class AuthorizationDecision
{
    public bool Allowed => Reason == RefusalReason.None;

    public RefusalReason Reason { get; init; }

    public string Detail { get; init; }

    public bool FunctionInvoked { get; init; }

    public AuthorizerDefinition Authorizer { get; init; }

    public AuthorizerResponse Response { get; init; }

    /// <summary>The (authorizer, token, signature) triple the decision was made on, for cache keys.</summary>
    public string CredentialKey { get; init; }

    public string Note { get; init; }

    public override string ToString() => Allowed ? $"allowed (principal {Response?.PrincipalId})" : $"refused: {Reason}: {Detail}";
}

/// <summary>
/// The service side of AWS IoT custom authentication: choose the authorizer (named, or the
/// default; override rules), check status, token and signature with .NET's RSA (independent of
/// the device library's signer) before the function runs, run the function, validate its
/// response. The authorizers live in <see cref="Store"/>, which the control plane changes at run
/// time; each decision reads the current definitions. The function is the authorizer's Lambda code
/// when <see cref="Functions"/> maps its authorizerFunctionArn, else the built-in rules.
/// Thread-safe; counts every function invocation.
/// </summary>
internal sealed class AuthorizationEngine
{
    private readonly object _rsaLock = new();

    public AuthorizationEngine(IEnumerable<AuthorizerDefinition> authorizers, AuthorizerFunction function, TimeProvider time, string defaultAuthorizerName = null, bool allowAuthorizerOverride = true, int minSessionSeconds = ServiceLimits.SessionSecondsMin)
    {
        Function = function ?? throw new ArgumentNullException(nameof(function));
        Time = time ?? TimeProvider.System;
        Store = new AuthorizerStore(Time);
        foreach (AuthorizerDefinition a in authorizers)
        {
            if (!Store.TryAdd(a, null, int.MaxValue, out _))
            {
                throw LocalCloudException.Invalid($"two authorizers are named '{a.AuthorizerName}'");
            }
        }

        AllowAuthorizerOverride = allowAuthorizerOverride;
        MinSessionSeconds = minSessionSeconds;
        if (defaultAuthorizerName != null && !Store.TrySetDefault(defaultAuthorizerName, out _))
        {
            throw LocalCloudException.Invalid($"default authorizer '{defaultAuthorizerName}' is not among the configured authorizers");
        }
    }

    public AuthorizerFunction Function { get; }

    /// <summary>Lambda code by authorizerFunctionArn; an authorizer whose function is not mapped runs <see cref="Function"/>.</summary>
    public FunctionRegistry Functions { get; } = new();

    public TimeProvider Time { get; }

    /// <summary>The authorizers and the default authorizer, shared with the control plane.</summary>
    public AuthorizerStore Store { get; }

    public string DefaultAuthorizerName => Store.DefaultAuthorizerName;

    public bool AllowAuthorizerOverride { get; }

    public int MinSessionSeconds { get; }

    public ServerStats Stats { get; } = new();

    public IReadOnlyCollection<AuthorizerDefinition> Authorizers => Store.Records.Select(r => r.Definition).ToArray();

    public AuthorizerDefinition Find(string name) => Store.Find(name)?.Definition;

    /// <summary>Decides on <paramref name="request"/>.</summary>
    public AuthorizationDecision Decide(AuthorizationRequest request)
    {
        string note = null;
        string requested = request.FieldsIgnoredBecause == null ? request.Parameter(ServiceLimits.AuthorizerNameHeader) : null;
        string defaultName = DefaultAuthorizerName;
        AuthorizerDefinition defaultAuthorizer = Find(defaultName);
        AuthorizerDefinition authorizer;
        if (string.IsNullOrEmpty(requested))
        {
            if (defaultAuthorizer == null)
            {
                return request.FieldsIgnoredBecause != null
                    ? Refuse(RefusalReason.AuthorizerFieldsIgnored, request.FieldsIgnoredBecause + "; no default authorizer either, so the authorizer is never invoked")
                    : Refuse(RefusalReason.NoAuthorizer, $"no {ServiceLimits.AuthorizerNameHeader} was sent and the endpoint has no default authorizer");
            }

            authorizer = defaultAuthorizer;
            note = request.FieldsIgnoredBecause ?? "no authorizer name sent: the default authorizer was used";
        }
        else
        {
            string nameProblem = ServiceLimits.CheckAuthorizerName(requested);
            if (nameProblem != null)
            {
                return Refuse(RefusalReason.AuthorizerNameInvalid, nameProblem);
            }

            if (defaultAuthorizer != null && requested != defaultName && !AllowAuthorizerOverride)
            {
                authorizer = defaultAuthorizer;
                note = $"authorizer '{requested}' ignored: allowAuthorizerOverride is false, the default '{defaultName}' was used";
            }
            else if ((authorizer = Find(requested)) == null)
            {
                return Refuse(RefusalReason.AuthorizerNotFound, $"authorizer '{requested}' does not exist");
            }
        }

        if (!authorizer.IsActive && !request.IgnoreStatus)
        {
            return Refuse(RefusalReason.AuthorizerInactive, $"authorizer '{authorizer.AuthorizerName}' is INACTIVE", authorizer);
        }

        string token = null;
        string signature = null;
        bool verified = false;
        if (request.FieldsIgnoredBecause == null && authorizer.TokenKeyName != null)
        {
            token = request.Parameter(authorizer.TokenKeyName);
        }

        if (authorizer.SignatureRequired)
        {
            if (request.FieldsIgnoredBecause != null)
            {
                return Refuse(RefusalReason.AuthorizerFieldsIgnored, request.FieldsIgnoredBecause + $"; authorizer '{authorizer.AuthorizerName}' got no token or signature", authorizer);
            }

            if (string.IsNullOrEmpty(token))
            {
                return Refuse(RefusalReason.TokenMissing, $"no token under tokenKeyName '{authorizer.TokenKeyName}'", authorizer);
            }

            string tokenProblem = ServiceLimits.CheckToken(token);
            if (tokenProblem != null)
            {
                return Refuse(RefusalReason.TokenInvalid, tokenProblem, authorizer);
            }

            signature = request.Parameter(ServiceLimits.SignatureHeader);
            if (string.IsNullOrEmpty(signature))
            {
                return Refuse(RefusalReason.SignatureMissing, $"no {ServiceLimits.SignatureHeader} was sent and authorizer '{authorizer.AuthorizerName}' has signing enabled", authorizer);
            }

            string sigProblem = ServiceLimits.CheckTokenSignature(signature);
            if (sigProblem != null)
            {
                return Refuse(RefusalReason.SignatureMalformed, sigProblem, authorizer);
            }

            if (!VerifySignature(authorizer, token, signature, out string keyName))
            {
                Stats.Increment(ref Stats.SignatureRejections);
                return Refuse(RefusalReason.SignatureMismatch, $"the signature does not verify against any of authorizer '{authorizer.AuthorizerName}' tokenSigningPublicKeys ({string.Join(", ", authorizer.ParsedKeys.Select(k => k.Key))}); the function was not invoked", authorizer);
            }

            verified = true;
            note = Join(note, $"signature verified with key '{keyName}'");
        }

        var e = new AuthorizerEvent
        {
            Token = token,
            SignatureVerified = verified,
            Protocol = request.Protocol,
            HttpHeaders = request.HttpHeaders,
            QueryString = request.QueryString,
            MqttUsername = request.MqttUsername,
            MqttPassword = request.MqttPassword,
            MqttClientId = request.MqttClientId,
            TlsServerName = request.TlsServerName,
            ConnectionId = request.ConnectionId,
        };
        Stats.Increment(ref Stats.AuthorizerInvocations);
        ILambdaFunction code = Functions.Resolve(authorizer.AuthorizerFunctionArn);
        FunctionResult result = code != null ? LambdaAuthorizerAnswer.Invoke(code, authorizer.AuthorizerFunctionArn, e, MinSessionSeconds) : Function.Invoke(e, Time.GetUtcNow());
        string credentialKey = authorizer.AuthorizerName + "\n" + token + "\n" + signature + "\n" + request.MqttClientId;
        if (result.FailedAs != RefusalReason.None)
        {
            return Refuse(result.FailedAs, result.FailureDetail, authorizer, invoked: true);
        }

        if (result.LatencyMilliseconds > 5000)
        {
            return Refuse(RefusalReason.FunctionTimeout, $"the authorizer function took {result.LatencyMilliseconds} ms (the service gives it 5000 ms)", authorizer, invoked: true);
        }

        if (result.Failed)
        {
            return Refuse(RefusalReason.FunctionFailed, "the authorizer function failed (error or not invokable by the service)", authorizer, invoked: true);
        }

        string responseProblem = result.Response.Problem(MinSessionSeconds);
        if (responseProblem != null)
        {
            return Refuse(RefusalReason.InvalidResponse, "invalid authorizer response: " + responseProblem, authorizer, invoked: true);
        }

        if (!result.Response.IsAuthenticated)
        {
            return new AuthorizationDecision { Reason = RefusalReason.NotAuthenticated, Detail = result.RefusalDetail, Authorizer = authorizer, FunctionInvoked = true, Response = result.Response, Note = note };
        }

        return new AuthorizationDecision { Reason = RefusalReason.None, Authorizer = authorizer, FunctionInvoked = true, Response = result.Response, CredentialKey = credentialKey, Note = note };
    }

    /// <summary>Verifies <paramref name="signature"/> (standard Base64) over the UTF-8 bytes of <paramref name="token"/> with each of the authorizer's keys.</summary>
    public bool VerifySignature(AuthorizerDefinition authorizer, string token, string signature, out string keyName)
    {
        keyName = null;
        byte[] sig;
        try
        {
            sig = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] data = System.Text.Encoding.UTF8.GetBytes(token);
        lock (_rsaLock)
        {
            foreach (var (name, key) in authorizer.ParsedKeys)
            {
                if (key.VerifyData(data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                {
                    keyName = name;
                    return true;
                }
            }
        }

        return false;
    }

    private static string Join(string a, string b) => a == null ? b : a + "; " + b;

    private static AuthorizationDecision Refuse(RefusalReason reason, string detail, AuthorizerDefinition authorizer = null, bool invoked = false) =>
        new() { Reason = reason, Detail = detail, Authorizer = authorizer, FunctionInvoked = invoked };
}
