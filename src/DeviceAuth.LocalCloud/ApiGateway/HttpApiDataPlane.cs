using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>An answer of the local HTTP API: status, extra headers and a JSON body.</summary>
internal sealed record DataPlaneResponse(int Status, IReadOnlyDictionary<string, string> Headers, JsonObject Body);

/// <summary>
/// The local HTTP API's request path: the API by id, the stage by path prefix (or <c>$default</c>), the
/// most specific route, then its authorizer (JWT or REQUEST). Answers as API Gateway does:
/// 404 <c>{"message":"Not Found"}</c>, 401 <c>{"message":"Unauthorized"}</c> (JWT: with
/// <c>www-authenticate</c>), 403 <c>{"message":"Forbidden"}</c>, 500 <c>{"message":"Internal Server Error"}</c>.
/// An allowed request gets 200 from a stand-in integration echoing the route and the authorizer's output.
/// </summary>
internal sealed class HttpApiDataPlane
{
    private readonly HttpApiControlPlane _control;
    private readonly RequestAuthorizerCheck _request;
    private readonly Func<string, OpenIdIssuer> _issuer;

    public HttpApiDataPlane(HttpApiControlPlane control, RequestAuthorizerCheck request, Func<string, OpenIdIssuer> issuer)
    {
        _control = control;
        _request = request;
        _issuer = issuer;
    }

    public ApiGatewayStats Stats { get; } = new();

    /// <summary>One line per decision (never a token or secret); null for silence.</summary>
    public Action<string> Log { get; set; }

    public async Task<DataPlaneResponse> InvokeAsync(HttpApiRequest r, CancellationToken ct)
    {
        DataPlaneResponse response = await DecideAsync(r, ct).ConfigureAwait(false);
        Stats.Count(response.Status);
        return response;
    }

    private async Task<DataPlaneResponse> DecideAsync(HttpApiRequest r, CancellationToken ct)
    {
        HttpApiSnapshot api = _control.Snapshot(r.ApiId);
        var (stage, stagePath) = api == null ? (null, null) : api.StageFor(r.RawPath);
        Dictionary<string, string> pathParameters = null;
        RouteView route = stage == null ? null : api.RouteFor(r.Method, stagePath, out pathParameters);
        if (route == null)
        {
            return Answer(r, 404, "Not Found", api == null ? "no such API" : stage == null ? "no stage serves this path" : "no route matches", null);
        }

        var match = new RouteMatch(stage, route, stagePath, pathParameters);
        switch (route.AuthorizationType)
        {
            case "JWT":
                return Jwt(r, match);
            case "CUSTOM":
                RequestVerdict v = await _request.CheckAsync(route.Authorizer, r, match, ct).ConfigureAwait(false);
                Stats.CountFunction(v.Invoked, v.CacheHit);
                var lambda = new JsonObject { ["lambda"] = v.Result?.Context?.DeepClone() ?? new JsonObject() };
                if (v.Result?.PrincipalId != null)
                {
                    lambda["principalId"] = v.Result.PrincipalId;
                }

                string how = v.CacheHit ? "cached result" : v.Invoked ? "function invoked" : "function not invoked";
                return v.Status == 200 ? Integration(r, match, lambda, how) : Answer(r, v.Status, null, $"{v.Reason} ({how})", null);
            default:
                return Integration(r, match, null, "no authorizer");
        }
    }

    private DataPlaneResponse Jwt(HttpApiRequest r, RouteMatch match)
    {
        HttpApiAuthorizer a = match.Route.Authorizer;
        IdentitySourceSelection source = IdentitySourceSelection.Parse(a.IdentitySource[0], out _);
        string value = source.Kind == IdentitySourceKind.Header ? r.Header(source.Name) : r.Query(source.Name);
        if (string.IsNullOrEmpty(value))
        {
            return Answer(r, 401, null, $"identity source {a.IdentitySource[0]} is missing or empty", null);
        }

        JwtVerdict v = JwtAuthorizerCheck.Check(a, value, match.Route.AuthorizationScopes, _issuer(a.JwtIssuer), r.Time);
        if (!v.Allowed)
        {
            return Answer(r, v.Status, null, v.Reason, new Dictionary<string, string> { ["www-authenticate"] = v.WwwAuthenticate });
        }

        var jwt = new JsonObject { ["claims"] = v.Claims.DeepClone(), ["scopes"] = new JsonArray(match.Route.AuthorizationScopes.Select(s => (JsonNode)s).ToArray()) };
        return Integration(r, match, new JsonObject { ["jwt"] = jwt }, "JWT valid");
    }

    private DataPlaneResponse Integration(HttpApiRequest r, RouteMatch m, JsonObject authorizer, string how)
    {
        Log?.Invoke($"{r.Method} {r.RawPath} (API {r.ApiId}, stage {m.Stage.StageName}, route {m.Route.Key.Text}): 200, {how}");
        var body = new JsonObject { ["message"] = "OK", ["routeKey"] = m.Route.Key.Text, ["stage"] = m.Stage.StageName, ["requestId"] = r.RequestId };
        if (authorizer != null)
        {
            body["authorizer"] = authorizer;
        }

        return new DataPlaneResponse(200, new Dictionary<string, string>(), body);
    }

    private DataPlaneResponse Answer(HttpApiRequest r, int status, string message, string why, Dictionary<string, string> headers)
    {
        message ??= status switch { 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found", _ => "Internal Server Error" };
        Log?.Invoke($"{r.Method} {r.RawPath} (API {r.ApiId}): {status} {message}: {why}");
        var h = headers ?? new Dictionary<string, string>();
        h["x-deviceauth-refusal"] = why;
        return new DataPlaneResponse(status, h, new JsonObject { ["message"] = message });
    }
}
