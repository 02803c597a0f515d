using System.Text.Json;
using DeviceAuth.LocalCloud.Text;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// Reads what a token says about itself when its format is known: the library's compact claim
/// strings (device-signed <c>ds1</c>, HMAC <c>hm1</c>: device id, iat, exp) or a JWT (or the
/// <c>header.payload</c> signing input a device sends as the token): sub, exp, nbf, iat.
/// Times are NumericDates (RFC 7519: seconds, possibly fractional); one beyond the years 1-9999
/// reads as the first or last representable instant. A time claim that is present but not a
/// number makes <see cref="Problem"/> non-null (the function refuses such a token).
/// </summary>
internal sealed class TokenClaims
{
    public string Format { get; private init; }

    public string Subject { get; private init; }

    public DateTimeOffset? ExpiresAt { get; private init; }

    public DateTimeOffset? NotBefore { get; private init; }

    public DateTimeOffset? IssuedAt { get; private init; }

    /// <summary>Why the token's time claims cannot be judged (a claim that is not a NumericDate), or null.</summary>
    public string Problem { get; private init; }

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
                ExpiresAt = FromUnixSeconds(compact.ExpiresAtSeconds),
                IssuedAt = FromUnixSeconds(compact.IssuedAtSeconds),
            };
        }

        string[] parts = token.Split('.');
        return parts.Length is 2 or 3 ? TryReadJwt(parts) : null;
    }

    private static TokenClaims TryReadJwt(string[] parts)
    {
        byte[] headerBytes;
        byte[] payloadBytes;
        try
        {
            headerBytes = Base64UrlDecode(parts[0]);
            payloadBytes = Base64UrlDecode(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }

        using JsonDocument header = JsonInput.TryParse(headerBytes, JsonInput.WireOptions, out _);
        using JsonDocument payload = header == null ? null : JsonInput.TryParse(payloadBytes, JsonInput.WireOptions, out _);
        if (payload == null || header.RootElement.ValueKind != JsonValueKind.Object || !header.RootElement.TryGetProperty("alg", out _) || payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        JsonElement p = payload.RootElement;
        string problem = null;
        return new TokenClaims
        {
            Format = parts.Length == 3 ? "JWT" : "JWT signing input (header.payload)",
            Subject = p.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null,
            ExpiresAt = Time(p, "exp", ref problem),
            NotBefore = Time(p, "nbf", ref problem),
            IssuedAt = Time(p, "iat", ref problem),
            Problem = problem,
        };
    }

    /// <summary>A NumericDate claim: absent gives null; present but not a number sets <paramref name="problem"/>.</summary>
    private static DateTimeOffset? Time(JsonElement p, string name, ref string problem)
    {
        if (!p.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double seconds) || double.IsNaN(seconds))
        {
            problem ??= $"the JWT's {name} claim is not a NumericDate (a number of seconds)";
            return null;
        }

        return FromUnixSeconds(seconds);
    }

    /// <summary>Seconds since 1970 as an instant; values before year 1 or after 9999 become the first or last representable instant.</summary>
    internal static DateTimeOffset FromUnixSeconds(double seconds)
    {
        const long min = -62135596800; // 0001-01-01T00:00:00Z
        const long max = 253402300799; // 9999-12-31T23:59:59Z
        if (seconds <= min)
        {
            return DateTimeOffset.MinValue;
        }

        return seconds >= max ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
    }

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
