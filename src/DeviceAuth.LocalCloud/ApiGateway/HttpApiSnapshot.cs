namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>A route as the data plane sees it: its key, how it is authorized and the authorizer (a copy).</summary>
internal sealed record RouteView(RouteKey Key, string AuthorizationType, HttpApiAuthorizer Authorizer, IReadOnlyList<string> AuthorizationScopes);

/// <summary>A stage as the data plane sees it.</summary>
internal sealed record StageView(string StageName, IReadOnlyDictionary<string, string> StageVariables);

/// <summary>A consistent copy of one HTTP API for the data plane (the control plane may change the API meanwhile).</summary>
internal sealed record HttpApiSnapshot(string ApiId, IReadOnlyList<RouteView> Routes, IReadOnlyList<StageView> Stages)
{
    public static HttpApiSnapshot Of(HttpApi api)
    {
        var routes = api.Routes.Select(r => new RouteView(
            r.Key,
            r.AuthorizationType,
            r.AuthorizerId == null ? null : api.Authorizers.First(a => a.AuthorizerId == r.AuthorizerId).Copy(),
            (r.AuthorizationScopes ?? new List<string>()).ToArray())).ToArray();
        var stages = api.Stages.Select(s => new StageView(s.StageName, new Dictionary<string, string>(s.StageVariables))).ToArray();
        return new HttpApiSnapshot(api.ApiId, routes, stages);
    }

    /// <summary>
    /// The stage a request path belongs to and the path within it: <c>/{stage}/rest</c> for a named
    /// stage, else the whole path for <c>$default</c>; null when neither exists.
    /// </summary>
    public (StageView Stage, string Path) StageFor(string path)
    {
        string first = path.TrimStart('/').Split('/')[0];
        StageView named = Stages.FirstOrDefault(s => s.StageName != "$default" && s.StageName == first);
        if (named != null)
        {
            string rest = path.TrimStart('/')[first.Length..];
            return (named, rest.Length == 0 ? "/" : rest);
        }

        StageView fallback = Stages.FirstOrDefault(s => s.StageName == "$default");
        return fallback == null ? (null, null) : (fallback, path);
    }

    /// <summary>The most specific route for <paramref name="method"/> <paramref name="path"/>, else <c>$default</c>, else null.</summary>
    public RouteView RouteFor(string method, string path, out Dictionary<string, string> pathParameters)
    {
        RouteView best = null;
        int bestScore = -1;
        pathParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (RouteView r in Routes)
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            int score = r.Key.Match(method, path, parameters);
            if (score > bestScore)
            {
                best = r;
                bestScore = score;
                pathParameters = parameters;
            }
        }

        return best ?? Routes.FirstOrDefault(r => r.Key.IsDefault);
    }
}
