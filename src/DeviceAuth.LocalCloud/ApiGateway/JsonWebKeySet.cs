using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeviceAuth.Crypto;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// A JWKS (RFC 7517) of RSA signing keys: written by <c>deviceauth apigateway issuer</c>, read back
/// by the local JWT authorizer to check token signatures by <c>kid</c>. Each key is
/// <c>{"kty":"RSA","use":"sig","alg":"RS256","kid":...,"n":...,"e":...}</c> with n and e unpadded
/// base64url of their minimal big-endian bytes (RFC 7518 section 6.3.1).
/// </summary>
internal sealed class JsonWebKeySet
{
    private readonly List<(string Kid, RSA Key)> _keys = new();

    public IReadOnlyList<string> KeyIds => _keys.Select(k => k.Kid).ToArray();

    /// <summary>The key with id <paramref name="kid"/>, or null.</summary>
    public RSA Find(string kid) => _keys.FirstOrDefault(k => k.Kid == kid).Key;

    /// <summary>Adds an RSA public key under <paramref name="kid"/> (null: its RFC 7638 thumbprint, the library's <see cref="JwkThumbprint"/>).</summary>
    /// <returns>The kid used.</returns>
    public string Add(RSA key, string kid)
    {
        RSAParameters p = key.ExportParameters(false);
        kid ??= JwkThumbprint.ForRsaPublicKey(p.Modulus, p.Exponent);
        if (kid.Length == 0 || _keys.Any(k => k.Kid == kid))
        {
            throw LocalCloudException.Invalid(kid.Length == 0 ? "a kid must not be empty" : $"two keys have the kid '{IdentitySourceSelection.Printable(kid)}'; each kid must be unique in the JWKS");
        }

        var copy = RSA.Create();
        copy.ImportParameters(p);
        _keys.Add((kid, copy));
        return kid;
    }

    public JsonObject ToJson()
    {
        var keys = new JsonArray();
        foreach (var (kid, key) in _keys)
        {
            RSAParameters p = key.ExportParameters(false);
            keys.Add(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = kid,
                ["n"] = Base64Url(p.Modulus),
                ["e"] = Base64Url(p.Exponent),
            });
        }

        return new JsonObject { ["keys"] = keys };
    }

    /// <summary>Reads a JWKS; its RSA signing keys are kept, other keys (kty not RSA, use not sig) are skipped as a verifier would.</summary>
    public static JsonWebKeySet FromJson(JsonNode json, string origin)
    {
        if (json is not JsonObject o || o["keys"] is not JsonArray keys)
        {
            throw LocalCloudException.Invalid($"{origin}: not a JWKS (an object with a 'keys' array)");
        }

        var set = new JsonWebKeySet();
        foreach (JsonNode k in keys)
        {
            if (k is not JsonObject jwk || (string)jwk["kty"] != "RSA" || (jwk["use"] is JsonNode use && (string)use != "sig"))
            {
                continue;
            }

            string kid = jwk["kid"] is JsonValue v && v.TryGetValue(out string s) ? s : throw LocalCloudException.Invalid($"{origin}: an RSA key has no kid (API Gateway selects keys by the token's kid)");
            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(new RSAParameters { Modulus = FromBase64Url((string)jwk["n"]), Exponent = FromBase64Url((string)jwk["e"]) });
            }
            catch (Exception e) when (e is FormatException or CryptographicException or InvalidCastException or ArgumentException)
            {
                throw LocalCloudException.Invalid($"{origin}: key '{IdentitySourceSelection.Printable(kid)}' has no valid n/e");
            }

            set.Add(rsa, kid);
        }

        return set;
    }

    private static string Base64Url(byte[] bytes)
    {
        int start = 0;
        while (start < bytes.Length - 1 && bytes[start] == 0)
        {
            start++;
        }

        return Convert.ToBase64String(bytes, start, bytes.Length - start).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static byte[] FromBase64Url(string s)
    {
        string b = (s ?? throw new FormatException()).Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '='));
    }
}
