using System.Text.RegularExpressions;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// The documented limits of AWS IoT Core custom authentication (../shared/CUSTOM-AUTH.md, seeds 001 and 004).
/// Patterns are ASCII: the service's <c>\w</c> is Java's <c>[a-zA-Z0-9_]</c>, not .NET's Unicode one.
/// </summary>
internal static partial class ServiceLimits
{
    public const int NameMax = 128;
    public const int TokenMax = 6144;
    public const int TokenSignatureMax = 2560;
    public const int MqttUsernameMaxBytes = 65535;
    public const int MqttPasswordMaxBytes = 65535;

    /// <summary>AWS IoT Core message broker quota "client ID size": 128 bytes of UTF-8 (applied to MQTT 5 CONNECTs, CONNACK 0x85).</summary>
    public const int MqttClientIdMaxBytes = 128;
    public const int HttpHeaderMax = 8192;
    public const int QueryStringMax = 4096;
    public const int ServerNameMax = 253;
    public const int PublicKeyValueMax = 5120;
    public const int MinRsaBits = 2048;
    public const int FunctionArnMax = 2048;
    public const int PrincipalIdMax = 128;
    public const int PolicyDocumentsMax = 10;
    public const int PolicyDocumentMax = 2048;
    public const int SessionSecondsMin = 300;
    public const int SessionSecondsMax = 86400;
    public const int TagKeyMax = 128;
    public const int TagValueMax = 256;
    public const int TagsMax = 50;

    public const string AuthorizerNameHeader = "x-amz-customauthorizer-name";
    public const string SignatureHeader = "x-amz-customauthorizer-signature";

    [GeneratedRegex("^[A-Za-z0-9_=,@-]+$")]
    public static partial Regex AuthorizerNamePattern();

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    public static partial Regex TokenKeyNamePattern();

    [GeneratedRegex("^[A-Za-z0-9+/]+={0,2}$")]
    public static partial Regex TokenSignaturePattern();

    [GeneratedRegex("^[a-zA-Z0-9:_-]+$")]
    public static partial Regex PublicKeyNamePattern();

    [GeneratedRegex("^[a-zA-Z0-9]+$")]
    public static partial Regex PrincipalIdPattern();

    [GeneratedRegex(@"^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]{1,64}(:(\$LATEST|[a-zA-Z0-9_-]+))?$")]
    public static partial Regex LambdaFunctionArnPattern();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    public static partial Regex TagPattern();

    /// <summary>Null when <paramref name="name"/> is a valid authorizerName, else why not.</summary>
    public static string CheckAuthorizerName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "authorizerName is empty (1-128 characters required)";
        }

        if (name.Length > NameMax)
        {
            return $"authorizerName is {name.Length} characters long (at most {NameMax})";
        }

        return AuthorizerNamePattern().IsMatch(name) ? null : "authorizerName contains a character outside [A-Za-z0-9_=,@-]";
    }

    /// <summary>Null when <paramref name="name"/> is a valid tokenKeyName, else why not.</summary>
    public static string CheckTokenKeyName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "tokenKeyName is empty (1-128 characters required)";
        }

        if (name.Length > NameMax)
        {
            return $"tokenKeyName is {name.Length} characters long (at most {NameMax})";
        }

        return TokenKeyNamePattern().IsMatch(name) ? null : "tokenKeyName contains a character outside [a-zA-Z0-9_-]";
    }

    /// <summary>Null when <paramref name="token"/> has a valid length, else why not (never quotes the token).</summary>
    public static string CheckToken(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return "the token is empty (1-6144 characters required)";
        }

        return token.Length > TokenMax ? $"the token is {token.Length} characters long (at most {TokenMax})" : null;
    }

    /// <summary>Null when <paramref name="signature"/> is a well-formed tokenSignature, else why not (never quotes it).</summary>
    public static string CheckTokenSignature(string signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return "tokenSignature is empty";
        }

        if (signature.Length > TokenSignatureMax)
        {
            return $"tokenSignature is {signature.Length} characters long (at most {TokenSignatureMax})";
        }

        if (signature.Contains('%'))
        {
            return "tokenSignature still contains '%' escapes after decoding: it was percent-encoded twice";
        }

        if (signature.Contains('-') || signature.Contains('_'))
        {
            return "tokenSignature uses the base64url alphabet ('-' or '_'); the service wants standard Base64 ('+', '/') with '=' padding";
        }

        if (signature.Contains(' '))
        {
            return "tokenSignature contains a space: a '+' was decoded as a space (the signature was not percent-encoded, or was form-decoded)";
        }

        if (!TokenSignaturePattern().IsMatch(signature))
        {
            return "tokenSignature does not match [A-Za-z0-9+/]+={0,2}";
        }

        if (signature.Length % 4 != 0)
        {
            return $"tokenSignature has length {signature.Length}, not a multiple of 4: standard Base64 must be padded with '='";
        }

        return null;
    }
}
