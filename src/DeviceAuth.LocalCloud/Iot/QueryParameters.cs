namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// The service's reading of a query string (HTTP) or of the part of an MQTT username after its
/// first '?': '&amp;'-separated name=value pairs, form-decoded ('+' becomes a space, then %XX).
/// That decoding is why an unencoded '+' in a signature corrupts it (pitfall 3).
/// </summary>
internal sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> _pairs = new();

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>Problems seen while decoding (malformed escapes), without values.</summary>
    public List<string> Problems { get; } = new();

    public static QueryParameters Parse(string query)
    {
        var result = new QueryParameters();
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }

        foreach (string part in query.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            int eq = part.IndexOf('=');
            string rawName = eq < 0 ? part : part[..eq];
            string rawValue = eq < 0 ? string.Empty : part[(eq + 1)..];
            string name = FormDecode(rawName, result.Problems, "a parameter name");
            string value = FormDecode(rawValue, result.Problems, $"the value of '{name}'");
            result._pairs.Add(new(name, value));
        }

        return result;
    }

    /// <summary>The first value of <paramref name="name"/> (case-sensitive), or null.</summary>
    public string Get(string name)
    {
        foreach (var p in _pairs)
        {
            if (p.Key == name)
            {
                return p.Value;
            }
        }

        return null;
    }

    public int Count(string name) => _pairs.Count(p => p.Key == name);

    private static string FormDecode(string raw, List<string> problems, string what)
    {
        string plusDecoded = raw.Replace('+', ' ');
        try
        {
            return DeviceAuth.Encoding.PercentEncoding.Decode(plusDecoded);
        }
        catch (FormatException)
        {
            problems.Add($"{what} has a malformed %-escape");
            return plusDecoded;
        }
    }
}

/// <summary>An MQTT username as the service splits it: the user part before the first '?', and the custom-auth parameters after it.</summary>
internal sealed class MqttUsername
{
    public string User { get; private init; }

    public QueryParameters Parameters { get; private init; }

    /// <summary>Set when the service would ignore the parameters (a second '?': pitfall 1).</summary>
    public string IgnoredBecause { get; private init; }

    public static MqttUsername Parse(string username)
    {
        if (username == null)
        {
            return new MqttUsername { User = null, Parameters = QueryParameters.Parse(null) };
        }

        int q = username.IndexOf('?');
        if (q < 0)
        {
            return new MqttUsername { User = username, Parameters = QueryParameters.Parse(null) };
        }

        string query = username[(q + 1)..];
        if (query.Contains('?'))
        {
            return new MqttUsername
            {
                User = username[..q],
                Parameters = QueryParameters.Parse(null),
                IgnoredBecause = "the MQTT username contains a second '?' (e.g. SDK metrics appended with '?' instead of '&'): the service ignores the custom-authorizer parameters",
            };
        }

        return new MqttUsername { User = username[..q], Parameters = QueryParameters.Parse(query) };
    }
}
