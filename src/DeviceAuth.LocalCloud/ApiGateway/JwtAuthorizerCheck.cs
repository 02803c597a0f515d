using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>What a JWT authorizer decided: 200 with the claims, 401 (invalid_token) or 403 (insufficient_scope).</summary>
internal sealed record JwtVerdict(int Status, string WwwAuthenticate, string Reason, JsonObject Claims)
{
    public bool Allowed => Status == 200;
}

/// <summary>
/// The checks of an HTTP API JWT authorizer ("Controlling access to HTTP APIs with JWT authorizers"):
/// the token (raw or after "Bearer "), an RSA algorithm, the key named by kid in the issuer's JWKS,
/// the signature, iss = Issuer, aud in Audience (client_id when aud is absent), exp after now, nbf
/// and iat not after now, and one of the route's scopes in scope or scp. Signatures are checked with
/// .NET's RSA, independent of the device library.
/// </summary>
internal static class JwtAuthorizerCheck
{
    /// <summary>Judges <paramref name="identityValue"/> (the identity source's value, present and non-empty).</summary>
    /// <param name="authorizer">A JWT authorizer.</param>
    /// <param name="identityValue">The header or query value.</param>
    /// <param name="routeScopes">The route's AuthorizationScopes (empty: no scope check).</param>
    /// <param name="issuer">The issuer's published keys, or null when the issuer's documents are unknown locally.</param>
    /// <param name="now">The current time.</param>
    public static JwtVerdict Check(HttpApiAuthorizer authorizer, string identityValue, IReadOnlyList<string> routeScopes, OpenIdIssuer issuer, DateTimeOffset now)
    {
        string scopeList = string.Join(' ', routeScopes);
        JwtVerdict Invalid(string reason) =>
            new(401, $"Bearer scope=\"{scopeList}\" error=\"invalid_token\" error_description=\"{reason}\"", reason, null);

        string token = identityValue.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? identityValue[7..].Trim() : identityValue.Trim();
        string[] parts = token.Split('.');
        if (parts.Length != 3 || Decode(parts[0]) is not JsonObject header || Decode(parts[1]) is not JsonObject claims)
        {
            return Invalid("the token is not a JWT (header.payload.signature, base64url JSON)");
        }

        string alg = Str(header["alg"]);
        HashAlgorithmName? hash = alg switch { "RS256" => HashAlgorithmName.SHA256, "RS384" => HashAlgorithmName.SHA384, "RS512" => HashAlgorithmName.SHA512, _ => null };
        if (hash == null)
        {
            return Invalid($"signing method {Printable(alg)} is invalid: only RSA-based algorithms (RS256, RS384, RS512) are supported");
        }

        if (issuer == null || issuer.Issuer != authorizer.JwtIssuer)
        {
            return Invalid("the issuer's JWKS could not be fetched (locally: serve has no issuer folder for this Issuer)");
        }

        RSA key = Str(header["kid"]) is string kid ? issuer.Keys.Find(kid) : null;
        if (key == null)
        {
            return Invalid("the token's kid does not match a key in the issuer's JWKS");
        }

        byte[] signature = Bytes(parts[2]);
        if (signature == null || !key.VerifyData(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, hash.Value, RSASignaturePadding.Pkcs1))
        {
            return Invalid("the token's signature is invalid");
        }

        return Claims(authorizer, claims, routeScopes, scopeList, now, Invalid);
    }

    private static JwtVerdict Claims(HttpApiAuthorizer authorizer, JsonObject claims, IReadOnlyList<string> routeScopes, string scopeList, DateTimeOffset now, Func<string, JwtVerdict> invalid)
    {
        if (Str(claims["iss"]) != authorizer.JwtIssuer)
        {
            return invalid("the token does not have a valid issuer");
        }

        IEnumerable<string> audiences = claims["aud"] is JsonNode aud ? Strs(aud) : Strs(claims["client_id"]);
        if (!audiences.Any(a => authorizer.JwtAudience.Contains(a)))
        {
            return invalid("the token does not have a valid audience");
        }

        double seconds = now.ToUnixTimeMilliseconds() / 1000.0;
        if (Num(claims["exp"]) is not double exp || exp <= seconds)
        {
            return invalid(claims["exp"] == null ? "the token has no exp claim" : "the token has expired");
        }

        if (Num(claims["nbf"]) is double nbf && nbf > seconds)
        {
            return invalid("the token is not valid yet (nbf is after the current time)");
        }

        if (Num(claims["iat"]) is double iat && iat > seconds)
        {
            return invalid("the token was issued in the future (iat is after the current time)");
        }

        if (routeScopes.Count > 0)
        {
            var tokenScopes = new HashSet<string>(Strs(claims["scope"]).Concat(Strs(claims["scp"])).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparer.Ordinal);
            if (!routeScopes.Any(tokenScopes.Contains))
            {
                const string reason = "the token does not have a scope the route requires";
                return new JwtVerdict(403, $"Bearer scope=\"{scopeList}\" error=\"insufficient_scope\" error_description=\"{reason}\"", reason, null);
            }
        }

        return new JwtVerdict(200, null, null, claims);
    }

    private static JsonNode Decode(string part)
    {
        byte[] bytes = Bytes(part);
        try
        {
            return bytes == null ? null : JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Bytes(string base64Url)
    {
        if (base64Url.Length == 0 || base64Url.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        string b = base64Url.Replace('-', '+').Replace('_', '/');
        try
        {
            return Convert.FromBase64String(b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Str(JsonNode n) => n is JsonValue v && v.TryGetValue(out string s) ? s : null;

    private static double? Num(JsonNode n) => n is JsonValue v && v.TryGetValue(out double d) ? d : null;

    private static IEnumerable<string> Strs(JsonNode n) =>
        n is JsonArray a ? a.Select(Str).Where(s => s != null) : Str(n) is string s ? new[] { s } : Array.Empty<string>();

    private static string Printable(string s) => s == null ? "(none)" : IdentitySourceSelection.Printable(s).Replace("\"", "'");
}
