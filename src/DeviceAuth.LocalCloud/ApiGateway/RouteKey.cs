using System.Text.RegularExpressions;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// An HTTP API route key: <c>$default</c>, or <c>METHOD /path</c> with METHOD one of ANY, GET, POST,
/// PUT, PATCH, DELETE, HEAD, OPTIONS and path segments that may be <c>{name}</c> or, last, the
/// greedy <c>{name+}</c> ("Working with routes for HTTP APIs").
/// </summary>
internal sealed partial class RouteKey
{
    private static readonly string[] Methods = { "ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };
    private readonly string[] _segments;

    private RouteKey(string text, string method, string[] segments)
    {
        Text = text;
        Method = method;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>The method, or null for <c>$default</c>.</summary>
    public string Method { get; }

    public bool IsDefault => Method == null;

    /// <summary>The route's path (<c>/telemetry/{id}</c>), or null for <c>$default</c>.</summary>
    public string Path => IsDefault ? null : "/" + string.Join('/', _segments);

    /// <summary>Parses a route key; throws BadRequestException when it is not one.</summary>
    public static RouteKey Parse(string text)
    {
        if (text == "$default")
        {
            return new RouteKey(text, null, Array.Empty<string>());
        }

        int space = text?.IndexOf(' ') ?? -1;
        string method = space > 0 ? text[..space] : null;
        string path = space > 0 ? text[(space + 1)..] : null;
        if (method == null || !Methods.Contains(method) || path == null || !path.StartsWith('/'))
        {
            throw ApiGatewayException.BadRequest("RouteKey must be $default or 'METHOD /path' with METHOD one of ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
        }

        string[] segments = path == "/" ? Array.Empty<string>() : path[1..].Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            bool greedy = segments[i].EndsWith("+}", StringComparison.Ordinal);
            if (!Segment().IsMatch(segments[i]) || (greedy && i != segments.Length - 1))
            {
                throw ApiGatewayException.BadRequest($"RouteKey path segment '{IdentitySourceSelection.Printable(segments[i])}' is invalid (a literal, {{name}}, or {{name+}} as the last segment)");
            }
        }

        return new RouteKey(text, method, segments);
    }

    /// <summary>
    /// How well this route matches <paramref name="method"/> <paramref name="path"/>: -1 for no match;
    /// higher is more specific (literal segments, then parameters, then greedy; a named method over ANY).
    /// </summary>
    public int Match(string method, string path, Dictionary<string, string> pathParameters)
    {
        if (IsDefault || (Method != "ANY" && Method != method))
        {
            return -1;
        }

        string[] parts = path == "/" ? Array.Empty<string>() : path.TrimStart('/').Split('/');
        int score = 0;
        for (int i = 0; i < _segments.Length; i++)
        {
            string s = _segments[i];
            if (s.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i >= parts.Length)
                {
                    return -1;
                }

                pathParameters[s[1..^2]] = string.Join('/', parts[i..]);
                return (score * 4) + 1 + (Method == "ANY" ? 0 : 1);
            }

            if (i >= parts.Length)
            {
                return -1;
            }

            if (s.StartsWith('{'))
            {
                pathParameters[s[1..^1]] = Uri.UnescapeDataString(parts[i]);
                score = (score * 4) + 2;
            }
            else if (s == parts[i])
            {
                score = (score * 4) + 3;
            }
            else
            {
                return -1;
            }
        }

        return parts.Length == _segments.Length ? (score * 4) + 2 + (Method == "ANY" ? 0 : 1) : -1;
    }

    [GeneratedRegex(@"^([A-Za-z0-9._~!$&'()*,;=:@-]+|\{[A-Za-z0-9._-]+\+?\})$")]
    private static partial Regex Segment();
}
