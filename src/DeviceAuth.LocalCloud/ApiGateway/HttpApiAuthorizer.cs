using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>How member names are spelled in a JSON authorizer.</summary>
internal enum MemberNaming
{
    /// <summary>The API's shape names (<c>AuthorizerType</c>): the AWS CLI's <c>--cli-input-json</c> and the SDKs' input objects.</summary>
    Shape,

    /// <summary>The REST-JSON wire names (<c>authorizerType</c>): the HTTP bodies the service receives and returns.</summary>
    Wire,
}

/// <summary>
/// An API Gateway HTTP API authorizer (CreateAuthorizer / UpdateAuthorizer / GetAuthorizer, seed 002):
/// null members were not given. Read from and written to both namings; checked by <see cref="AuthorizerRules"/>.
/// </summary>
internal sealed class HttpApiAuthorizer
{
    public string ApiId { get; set; }

    public string AuthorizerId { get; set; }

    public string Name { get; set; }

    /// <summary>REQUEST or JWT.</summary>
    public string AuthorizerType { get; set; }

    public List<string> IdentitySource { get; set; }

    public string JwtIssuer { get; set; }

    /// <summary>JwtConfiguration.Audience; null when JwtConfiguration has none.</summary>
    public List<string> JwtAudience { get; set; }

    /// <summary>True when JwtConfiguration was given (even empty).</summary>
    public bool HasJwtConfiguration { get; set; }

    public string AuthorizerUri { get; set; }

    public string AuthorizerCredentialsArn { get; set; }

    public string AuthorizerPayloadFormatVersion { get; set; }

    public int? AuthorizerResultTtlInSeconds { get; set; }

    public bool? EnableSimpleResponses { get; set; }

    public string IdentityValidationExpression { get; set; }

    public bool IsJwt => AuthorizerType == "JWT";

    public bool IsRequest => AuthorizerType == "REQUEST";

    /// <summary>A deep copy.</summary>
    public HttpApiAuthorizer Copy()
    {
        var copy = (HttpApiAuthorizer)MemberwiseClone();
        copy.IdentitySource = IdentitySource?.ToList();
        copy.JwtAudience = JwtAudience?.ToList();
        return copy;
    }

    /// <summary>This authorizer with every member <paramref name="patch"/> gives replaced (UpdateAuthorizer's PATCH semantics).</summary>
    public HttpApiAuthorizer MergedWith(HttpApiAuthorizer patch)
    {
        HttpApiAuthorizer m = Copy();
        m.Name = patch.Name ?? m.Name;
        m.AuthorizerType = patch.AuthorizerType ?? m.AuthorizerType;
        m.IdentitySource = patch.IdentitySource?.ToList() ?? m.IdentitySource;
        if (patch.HasJwtConfiguration)
        {
            m.HasJwtConfiguration = true;
            m.JwtIssuer = patch.JwtIssuer ?? m.JwtIssuer;
            m.JwtAudience = patch.JwtAudience?.ToList() ?? m.JwtAudience;
        }

        m.AuthorizerUri = patch.AuthorizerUri ?? m.AuthorizerUri;
        m.AuthorizerCredentialsArn = patch.AuthorizerCredentialsArn ?? m.AuthorizerCredentialsArn;
        m.AuthorizerPayloadFormatVersion = patch.AuthorizerPayloadFormatVersion ?? m.AuthorizerPayloadFormatVersion;
        m.AuthorizerResultTtlInSeconds = patch.AuthorizerResultTtlInSeconds ?? m.AuthorizerResultTtlInSeconds;
        m.EnableSimpleResponses = patch.EnableSimpleResponses ?? m.EnableSimpleResponses;
        m.IdentityValidationExpression = patch.IdentityValidationExpression ?? m.IdentityValidationExpression;
        return m;
    }

