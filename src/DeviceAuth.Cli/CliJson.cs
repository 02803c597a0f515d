using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeviceAuth.Cli;

/// <summary>
/// How the tool prints JSON: quotes as <c>\"</c> (not <c>\u0022</c>), non-ASCII text as itself, and
/// every control or invisible formatting character escaped (<c>\n</c>, <c>\u001b</c>, <c>\u202e</c>),
/// so that no value printed can move the cursor or reorder what a terminal shows.
/// </summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The node as indented JSON.</summary>
    public static string Indented(JsonNode node) => EscapeInvisible(node.ToJsonString(IndentedOptions));

    /// <summary>The node as one line of JSON.</summary>
    public static string Compact(JsonNode node) => EscapeInvisible(node.ToJsonString(CompactOptions));

    /// <summary>
    /// <paramref name="text"/> re-printed with the tool's escaping when it is JSON (an answer from a
    /// server, which may escape quotes as <c>\u0022</c>), or as it is otherwise.
    /// </summary>
    public static string Reprint(string text)
    {
        try
        {
            JsonNode node = JsonNode.Parse(text);
            return node == null ? text : Compact(node);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>
    /// The relaxed encoder escapes control characters but lets invisible formatting characters through
    /// (U+200B, the bidirectional overrides U+202A-U+202E, U+2066-U+2069). Outside string values JSON
    /// holds only ASCII, so escaping them wherever they appear keeps the JSON valid and equal in value.
    /// </summary>
    private static string EscapeInvisible(string json)
    {
        System.Text.StringBuilder sb = null;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            var category = char.GetUnicodeCategory(c);
            bool invisible = category is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;
            if (invisible)
            {
                sb ??= new System.Text.StringBuilder(json, 0, i, json.Length + 16);
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? json;
    }
}
