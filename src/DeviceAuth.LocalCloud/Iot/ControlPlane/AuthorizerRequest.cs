using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.Iot.ControlPlane;

/// <summary>
/// The members of a CreateAuthorizer / UpdateAuthorizer body, checked against the model's
/// constraints (types, patterns, lengths, the status enum); violations go to the
/// <see cref="ValidationErrors"/>. Members an operation does not have (signingDisabled and tags on
/// update) and unknown members are ignored, as the service's JSON protocol ignores them.
/// </summary>
internal sealed class AuthorizerRequest
{
    public AuthorizerRequest(JsonObject body, ValidationErrors errors, bool forCreate)
    {
        body ??= new JsonObject();
        FunctionArn = String(body, "authorizerFunctionArn", errors);
        errors.String("authorizerFunctionArn", FunctionArn, forCreate, null, 0, ServiceLimits.FunctionArnMax);
        TokenKeyName = String(body, "tokenKeyName", errors);
        errors.String("tokenKeyName", TokenKeyName, false, "[a-zA-Z0-9_-]+", 1, ServiceLimits.NameMax);
        Status = String(body, "status", errors);
        if (Status != null && Status != "ACTIVE" && Status != "INACTIVE")
        {
            errors.Add("status", "must satisfy enum value set: [ACTIVE, INACTIVE]");
        }

        EnableCachingForHttp = Boolean(body, "enableCachingForHttp", errors);
        Keys = ReadKeys(body, errors);
        if (forCreate)
        {
            SigningDisabled = Boolean(body, "signingDisabled", errors);
            ReadTags(body, errors);
        }
    }

    public string FunctionArn { get; }

    public string TokenKeyName { get; }

    public string Status { get; }

    public bool? SigningDisabled { get; }

    public bool? EnableCachingForHttp { get; }

    /// <summary>tokenSigningPublicKeys as given (null when absent).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Keys { get; }

    public List<KeyValuePair<string, string>> Tags { get; } = new();

    private static string String(JsonObject body, string name, ValidationErrors errors)
    {
        JsonNode node = body[name];
        if (node == null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        errors.Add(name, "must be a string");
        return null;
    }

    private static bool? Boolean(JsonObject body, string name, ValidationErrors errors)
    {
        JsonNode node = body[name];
        if (node == null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }

        errors.Add(name, "must be a boolean");
        return null;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReadKeys(JsonObject body, ValidationErrors errors)
    {
        if (body["tokenSigningPublicKeys"] == null)
        {
            return null;
        }

        if (body["tokenSigningPublicKeys"] is not JsonObject map)
        {
            errors.Add("tokenSigningPublicKeys", "must be a map of key name to PEM");
            return null;
        }

        var keys = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in map)
        {
            if (name.Length < 1 || name.Length > ServiceLimits.NameMax || !ServiceLimits.PublicKeyNamePattern().IsMatch(name))
            {
                errors.Add("tokenSigningPublicKeys", "keys must satisfy regular expression pattern: [a-zA-Z0-9:_-]+ and have length from 1 to 128");
            }

            string pem = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (pem == null || pem.Length > ServiceLimits.PublicKeyValueMax)
            {
                errors.Add("tokenSigningPublicKeys", $"values must be strings of length less than or equal to {ServiceLimits.PublicKeyValueMax}");
                continue;
            }

            keys.Add(new(name, pem));
        }

        return keys;
    }

    private void ReadTags(JsonObject body, ValidationErrors errors)
    {
        if (body["tags"] == null)
        {
            return;
        }

        if (body["tags"] is not JsonArray tags)
        {
            errors.Add("tags", "must be a list of {Key, Value}");
            return;
        }

        foreach (JsonNode tag in tags)
        {
            string key = tag?["Key"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
            string value = tag?["Value"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : string.Empty;
            errors.String("tags.member.Key", key, true, null, 1, ServiceLimits.TagKeyMax);
            errors.String("tags.member.Value", value, false, null, 0, ServiceLimits.TagValueMax);
            if (key != null)
            {
                Tags.Add(new(key, value));
            }
        }
    }
}
