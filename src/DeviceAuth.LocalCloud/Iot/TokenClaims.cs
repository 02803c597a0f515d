using System.Text.Json;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// Reads what a token says about itself when its format is known: the library's compact claim
/// strings (device-signed <c>ds1</c>, HMAC <c>hm1</c>: device id, iat, exp) or a JWT (or the
/// <c>header.payload</c> signing input a device sends as the token): sub, exp, nbf, iat.
/// </summary>
internal sealed class TokenClaims
{
    public string Format { get; private init; }

    public string Subject { get; private init; }

    public DateTimeOffset? ExpiresAt { get; private init; }

    public DateTimeOffset? NotBefore { get; private init; }

    public DateTimeOffset? IssuedAt { get; private init; }

    /// <summary>Null when the token's format is not recognised.</summary>
    public static TokenClaims TryRead(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        CompactClaims compact = CompactClaims.TryParse(token);
        string format = "device-signed (ds1)";
        int macSuffix = HmacToken.MacLength + 1;
        if (compact == null && token.Length > macSuffix && token[^macSuffix] == '.')
        {
            compact = CompactClaims.TryParse(token[..^macSuffix]);
            format = "HMAC (hm1)";
        }

        if (compact != null && (compact.Format == CompactClaims.DeviceSignedFormat) == (format == "device-signed (ds1)"))
        {
            return new TokenClaims
            {
                Format = format,
                Subject = compact.DeviceId,
                ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(compact.ExpiresAtSeconds),
                IssuedAt = DateTimeOffset.FromUnixTimeSeconds(compact.IssuedAtSeconds),
            };
        }

        string[] parts = token.Split('.');
        if (parts.Length is 2 or 3)
        {
            try
            {
                using var header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
                using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
                if (header.RootElement.ValueKind == JsonValueKind.Object && header.RootElement.TryGetProperty("alg", out _) && payload.RootElement.ValueKind == JsonValueKind.Object)
                {
                    JsonElement p = payload.RootElement;
                    return new TokenClaims
                    {
                        Format = parts.Length == 3 ? "JWT" : "JWT signing input (header.payload)",
                        Subject = p.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null,
                        ExpiresAt = Time(p, "exp"),
                        NotBefore = Time(p, "nbf"),
                        IssuedAt = Time(p, "iat"),
                    };
                }
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
            }
        }

        return null;
    }

    private static DateTimeOffset? Time(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    internal static byte[] Base64UrlDecode(string s)
    {
        if (s.Length % 4 == 1 || s.Contains('=') || s.Contains('+') || s.Contains('/'))
        {
            throw new FormatException("not base64url");
        }

        string padded = s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - s.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }
}
