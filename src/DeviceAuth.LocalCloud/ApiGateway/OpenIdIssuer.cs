using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// The two documents a JWT authorizer's issuer publishes: <c>{issuer}/.well-known/openid-configuration</c>
/// (OpenID Connect Discovery 1.0: issuer, jwks_uri, ...), which API Gateway fetches first, and the
/// JWKS at its <c>jwks_uri</c> (<c>{issuer}/.well-known/jwks.json</c>). Written to a folder that
/// mirrors the URL paths under the issuer, read back by the local JWT authorizer.
/// </summary>
internal sealed class OpenIdIssuer
{
    public const string DiscoveryPath = ".well-known/openid-configuration";
    public const string JwksPath = ".well-known/jwks.json";

    public OpenIdIssuer(string issuer, JsonWebKeySet keys)
    {
        Issuer = issuer ?? throw new ArgumentNullException(nameof(issuer));
        Keys = keys ?? throw new ArgumentNullException(nameof(keys));
    }

    /// <summary>The issuer URL, exactly as in the tokens' iss claim and the authorizer's JwtConfiguration.Issuer.</summary>
    public string Issuer { get; }

    public JsonWebKeySet Keys { get; }

    /// <summary>Where API Gateway reads the discovery document: the issuer without a trailing slash, then /.well-known/openid-configuration.</summary>
    public string DiscoveryUrl => Issuer.TrimEnd('/') + "/" + DiscoveryPath;

    public string JwksUri => Issuer.TrimEnd('/') + "/" + JwksPath;

    /// <summary>The discovery document: the members a JWT verifier reads (issuer, jwks_uri) and what an RS256 ID-token issuer declares.</summary>
    public JsonObject DiscoveryDocument() => new()
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = JwksUri,
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };

    /// <summary>Writes both documents under <paramref name="folder"/> (folder/.well-known/...); returns the files written.</summary>
    public IReadOnlyList<string> WriteTo(string folder, Action<string, string> write)
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        string discovery = Path.Combine(folder, ".well-known", "openid-configuration");
        string jwks = Path.Combine(folder, ".well-known", "jwks.json");
        write(discovery, DiscoveryDocument().ToJsonString(options) + "\n");
        write(jwks, Keys.ToJson().ToJsonString(options) + "\n");
        return new[] { discovery, jwks };
    }

    /// <summary>Reads an issuer folder written by <see cref="WriteTo"/> (or any mirror of an issuer's URL paths).</summary>
    public static OpenIdIssuer Load(string folder)
    {
        string discoveryFile = Path.Combine(folder, ".well-known", "openid-configuration");
        JsonObject discovery = ReadJson(discoveryFile) as JsonObject ?? throw LocalCloudException.Invalid($"{discoveryFile}: not a JSON object");
        string issuer = discovery["issuer"] is JsonValue i && i.TryGetValue(out string s) ? s : throw LocalCloudException.Invalid($"{discoveryFile}: no 'issuer'");
        string jwksUri = discovery["jwks_uri"] is JsonValue j && j.TryGetValue(out string u) ? u : throw LocalCloudException.Invalid($"{discoveryFile}: no 'jwks_uri'");
        string prefix = issuer.TrimEnd('/') + "/";
        if (!jwksUri.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw LocalCloudException.Invalid($"{discoveryFile}: jwks_uri is not under the issuer URL, so it cannot be read from this folder");
        }

        string relative = jwksUri[prefix.Length..].Split('?')[0];
        string jwksFile = Path.GetFullPath(Path.Combine(folder, relative));
        if (!jwksFile.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal))
        {
            throw LocalCloudException.Invalid($"{discoveryFile}: jwks_uri leaves the issuer folder");
        }

        return new OpenIdIssuer(issuer, JsonWebKeySet.FromJson(ReadJson(jwksFile), jwksFile));
    }

    private static JsonNode ReadJson(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LocalCloudException.Invalid($"cannot read {file}: {e.Message}");
        }
        catch (JsonException)
        {
            throw LocalCloudException.Invalid($"{file}: not JSON");
        }
    }
}
