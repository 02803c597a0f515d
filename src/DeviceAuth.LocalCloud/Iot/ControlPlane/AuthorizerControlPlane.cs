using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DeviceAuth.LocalCloud.Iot.ControlPlane;

/// <summary>
/// The AWS IoT authorizer API on the local account (seeds 000/001/003/004 and the API reference):
/// CreateAuthorizer, UpdateAuthorizer, DescribeAuthorizer, DeleteAuthorizer, ListAuthorizers,
/// SetDefaultAuthorizer, DescribeDefaultAuthorizer, ClearDefaultAuthorizer, with the service's
/// validation, error types and messages. Where the reference is silent, this follows what the
/// service answers: a new authorizer without status is INACTIVE; at most 2 signing keys; an update's
/// keys are merged into the map by key name; an ACTIVE authorizer or the default one cannot be
/// deleted. Changes go to the engine's <see cref="AuthorizerStore"/>, so they judge the next request.
/// </summary>
internal sealed partial class AuthorizerControlPlane
{
    /// <summary>Local default for <see cref="MaxAuthorizers"/>.</summary>
    public const int DefaultMaxAuthorizers = 100;

    /// <summary>Signing keys an authorizer may hold.</summary>
    public const int MaxSigningKeys = 2;

    private const string NamePattern = @"[\w=,@-]+";
    private readonly AuthorizerStore _store;
    private readonly string _arnPrefix;

