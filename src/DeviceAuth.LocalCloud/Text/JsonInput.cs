using System.Text.Json;

namespace DeviceAuth.LocalCloud.Text;

/// <summary>
/// The one way the local cloud reads JSON it did not write (definition files, function files,
/// request bodies, token payloads): syntax, depth, duplicate member names and every string's
/// decoding (escaped lone surrogates, malformed UTF-8) are checked in one pass before any value is
/// read, so reading a member afterwards cannot throw. Problems name a line and byte position,
/// never the text (a function file holds HMAC secrets, a request body tokens).
/// </summary>
internal static class JsonInput
{
    /// <summary>Deepest nesting accepted (System.Text.Json's default).</summary>
    public const int MaxDepth = 64;

    /// <summary>Options for hand-written files: comments and trailing commas are allowed.</summary>
    public static readonly JsonDocumentOptions FileOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>Options for wire data (request bodies, token payloads): strict JSON.</summary>
    public static readonly JsonDocumentOptions WireOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>Parses <paramref name="utf8"/>; on failure returns null and why (a position, never the input).</summary>
    public static JsonDocument TryParse(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options, out string problem)
    {
        problem = FindProblem(utf8.Span, options);
        if (problem != null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(utf8, options);
        }
        catch (JsonException e)
        {
            problem = Where("is not valid JSON", e.LineNumber, e.BytePositionInLine);
            return null;
        }
    }

    /// <summary>Parses <paramref name="text"/> (a file's content) or throws <see cref="LocalCloudException"/> naming <paramref name="origin"/> and a position.</summary>
    public static JsonDocument Parse(string text, string origin)
    {
        JsonDocument doc = TryParse(System.Text.Encoding.UTF8.GetBytes(text), FileOptions, out string problem);
        return doc ?? throw LocalCloudException.Invalid($"{origin}: {problem}");
    }

    private static string FindProblem(ReadOnlySpan<byte> utf8, JsonDocumentOptions options)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = options.CommentHandling, AllowTrailingCommas = options.AllowTrailingCommas, MaxDepth = options.MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    try
                    {
                        reader.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        return $"a string at byte {reader.TokenStartIndex} holds an escaped lone surrogate (\\uD800-\\uDFFF without its pair) or malformed UTF-8";
                    }
                }
            }
        }
        catch (JsonException e)
        {
            return Where("is not valid JSON", e.LineNumber, e.BytePositionInLine);
        }

        return null;
    }

    private static string Where(string what, long? line, long? byteInLine) =>
        line is long l && byteInLine is long b ? $"{what} (line {l + 1}, byte {b + 1})" : what;
}
