using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// The local API Gateway V2 control plane for HTTP APIs, on the service's REST paths (/v2/apis/...):
/// CreateApi, GetApi(s), DeleteApi; CreateAuthorizer, UpdateAuthorizer, GetAuthorizer(s),
/// DeleteAuthorizer; CreateRoute, UpdateRoute, GetRoute(s), DeleteRoute; CreateIntegration;
/// CreateStage, GetStage(s), DeleteStage; ResetAuthorizersCache. Enough for the AWS SDKs and CLI,
/// pointed at it with an endpoint override, to set up routes protected by authorizers.
/// </summary>
internal sealed partial class HttpApiControlPlane
{
    private readonly object _lock = new();
    private readonly Dictionary<string, HttpApi> _apis = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly string _region;

    public HttpApiControlPlane(TimeProvider time, string region, AuthorizerResultCache cache)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _region = region ?? throw new ArgumentNullException(nameof(region));
        Cache = cache ?? throw new ArgumentNullException(nameof(cache));
    }

    /// <summary>The REQUEST authorizers' result cache (emptied by ResetAuthorizersCache and by authorizer changes).</summary>
    public AuthorizerResultCache Cache { get; }

    /// <summary>Runs one control-plane request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="segments">The path segments after <c>/v2/apis</c>, URL-decoded.</param>
    /// <param name="query">Query parameters (maxResults, nextToken).</param>
    /// <param name="body">The JSON body, or null.</param>
    public ControlPlaneResponse Handle(string method, IReadOnlyList<string> segments, IReadOnlyDictionary<string, string> query, JsonObject body)
    {
        try
        {
            lock (_lock)
            {
                return Dispatch(method, segments, query, body ?? new JsonObject());
            }
        }
        catch (ApiGatewayException e)
        {
            return ControlPlaneResponse.From(e);
        }
        catch (LocalCloudException e)
        {
            return ControlPlaneResponse.From(ApiGatewayException.BadRequest(e.Message));
        }
    }

    /// <summary>A consistent copy of what the data plane needs for API <paramref name="apiId"/>, or null.</summary>
    public HttpApiSnapshot Snapshot(string apiId)
    {
        lock (_lock)
        {
            return _apis.TryGetValue(apiId, out HttpApi api) ? HttpApiSnapshot.Of(api) : null;
        }
    }

    private ControlPlaneResponse Dispatch(string method, IReadOnlyList<string> s, IReadOnlyDictionary<string, string> query, JsonObject body)
    {
        string collection = s.Count >= 2 ? s[1] : null;
        switch (s.Count, method, collection)
        {
            case (0, "POST", _): return CreateApi(body);
            case (0, "GET", _): return Page(_apis.Values.Select(a => a.ToJson()), query);
            case (1, "GET", _): return ControlPlaneResponse.Ok(200, Api(s[0]).ToJson());
            case (1, "DELETE", _): Api(s[0]); _apis.Remove(s[0]); Cache.Reset(s[0], null); return ControlPlaneResponse.Ok(204, null);
            case (2, "POST", "authorizers"): return CreateAuthorizer(Api(s[0]), body);
            case (2, "GET", "authorizers"): return Page(Api(s[0]).Authorizers.Select(a => a.ToJson(MemberNaming.Wire)), query);
            case (3, "GET", "authorizers"): return ControlPlaneResponse.Ok(200, Authorizer(Api(s[0]), s[2]).ToJson(MemberNaming.Wire));
            case (3, "PATCH", "authorizers"): return UpdateAuthorizer(Api(s[0]), s[2], body);
            case (3, "DELETE", "authorizers"): return DeleteAuthorizer(Api(s[0]), s[2]);
            case (2, "POST", "routes"): return CreateRoute(Api(s[0]), body);
            case (2, "GET", "routes"): return Page(Api(s[0]).Routes.Select(r => r.ToJson()), query);
            case (3, "GET", "routes"): return ControlPlaneResponse.Ok(200, Route(Api(s[0]), s[2]).ToJson());
            case (3, "PATCH", "routes"): return UpdateRoute(Api(s[0]), s[2], body);
            case (3, "DELETE", "routes"): Api(s[0]).Routes.Remove(Route(Api(s[0]), s[2])); return ControlPlaneResponse.Ok(204, null);
            case (2, "POST", "integrations"): return CreateIntegration(Api(s[0]), body);
            case (2, "GET", "integrations"): return Page(Api(s[0]).Integrations.Select(i => i.ToJson()), query);
            case (2, "POST", "stages"): return CreateStage(Api(s[0]), body);
            case (2, "GET", "stages"): return Page(Api(s[0]).Stages.Select(x => x.ToJson()), query);
            case (3, "GET", "stages"): return ControlPlaneResponse.Ok(200, Stage(Api(s[0]), s[2]).ToJson());
            case (3, "DELETE", "stages"): Api(s[0]).Stages.Remove(Stage(Api(s[0]), s[2])); Cache.Reset(s[0], s[2]); return ControlPlaneResponse.Ok(204, null);
            case (5, "DELETE", "stages") when s[3] == "cache" && s[4] == "authorizers":
                Stage(Api(s[0]), s[2]);
                Cache.Reset(s[0], s[2]);
                return ControlPlaneResponse.Ok(204, null);
            default:
                throw ApiGatewayException.NotFound(null, $"No operation for {method} /v2/apis/{string.Join('/', s)} in the local control plane");
        }
    }

    private ControlPlaneResponse CreateApi(JsonObject body)
    {
        string name = Text(body, "name") ?? throw ApiGatewayException.BadRequest("name is required");
        string protocol = Text(body, "protocolType") ?? throw ApiGatewayException.BadRequest("protocolType is required");
        if (protocol != "HTTP")
        {
            throw ApiGatewayException.BadRequest($"protocolType {IdentitySourceSelection.Printable(protocol)}: the local control plane serves HTTP APIs only");
        }

        string id = NewId(10);
        var api = new HttpApi { ApiId = id, Name = name, ApiEndpoint = $"https://{id}.execute-api.{_region}.amazonaws.com", CreatedDate = _time.GetUtcNow() };
        _apis[id] = api;
        return ControlPlaneResponse.Ok(201, api.ToJson());
    }

    private ControlPlaneResponse CreateAuthorizer(HttpApi api, JsonObject body)
    {
        HttpApiAuthorizer a = HttpApiAuthorizer.FromJson(body, MemberNaming.Wire);
        AuthorizerRules.Check(a, complete: true);
        if (api.Authorizers.Any(x => x.Name == a.Name))
        {
            throw ApiGatewayException.Conflict($"An authorizer named {a.Name} already exists in API {api.ApiId}");
        }

        a.AuthorizerId = NewId(6);
        api.Authorizers.Add(a);
        return ControlPlaneResponse.Ok(201, a.ToJson(MemberNaming.Wire));
    }

    private ControlPlaneResponse UpdateAuthorizer(HttpApi api, string id, JsonObject body)
    {
        HttpApiAuthorizer stored = Authorizer(api, id);
        HttpApiAuthorizer merged = stored.MergedWith(HttpApiAuthorizer.FromJson(body, MemberNaming.Wire));
        AuthorizerRules.Check(merged, complete: true);
        if (api.Routes.Any(r => r.AuthorizerId == id && !RouteFits(r.AuthorizationType, merged)))
        {
            throw ApiGatewayException.BadRequest($"Authorizer {id} is attached to routes of another authorization type; it cannot become {merged.AuthorizerType}");
        }

        api.Authorizers[api.Authorizers.IndexOf(stored)] = merged;
        Cache.Forget(api.ApiId, id);
        return ControlPlaneResponse.Ok(200, merged.ToJson(MemberNaming.Wire));
    }

    private ControlPlaneResponse DeleteAuthorizer(HttpApi api, string id)
    {
        HttpApiAuthorizer a = Authorizer(api, id);
        string[] users = api.Routes.Where(r => r.AuthorizerId == id).Select(r => r.Key.Text).ToArray();
        if (users.Length > 0)
        {
            throw ApiGatewayException.Conflict($"Authorizer {id} is used by route(s) {string.Join(", ", users)}; detach it first");
        }

        api.Authorizers.Remove(a);
        Cache.Forget(api.ApiId, id);
        return ControlPlaneResponse.Ok(204, null);
    }

    private ControlPlaneResponse CreateRoute(HttpApi api, JsonObject body)
    {
        var route = new HttpApiRoute { RouteId = NewId(7), Key = RouteKey.Parse(Text(body, "routeKey") ?? throw ApiGatewayException.BadRequest("routeKey is required")) };
        if (api.Routes.Any(r => r.Key.Text == route.Key.Text))
        {
            throw ApiGatewayException.Conflict($"Route with key {route.Key.Text} already exists for this API");
        }

        ApplyRouteMembers(api, route, body);
        api.Routes.Add(route);
        return ControlPlaneResponse.Ok(201, route.ToJson());
    }

    private ControlPlaneResponse UpdateRoute(HttpApi api, string id, JsonObject body)
    {
        HttpApiRoute route = Route(api, id);
        if (Text(body, "routeKey") is string key)
        {
            RouteKey parsed = RouteKey.Parse(key);
            if (api.Routes.Any(r => r != route && r.Key.Text == parsed.Text))
            {
                throw ApiGatewayException.Conflict($"Route with key {parsed.Text} already exists for this API");
            }

            route.Key = parsed;
        }

        ApplyRouteMembers(api, route, body);
        return ControlPlaneResponse.Ok(200, route.ToJson());
    }

    private ControlPlaneResponse CreateIntegration(HttpApi api, JsonObject body)
    {
        if (Text(body, "integrationType") == null)
        {
            throw ApiGatewayException.BadRequest("integrationType is required");
        }

        var integration = new HttpApiIntegration { IntegrationId = NewId(7), Body = (JsonObject)body.DeepClone() };
        api.Integrations.Add(integration);
        return ControlPlaneResponse.Ok(201, integration.ToJson());
    }

    private ControlPlaneResponse CreateStage(HttpApi api, JsonObject body)
    {
        string name = Text(body, "stageName") ?? throw ApiGatewayException.BadRequest("stageName is required");
        if (name != "$default" && !StageName().IsMatch(name))
        {
            throw ApiGatewayException.BadRequest("stageName must be $default or 1-128 of [A-Za-z0-9_-]");
        }

        if (api.Stages.Any(x => x.StageName == name))
        {
            throw ApiGatewayException.Conflict($"Stage {name} already exists");
        }

        var stage = new HttpApiStage { StageName = name, AutoDeploy = body["autoDeploy"] is JsonValue v && v.TryGetValue(out bool auto) && auto, CreatedDate = _time.GetUtcNow() };
        if (body["stageVariables"] is JsonObject vars)
        {
            foreach (var (k, val) in vars)
            {
                stage.StageVariables[k] = val is JsonValue sv && sv.TryGetValue(out string text) ? text : throw ApiGatewayException.BadRequest("stageVariables values must be strings");
            }
        }

        api.Stages.Add(stage);
        return ControlPlaneResponse.Ok(201, stage.ToJson());
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial System.Text.RegularExpressions.Regex StageName();

    private static string NewId(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