    public AuthorizerControlPlane(AuthorizerStore store, string region, string account)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _arnPrefix = $"arn:aws:iot:{region}:{account}:authorizer/";
    }

    /// <summary>How many authorizers the local account holds before CreateAuthorizer answers LimitExceededException.</summary>
    public int MaxAuthorizers { get; init; } = DefaultMaxAuthorizers;

    public string Arn(string name) => _arnPrefix + name;

    public ApiResult Create(string name, JsonObject body)
    {
        var errors = new ValidationErrors();
        ValidateName(errors, name);
        var request = new AuthorizerRequest(body, errors, forCreate: true);
        if (errors.ToResult() is ApiResult invalid)
        {
            return invalid;
        }

        if (_store.Find(name) != null)
        {
            return ApiResult.Error(409, "ResourceAlreadyExistsException", $"Authorizer {name} already exist for this account", new JsonObject { ["resourceId"] = name, ["resourceArn"] = Arn(name) });
        }

        var definition = new AuthorizerDefinition
        {
            AuthorizerName = name,
            AuthorizerFunctionArn = request.FunctionArn,
            TokenKeyName = request.TokenKeyName,
            Status = request.Status ?? "INACTIVE",
            SigningDisabled = request.SigningDisabled ?? false,
            EnableCachingForHttp = request.EnableCachingForHttp ?? false,
        };
        definition.Tags.AddRange(request.Tags);
        IReadOnlyList<KeyValuePair<string, string>> keys = request.Keys ?? Array.Empty<KeyValuePair<string, string>>();
        if (CheckSemantics(definition, keys, keys.Count > MaxSigningKeys ? $"Token signing keys map for authorizer {name} cannot contain more than {MaxSigningKeys} keys" : null) is ApiResult refused)
        {
            return refused;
        }

        if (!_store.TryAdd(definition, keys, MaxAuthorizers, out bool limitExceeded))
        {
            return limitExceeded
                ? ApiResult.Error(410, "LimitExceededException", $"The maximum number of authorizers ({MaxAuthorizers}) has been reached for this account")
                : ApiResult.Error(409, "ResourceAlreadyExistsException", $"Authorizer {name} already exist for this account", new JsonObject { ["resourceId"] = name, ["resourceArn"] = Arn(name) });
        }

        return ApiResult.Ok(new JsonObject { ["authorizerName"] = name, ["authorizerArn"] = Arn(name) });
    }

    public ApiResult Update(string name, JsonObject body)
    {
        var errors = new ValidationErrors();
        ValidateName(errors, name);
        var request = new AuthorizerRequest(body, errors, forCreate: false);
        if (errors.ToResult() is ApiResult invalid)
        {
            return invalid;
        }

        AuthorizerRecord old = _store.Find(name);
        if (old == null)
        {
            return ApiResult.NotFound($"Authorizer {name} not found");
        }

        AuthorizerDefinition was = old.Definition;
        var definition = new AuthorizerDefinition
        {
            AuthorizerName = name,
            AuthorizerFunctionArn = request.FunctionArn ?? was.AuthorizerFunctionArn,
            TokenKeyName = request.TokenKeyName ?? was.TokenKeyName,
            Status = request.Status ?? was.Status,
            SigningDisabled = was.SigningDisabled,
            EnableCachingForHttp = request.EnableCachingForHttp ?? was.EnableCachingForHttp,
        };
        definition.Tags.AddRange(was.Tags);
        var keys = old.GivenKeys.ToList();
        foreach (var (keyName, pem) in request.Keys ?? Array.Empty<KeyValuePair<string, string>>())
        {
            keys.RemoveAll(k => k.Key == keyName);
            keys.Add(new(keyName, pem));
        }

        bool keyCountWrong = definition.SignatureRequired && (keys.Count == 0 || keys.Count > MaxSigningKeys);
        if (CheckSemantics(definition, keys, keyCountWrong ? $"Number of signing keys for authorizer {name} must neither be zero nor greater than {MaxSigningKeys}" : null) is ApiResult refused)
        {
            return refused;
        }

        return _store.TryReplace(definition, keys)
            ? ApiResult.Ok(new JsonObject { ["authorizerName"] = name, ["authorizerArn"] = Arn(name) })
            : ApiResult.NotFound($"Authorizer {name} not found");
    }

    public ApiResult Describe(string name)
    {
        var errors = new ValidationErrors();
        ValidateName(errors, name);
        if (errors.ToResult() is ApiResult invalid)
        {
            return invalid;
        }

        AuthorizerRecord record = _store.Find(name);
        return record == null
            ? ApiResult.NotFound($"Authorizer {name} not found")
            : ApiResult.Ok(new JsonObject { ["authorizerDescription"] = Description(record) });
    }

    public ApiResult Delete(string name)
    {
        var errors = new ValidationErrors();
        ValidateName(errors, name);
        if (errors.ToResult() is ApiResult invalid)
        {
            return invalid;
        }

        return _store.Delete(name) switch
        {
            DeleteOutcome.NotFound => ApiResult.NotFound($"Authorizer {name} not found"),
            DeleteOutcome.IsDefault => ApiResult.Error(409, "DeleteConflictException", $"Cannot delete default authorizer {name}. Change default and retry delete."),
            DeleteOutcome.IsActive => ApiResult.InvalidRequest($"Cannot delete authorizer {name} in ACTIVE status. Update status to INACTIVE and delete."),
            _ => new ApiResult(200, null, null),
        };
    }

    public ApiResult SetDefault(JsonObject body)
    {
        var errors = new ValidationErrors();
        string name = body?["authorizerName"] is JsonValue v && v.TryGetValue(out string s) ? s : null;
        errors.String("authorizerName", name, true, NamePattern, 1, ServiceLimits.NameMax);
        if (errors.ToResult() is ApiResult invalid)
        {
            return invalid;
        }

        if (_store.TrySetDefault(name, out bool alreadyDefault))
        {
            return ApiResult.Ok(new JsonObject { ["authorizerName"] = name, ["authorizerArn"] = Arn(name) });
        }

        return alreadyDefault
            ? ApiResult.Error(409, "ResourceAlreadyExistsException", $"Duplicate default authorizer {name} already configured for this account", new JsonObject { ["resourceId"] = name, ["resourceArn"] = Arn(name) })
            : ApiResult.NotFound($"Authorizer {name} not found");
    }

    public ApiResult DescribeDefault()
    {
        AuthorizerRecord record = _store.Find(_store.DefaultAuthorizerName);
        return record == null
            ? ApiResult.NotFound("Default authorizer not found")
            : ApiResult.Ok(new JsonObject { ["authorizerDescription"] = Description(record) });
    }

    public ApiResult ClearDefault() =>
        _store.TryClearDefault() ? ApiResult.Ok(new JsonObject()) : ApiResult.NotFound("Default authorizer not found");

    /// <summary>The authorizerDescription shape (dates as epoch seconds, as the SDKs read them).</summary>
    public JsonObject Description(AuthorizerRecord record)
    {
        AuthorizerDefinition d = record.Definition;
        var o = new JsonObject
        {
            ["authorizerName"] = d.AuthorizerName,
            ["authorizerArn"] = Arn(d.AuthorizerName),
            ["authorizerFunctionArn"] = d.AuthorizerFunctionArn,
        };
        if (d.TokenKeyName != null)
        {
            o["tokenKeyName"] = d.TokenKeyName;
        }

        if (d.SignatureRequired)
        {
            var keys = new JsonObject();
            foreach (var (name, pem) in record.GivenKeys)
            {
                keys[name] = pem;
            }

            o["tokenSigningPublicKeys"] = keys;
        }

        o["status"] = d.IsActive ? "ACTIVE" : "INACTIVE";
        o["creationDate"] = EpochSeconds(record.CreationDate);
        o["lastModifiedDate"] = EpochSeconds(record.LastModifiedDate);
        o["signingDisabled"] = !d.SignatureRequired;
        o["enableCachingForHttp"] = d.CachingForHttp;
        return o;
    }

    internal static void ValidateName(ValidationErrors errors, string name) =>
        errors.String("authorizerName", name, true, NamePattern, 1, ServiceLimits.NameMax);

    private static decimal EpochSeconds(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000m;

    /// <summary>The rules beyond the model's constraints; on success the keys are parsed into <paramref name="definition"/>.</summary>
    private ApiResult CheckSemantics(AuthorizerDefinition definition, IReadOnlyList<KeyValuePair<string, string>> keys, string keyCountProblem)
    {
        string name = definition.AuthorizerName;
        if (!ArnSyntax().IsMatch(definition.AuthorizerFunctionArn))
        {
            return ApiResult.InvalidRequest($"Lambda function arn for authorizer {name} is not in proper ARN syntax");
        }

        if (definition.SignatureRequired && definition.TokenKeyName == null)
        {
            return ApiResult.InvalidRequest($"Token key name for authorizer {name} cannot be null");
        }

        if (!definition.SignatureRequired && keys.Count > 0)
        {
            return ApiResult.InvalidRequest($"Token signing keys map must be null for authorizer {name} if using optional signature header");
        }

        if (keyCountProblem != null || (definition.SignatureRequired && keys.Count == 0))
        {
            return ApiResult.InvalidRequest(keyCountProblem ?? $"Number of signing keys for authorizer {name} must neither be zero nor greater than {MaxSigningKeys}");
        }

        foreach (var (keyName, pem) in keys)
        {
            if (KeyProblem(name, keyName, pem) is string problem)
            {
                return ApiResult.InvalidRequest(problem);
            }

            definition.AddPublicKey(keyName, pem, $"tokenSigningPublicKeys[{keyName}]");
        }

        return TagProblem(definition.Tags) is string tagProblem ? ApiResult.InvalidRequest(tagProblem) : null;
    }

    private static string KeyProblem(string authorizer, string keyName, string pem)
    {
        string notRsa = $"Authorizer {authorizer} public key for key name {keyName} not a valid RSA key";
        if (!PemEncoding.TryFind(pem, out PemFields fields))
        {
            return pem.Contains("-----BEGIN", StringComparison.Ordinal) ? $"Cannot convert public key PEM for authorizer {authorizer} to RSA key" : notRsa;
        }

        try
        {
            using RSA rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(pem[fields.Base64Data]), out _);
            if (pem[fields.Label] != "PUBLIC KEY")
            {
                return notRsa;
            }

            if (rsa.KeySize < ServiceLimits.MinRsaBits)
            {
                return $"Authorizer {authorizer} public key for key name {keyName} invalid: Key must be {ServiceLimits.MinRsaBits} bits but was {rsa.KeySize} bits";
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return notRsa;
        }

        try
        {
            PublicKeyPem.Parse(pem, keyName).Key.Dispose();
            return null;
        }
        catch (LocalCloudException)
        {
            return notRsa;
        }
    }

    private static string TagProblem(List<KeyValuePair<string, string>> tags)
    {
        if (tags.Count > ServiceLimits.TagsMax)
        {
            return $"The number of tags ({tags.Count}) exceeds the limit of {ServiceLimits.TagsMax}";
        }

        foreach (var (key, value) in tags)
        {
            if (!ServiceLimits.TagPattern().IsMatch(key) || !ServiceLimits.TagPattern().IsMatch(value ?? string.Empty))
            {
                return "Tag keys and values may contain only letters, digits, spaces and _.:/=+-@";
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                return "Tag keys starting with 'aws:' are reserved for AWS use";
            }
        }

        return tags.Select(t => t.Key).Distinct(StringComparer.Ordinal).Count() == tags.Count ? null : "The same tag key is given twice";
    }

    [GeneratedRegex(@"^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:.+$")]
    private static partial Regex ArnSyntax();
}
