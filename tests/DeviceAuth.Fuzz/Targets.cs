using System.Security.Cryptography;
using DeviceAuth.Crypto;
using DeviceAuth.Encoding;
using DeviceAuth.Http;
using DeviceAuth.Json;
using DeviceAuth.LocalCloud;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.LocalCloud.Server;
using DeviceAuth.LocalCloud.Verification;
using DeviceAuth.Tokens;

namespace DeviceAuth.Fuzz;

/// <summary>Every parser of the library and the local cloud, with the exception types each documents for bad input.</summary>
internal static class Targets
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Lazy<LocalCloudHarness> Cloud = new(() => new LocalCloudHarness());

    private static readonly string[] JsonTokens = { "\"", "\\", "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "{", "}", "[", "]", ":", ",", "null", "true", "1e999", "-0", "9223372036854775808", "\"x\":", "/*", "//" };
    private static readonly string[] PemTokens = { "-----BEGIN ", "-----END ", "-----", "PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY", "\n", "\r\n", "=", "==", "+", "/", "Proc-Type: 4,ENCRYPTED" };
    private static readonly string[] UrlTokens = { "%", "%2", "%25", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%00", "+", "&", "=", "?", "x-amz-customauthorizer-name=", "x-amz-customauthorizer-signature=", "token=" };
    private static readonly string[] TokenTokens = { ".", "ds1", "hm1", "eyJ", "-", "_", "=", "999999999999", "0", "1767225600", "AAAAAAAAAAAAAAAA" };

    public static readonly FuzzTarget[] All =
    {
        new("rsa-key-pem", 3, d => RsaPrivateKey.FromPem(Inputs.Text(d)).Dispose(), PemTokens, typeof(RsaKeyException)),
        new("rsa-key-der", 3, d => FromDer(d).Dispose(), Array.Empty<string>(), typeof(RsaKeyException)),
        new("base64url", 10, Base64UrlRoundTrip, new[] { "-", "_", "=", "+", "/", "A", "AA", "AAA" }, typeof(FormatException)),
        new("percent-decoding", 10, d => PercentEncoding.Decode(Inputs.Text(d)), UrlTokens, typeof(FormatException)),
        new("utf8", 10, d => Utf8Text.Decode(d, 0, d.Length), Array.Empty<string>(), typeof(FormatException)),
        new("json-reader", 10, ReadAllJson, JsonTokens, typeof(FormatException)),
        new("compact-claims", 10, CompactAndJwt, TokenTokens, typeof(FormatException)),
        new("retry-after", 10, d => RetryAfter.ParseMilliseconds(Inputs.Text(d), Now), new[] { "GMT", "Sun, ", " Nov ", "9999", ":", "0", "-1" }),
        new("vended-token-response", 10, d => VendedTokenResponse.Parse(Inputs.Text(d), Now), JsonTokens.Concat(new[] { "\"token\":", "\"tokenSignature\":", "\"expiresAt\":", "\"2026-06-01T13:00:00Z\"", "Z", "T" }).ToArray(), typeof(FormatException)),
        new("authorizer-definition", 6, d => AuthorizerDefinition.FromJson(Inputs.Text(d), "fuzz.json"), JsonTokens.Concat(PemTokens).ToArray(), typeof(LocalCloudException)),
        new("authorizer-function", 6, d => Cloud.Value.LoadAndInvokeFunction(Inputs.Text(d)), JsonTokens.Concat(new[] { "\"match\":", "\"response\":", "\"policyDocuments\":", "*", "?", "${iot:ClientId}" }).ToArray(), typeof(LocalCloudException)),
        new("public-key-pem", 3, d => PublicKeyPem.Parse(Inputs.Text(d), "fuzz.pem").Key.Dispose(), PemTokens, typeof(LocalCloudException)),
        new("token-claims", 8, d => Cloud.Value.JudgeToken(Inputs.Text(d)), TokenTokens.Concat(JsonTokens).ToArray()),
        new("mqtt-connect", 10, d => Cloud.Value.Connect(d), new[] { "\u0010", "\u0000\u0004MQTT\u0004", "?", "&", "%", "\u0000" }, typeof(MqttProtocolException), typeof(EndOfStreamException)),
        new("test-invoke-body", 8, d => Cloud.Value.TestInvoke(d), JsonTokens.Concat(new[] { "\"token\":", "\"tokenSignature\":", "\"httpContext\":", "\"mqttContext\":", "\"tlsContext\":", "\"headers\":", "\"password\":" }).ToArray()),
        new("http-publish-request", 8, d => Cloud.Value.Publish(Inputs.Text(d)), UrlTokens),
        new("mqtt-username-verify", 5, d => Cloud.Value.Verify(Inputs.Text(d)), UrlTokens),
        new("policy-document", 8, d => Cloud.Value.Policy(Inputs.Text(d)), JsonTokens.Concat(new[] { "\"Statement\":", "\"Effect\":\"Allow\"", "\"Action\":", "\"Resource\":", "*", "?", "${iot:ClientId}" }).ToArray()),
    };

    private static RsaPrivateKey FromDer(byte[] d) =>
        d.Length > 0 && (d[0] & 1) == 0 ? RsaPrivateKey.FromPkcs8Der(d.AsSpan(1).ToArray()) : RsaPrivateKey.FromPkcs1Der(d.Length > 0 ? d.AsSpan(1).ToArray() : d);

    private static void Base64UrlRoundTrip(byte[] d)
    {
        string text = Inputs.Text(d);
        byte[] decoded = Base64Url.Decode(text);
        if (Base64Url.Encode(decoded) != text)
        {
            throw new InvalidDataException("base64url: a decoded value does not encode back to its canonical text");
        }

        Base64Url.ToStandardBase64(text);
    }

    private static void ReadAllJson(byte[] d)
    {
        var reader = new JsonReader(Inputs.Text(d));
        int n = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                case JsonTokenType.PropertyName:
                    reader.GetString();
                    break;
                case JsonTokenType.Number:
                    reader.GetNumberText();
                    try
                    {
                        reader.GetInt64();
                    }
                    catch (FormatException)
                    {
                        // Documented: not an integer, or outside 64 bits.
                    }

                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    reader.GetBoolean();
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (++n % 3 == 0)
                    {
                        reader.Skip();
                    }

                    break;
            }
        }
    }

    private static void CompactAndJwt(byte[] d)
    {
        string text = Inputs.Text(d);
        CompactClaims.TryParse(text);
        HmacToken.PeekDeviceId(text);
        HmacToken.Verify(text, new byte[32], Now, 86400, 60);
        if (JwtTokens.IsCompactJwt(text))
        {
            JwtTokens.ToAwsIotToken(new AuthToken(text, null, DateTime.MinValue, AuthToken.NoExpiry));
        }
    }
}
