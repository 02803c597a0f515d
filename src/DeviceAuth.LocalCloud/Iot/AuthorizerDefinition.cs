using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// An AWS IoT custom authorizer as CreateAuthorizer describes it (seeds 000/001): the request body
/// that <c>authorizer create-json</c> writes, and the configuration <c>serve</c> reads back.
/// </summary>
internal sealed class AuthorizerDefinition
{
    public string AuthorizerName { get; set; }

    public string AuthorizerFunctionArn { get; set; }

    public string TokenKeyName { get; set; }

    /// <summary>Key name to canonical SPKI PEM, in the order given.</summary>
    public List<KeyValuePair<string, string>> TokenSigningPublicKeys { get; } = new();

    /// <summary>"ACTIVE" or "INACTIVE"; null when not given: CreateAuthorizer then creates an INACTIVE authorizer, as the service does.</summary>
    public string Status { get; set; }

    public bool? SigningDisabled { get; set; }

    public bool? EnableCachingForHttp { get; set; }

    public List<KeyValuePair<string, string>> Tags { get; } = new();

    public bool IsActive => Status == "ACTIVE";

    public bool SignatureRequired => SigningDisabled != true;

    public bool CachingForHttp => EnableCachingForHttp == true;

    /// <summary>Parsed RSA keys of <see cref="TokenSigningPublicKeys"/> (name, key), for verification.</summary>
    public List<KeyValuePair<string, RSA>> ParsedKeys { get; } = new();

    /// <summary>Validates every field against the service's limits; throws <see cref="LocalCloudException"/> with the first violation.</summary>
    /// <param name="forCreate">True for CreateAuthorizer (required fields, signing rules), false for UpdateAuthorizer.</param>
    public void Validate(bool forCreate)
    {
        Fail(ServiceLimits.CheckAuthorizerName(AuthorizerName));
        if (forCreate && string.IsNullOrEmpty(AuthorizerFunctionArn))
        {
            throw LocalCloudException.Invalid("authorizerFunctionArn is required (the ARN of the authorizer's Lambda function)");
        }

        if (AuthorizerFunctionArn != null)
        {
            if (AuthorizerFunctionArn.Length > ServiceLimits.FunctionArnMax)
            {
                throw LocalCloudException.Invalid($"authorizerFunctionArn is {AuthorizerFunctionArn.Length} characters long (at most {ServiceLimits.FunctionArnMax})");
            }

            if (!ServiceLimits.LambdaFunctionArnPattern().IsMatch(AuthorizerFunctionArn))
            {
                throw LocalCloudException.Invalid("authorizerFunctionArn is not a Lambda function ARN (arn:aws:lambda:<region>:<12-digit account>:function:<name>[:<alias or version>])");
            }
        }

        if (TokenKeyName != null)
        {
            Fail(ServiceLimits.CheckTokenKeyName(TokenKeyName));
        }

        foreach (var pair in TokenSigningPublicKeys)
        {
            CheckKeyName(pair.Key);
            if (pair.Value.Length > ServiceLimits.PublicKeyValueMax)
            {
                throw LocalCloudException.Invalid($"tokenSigningPublicKeys[{pair.Key}] is {pair.Value.Length} characters long (at most {ServiceLimits.PublicKeyValueMax})");
            }
        }

        if (TokenSigningPublicKeys.Count > ControlPlane.AuthorizerControlPlane.MaxSigningKeys)
        {
            throw LocalCloudException.Invalid($"{TokenSigningPublicKeys.Count} tokenSigningPublicKeys: the service holds at most {ControlPlane.AuthorizerControlPlane.MaxSigningKeys} per authorizer");
        }

        if (TokenSigningPublicKeys.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() != TokenSigningPublicKeys.Count)
        {
            throw LocalCloudException.Invalid("tokenSigningPublicKeys has the same key name twice");
        }

        if (Status != null && Status != "ACTIVE" && Status != "INACTIVE")
        {
            throw LocalCloudException.Invalid("status must be ACTIVE or INACTIVE");
        }

        if (forCreate)
        {
            if (SigningDisabled == true)
            {
                if (TokenSigningPublicKeys.Count > 0)
                {
                    throw LocalCloudException.Invalid("signingDisabled authorizers verify no signature: give no tokenSigningPublicKeys (or drop --signing-disabled)");
                }
            }
            else
            {
                if (TokenKeyName == null)
                {
                    throw LocalCloudException.Invalid("signing is enabled, so tokenKeyName is required (the header/parameter name that carries the token); or pass --signing-disabled");
                }

                if (TokenSigningPublicKeys.Count == 0)
                {
                    throw LocalCloudException.Invalid("signing is enabled, so at least one tokenSigningPublicKeys entry is required (--public-key NAME=FILE); or pass --signing-disabled");
                }
            }
        }

        if (Tags.Count > ServiceLimits.TagsMax)
        {
            throw LocalCloudException.Invalid($"{Tags.Count} tags (at most {ServiceLimits.TagsMax})");
        }

        foreach (var tag in Tags)
        {
            if (tag.Key.Length == 0 || tag.Key.Length > ServiceLimits.TagKeyMax || !ServiceLimits.TagPattern().IsMatch(tag.Key))
            {
                throw LocalCloudException.Invalid($"tag key '{tag.Key}' must be 1-{ServiceLimits.TagKeyMax} characters of letters, digits, spaces and _.:/=+-@");
            }

            if (tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw LocalCloudException.Invalid($"tag key '{tag.Key}': the 'aws:' prefix is reserved");
            }

            if (tag.Value.Length > ServiceLimits.TagValueMax || !ServiceLimits.TagPattern().IsMatch(tag.Value))
            {
                throw LocalCloudException.Invalid($"value of tag '{tag.Key}' must be 0-{ServiceLimits.TagValueMax} characters of letters, digits, spaces and _.:/=+-@");
            }
        }

        if (Tags.Select(t => t.Key).Distinct(StringComparer.Ordinal).Count() != Tags.Count)
        {
            throw LocalCloudException.Invalid("the same tag key is given twice");
        }
    }

