namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>An incoming request to an HTTP API, as the data plane sees it (names and values as received).</summary>
internal sealed record HttpApiRequest(
    string ApiId,
    string Method,
    string RawPath,
    string RawQueryString,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string SourceIp,
    string Protocol,
    string DomainName,
    string RequestId,
    DateTimeOffset Time)
{
    /// <summary>The values of header <paramref name="name"/> (case-insensitive) joined with ',' as API Gateway joins repeated headers, or null.</summary>
    public string Header(string name)
    {
        string[] values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
        return values.Length == 0 ? null : string.Join(',', values);
    }

    /// <summary>The query parameters in order, names and values percent-decoded ('+' is a space).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryParameters()
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (string pair in (RawQueryString ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string name = eq < 0 ? pair : pair[..eq];
            string value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            list.Add(new(Decode(name), Decode(value)));
        }

        return list;
    }

    /// <summary>The values of query parameter <paramref name="name"/> (case-sensitive) joined with ',', or null.</summary>
    public string Query(string name)
    {
        string[] values = QueryParameters().Where(q => q.Key == name).Select(q => q.Value).ToArray();
        return values.Length == 0 ? null : string.Join(',', values);
    }

    private static string Decode(string s)
    {
        try
        {
            return Uri.UnescapeDataString(s.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return s;
        }
    }
}

/// <summary>Where a request landed: stage, route, the path within the stage and the route's path parameters.</summary>
internal sealed record RouteMatch(StageView Stage, RouteView Route, string StagePath, IReadOnlyDictionary<string, string> PathParameters);