    /// <summary>The authorizer as JSON in <paramref name="naming"/>; ApiId and AuthorizerId only when set.</summary>
    public JsonObject ToJson(MemberNaming naming)
    {
        var o = new JsonObject();
        void Put(string member, JsonNode value)
        {
            if (value != null)
            {
                o[Spell(member, naming)] = value;
            }
        }

        Put("ApiId", ApiId);
        Put("AuthorizerId", AuthorizerId);
        Put("Name", Name);
        Put("AuthorizerType", AuthorizerType);
        Put("IdentitySource", IdentitySource == null ? null : new JsonArray(IdentitySource.Select(s => (JsonNode)s).ToArray()));
        if (HasJwtConfiguration)
        {
            var jwt = new JsonObject();
            if (JwtAudience != null)
            {
                jwt[Spell("Audience", naming)] = new JsonArray(JwtAudience.Select(s => (JsonNode)s).ToArray());
            }

            if (JwtIssuer != null)
            {
                jwt[Spell("Issuer", naming)] = JwtIssuer;
            }

            Put("JwtConfiguration", jwt);
        }

        Put("AuthorizerUri", AuthorizerUri);
        Put("AuthorizerCredentialsArn", AuthorizerCredentialsArn);
        Put("AuthorizerPayloadFormatVersion", AuthorizerPayloadFormatVersion);
        Put("AuthorizerResultTtlInSeconds", AuthorizerResultTtlInSeconds);
        Put("EnableSimpleResponses", EnableSimpleResponses);
        Put("IdentityValidationExpression", IdentityValidationExpression);
        return o;
    }

    /// <summary>Reads an authorizer body; unknown members and wrong JSON types are refused with <see cref="LocalCloudException"/>.</summary>
    /// <param name="json">The object (a CreateAuthorizer / UpdateAuthorizer body).</param>
    /// <param name="naming">How its members are spelled.</param>
    public static HttpApiAuthorizer FromJson(JsonObject json, MemberNaming naming)
    {
        var a = new HttpApiAuthorizer();
        foreach (var (key, value) in json)
        {
            switch (Unspell(key, naming))
            {
                case "ApiId": a.ApiId = Text(value, key); break;
                case "AuthorizerId": a.AuthorizerId = Text(value, key); break;
                case "Name": a.Name = Text(value, key); break;
                case "AuthorizerType": a.AuthorizerType = Text(value, key); break;
                case "IdentitySource": a.IdentitySource = Texts(value, key); break;
                case "JwtConfiguration": ReadJwt(a, value, key, naming); break;
                case "AuthorizerUri": a.AuthorizerUri = Text(value, key); break;
                case "AuthorizerCredentialsArn": a.AuthorizerCredentialsArn = Text(value, key); break;
                case "AuthorizerPayloadFormatVersion": a.AuthorizerPayloadFormatVersion = Text(value, key); break;
                case "AuthorizerResultTtlInSeconds": a.AuthorizerResultTtlInSeconds = Integer(value, key); break;
                case "EnableSimpleResponses": a.EnableSimpleResponses = Boolean(value, key); break;
                case "IdentityValidationExpression": a.IdentityValidationExpression = Text(value, key); break;
                default: throw LocalCloudException.Invalid($"unknown member '{IdentitySourceSelection.Printable(key)}' in the authorizer");
            }
        }

        return a;
    }

    private static void ReadJwt(HttpApiAuthorizer a, JsonNode value, string key, MemberNaming naming)
    {
        if (value is not JsonObject jwt)
        {
            throw LocalCloudException.Invalid($"{key} must be an object with Issuer and Audience");
        }

        a.HasJwtConfiguration = true;
        foreach (var (k, v) in jwt)
        {
            switch (Unspell(k, naming))
            {
                case "Issuer": a.JwtIssuer = Text(v, key + "." + k); break;
                case "Audience": a.JwtAudience = Texts(v, key + "." + k); break;
                default: throw LocalCloudException.Invalid($"unknown member '{IdentitySourceSelection.Printable(k)}' in {key}");
            }
        }
    }

    private static string Spell(string shapeName, MemberNaming naming) =>
        naming == MemberNaming.Shape ? shapeName : char.ToLowerInvariant(shapeName[0]) + shapeName[1..];

    private static string Unspell(string name, MemberNaming naming)
    {
        if (name.Length == 0)
        {
            return name;
        }

        bool upper = char.IsAsciiLetterUpper(name[0]);
        if (upper != (naming == MemberNaming.Shape))
        {
            return "?" + name;
        }

        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static string Text(JsonNode v, string key) =>
        v is JsonValue j && j.TryGetValue(out string s) ? s : throw LocalCloudException.Invalid($"{key} must be a string");

    private static List<string> Texts(JsonNode v, string key) =>
        v is JsonArray a ? a.Select(x => Text(x, key + "[]")).ToList() : throw LocalCloudException.Invalid($"{key} must be a list of strings");

    private static int Integer(JsonNode v, string key) =>
        v is JsonValue j && j.TryGetValue(out int i) ? i : throw LocalCloudException.Invalid($"{key} must be an integer");

    private static bool Boolean(JsonNode v, string key) =>
        v is JsonValue j && j.TryGetValue(out bool b) ? b : throw LocalCloudException.Invalid($"{key} must be true or false");
}