    public static void CheckKeyName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > ServiceLimits.NameMax)
        {
            throw LocalCloudException.Invalid($"tokenSigningPublicKeys key name must be 1-{ServiceLimits.NameMax} characters");
        }

        if (!ServiceLimits.PublicKeyNamePattern().IsMatch(name))
        {
            throw LocalCloudException.Invalid($"tokenSigningPublicKeys key name '{name}' contains a character outside [a-zA-Z0-9:_-]");
        }
    }

    /// <summary>Adds a key from PEM text (validated, canonicalised).</summary>
    public void AddPublicKey(string name, string pemText, string origin)
    {
        CheckKeyName(name);
        var (pem, _, key) = PublicKeyPem.Parse(pemText, origin);
        TokenSigningPublicKeys.Add(new(name, pem));
        ParsedKeys.Add(new(name, key));
    }

    /// <summary>The request body as JSON (the AWS CLI's --cli-input-json shape: API member names, tags as a Key/Value array).</summary>
    /// <param name="forCreate">Include the create-only members (signingDisabled, tags).</param>
    public string ToJson(bool forCreate)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("authorizerName", AuthorizerName);
            if (AuthorizerFunctionArn != null)
            {
                w.WriteString("authorizerFunctionArn", AuthorizerFunctionArn);
            }

            if (TokenKeyName != null)
            {
                w.WriteString("tokenKeyName", TokenKeyName);
            }

            if (TokenSigningPublicKeys.Count > 0)
            {
                w.WriteStartObject("tokenSigningPublicKeys");
                foreach (var pair in TokenSigningPublicKeys)
                {
                    w.WriteString(pair.Key, pair.Value);
                }

                w.WriteEndObject();
            }

            if (Status != null)
            {
                w.WriteString("status", Status);
            }

            if (forCreate && Tags.Count > 0)
            {
                w.WriteStartArray("tags");
                foreach (var tag in Tags)
                {
                    w.WriteStartObject();
                    w.WriteString("Key", tag.Key);
                    w.WriteString("Value", tag.Value);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (forCreate && SigningDisabled != null)
            {
                w.WriteBoolean("signingDisabled", SigningDisabled.Value);
            }

            if (EnableCachingForHttp != null)
            {
                w.WriteBoolean("enableCachingForHttp", EnableCachingForHttp.Value);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads a CreateAuthorizer body (as written by create-json, or by hand) and validates it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="origin">The file name, for messages.</param>
    public static AuthorizerDefinition FromJson(string json, string origin)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw LocalCloudException.Invalid($"{origin}: not valid JSON ({e.Message})");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw LocalCloudException.Invalid($"{origin}: expected a JSON object (a CreateAuthorizer request body)");
            }

            var def = new AuthorizerDefinition();
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "authorizerName": def.AuthorizerName = Str(p, origin); break;
                    case "authorizerFunctionArn": def.AuthorizerFunctionArn = Str(p, origin); break;
                    case "tokenKeyName": def.TokenKeyName = Str(p, origin); break;
                    case "status": def.Status = Str(p, origin); break;
                    case "signingDisabled": def.SigningDisabled = Bool(p, origin); break;
                    case "enableCachingForHttp": def.EnableCachingForHttp = Bool(p, origin); break;
                    case "tokenSigningPublicKeys":
                        if (p.Value.ValueKind != JsonValueKind.Object)
                        {
                            throw LocalCloudException.Invalid($"{origin}: tokenSigningPublicKeys must be an object of name -> PEM");
                        }

                        foreach (JsonProperty k in p.Value.EnumerateObject())
                        {
                            def.AddPublicKey(k.Name, Str(k, origin), $"{origin}: tokenSigningPublicKeys[{k.Name}]");
                        }

                        break;
                    case "tags":
                        if (p.Value.ValueKind != JsonValueKind.Array)
                        {
                            throw LocalCloudException.Invalid($"{origin}: tags must be an array of {{\"Key\", \"Value\"}}");
                        }

                        foreach (JsonElement t in p.Value.EnumerateArray())
                        {
                            string key = t.TryGetProperty("Key", out var kv) && kv.ValueKind == JsonValueKind.String ? kv.GetString() : throw LocalCloudException.Invalid($"{origin}: a tag lacks its string \"Key\"");
                            string value = t.TryGetProperty("Value", out var vv) && vv.ValueKind == JsonValueKind.String ? vv.GetString() : string.Empty;
                            def.Tags.Add(new(key, value));
                        }

                        break;
                    default:
                        throw LocalCloudException.Invalid($"{origin}: unknown CreateAuthorizer member '{p.Name}'");
                }
            }

            def.Validate(forCreate: true);
            return def;
        }
    }

    private static string Str(JsonProperty p, string origin) =>
        p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : throw LocalCloudException.Invalid($"{origin}: '{p.Name}' must be a string");

    private static bool Bool(JsonProperty p, string origin) =>
        p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.Value.GetBoolean() : throw LocalCloudException.Invalid($"{origin}: '{p.Name}' must be true or false");

    private static void Fail(string problem)
    {
        if (problem != null)
        {
            throw LocalCloudException.Invalid(problem);
        }
    }
}
