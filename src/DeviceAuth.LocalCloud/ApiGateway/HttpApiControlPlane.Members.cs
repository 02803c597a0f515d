using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>Lookups, pagination and route members of <see cref="HttpApiControlPlane"/>.</summary>
internal sealed partial class HttpApiControlPlane
{
    private HttpApi Api(string id) =>
        _apis.TryGetValue(id, out HttpApi api) ? api : throw ApiGatewayException.NotFound("Api", $"Invalid API identifier specified {id}");

    private static HttpApiAuthorizer Authorizer(HttpApi api, string id) =>
        api.Authorizers.FirstOrDefault(a => a.AuthorizerId == id) ?? throw ApiGatewayException.NotFound("Authorizer", $"Invalid authorizer identifier specified {id}");

    private static HttpApiRoute Route(HttpApi api, string id) =>
        api.Routes.FirstOrDefault(r => r.RouteId == id) ?? throw ApiGatewayException.NotFound("Route", $"Invalid route identifier specified {id}");

    private static HttpApiStage Stage(HttpApi api, string name) =>
        api.Stages.FirstOrDefault(x => x.StageName == name) ?? throw ApiGatewayException.NotFound("Stage", $"Invalid stage identifier specified {name}");

    private static string Text(JsonObject body, string member) =>
        body[member] switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out string s) => s,
            _ => throw ApiGatewayException.BadRequest($"{member} must be a string"),
        };

    /// <summary>A collection page: <c>{"items": [...], "nextToken": ...}</c>; maxResults and nextToken are strings on the wire.</summary>
    private static ControlPlaneResponse Page(IEnumerable<JsonObject> all, IReadOnlyDictionary<string, string> query)
    {
        int start = 0;
        int max = int.MaxValue;
        if (query.TryGetValue("nextToken", out string token) && (!int.TryParse(token, out start) || start < 0))
        {
            throw ApiGatewayException.BadRequest("nextToken is not a token this API returned");
        }

        if (query.TryGetValue("maxResults", out string m) && (!int.TryParse(m, out max) || max < 1))
        {
            throw ApiGatewayException.BadRequest("maxResults must be a positive integer");
        }

        JsonObject[] items = all.ToArray();
        var page = new JsonObject { ["items"] = new JsonArray(items.Skip(start).Take(max).Select(i => (JsonNode)i).ToArray()) };
        if (start + (long)max < items.Length)
        {
            page["nextToken"] = (start + max).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ControlPlaneResponse.Ok(200, page);
    }

    /// <summary>authorizationType, authorizerId, authorizationScopes and target of a CreateRoute / UpdateRoute body, checked together.</summary>
    private static void ApplyRouteMembers(HttpApi api, HttpApiRoute route, JsonObject body)
    {
        string type = Text(body, "authorizationType") ?? route.AuthorizationType;
        string authorizerId = body.ContainsKey("authorizerId") ? Text(body, "authorizerId") : route.AuthorizerId;
        List<string> scopes = route.AuthorizationScopes;
        if (body["authorizationScopes"] is JsonArray array)
        {
            scopes = array.Select(x => x is JsonValue v && v.TryGetValue(out string s) ? s : throw ApiGatewayException.BadRequest("authorizationScopes must be strings")).ToList();
        }

        if (type is not ("NONE" or "JWT" or "CUSTOM"))
        {
            throw ApiGatewayException.BadRequest($"authorizationType {IdentitySourceSelection.Printable(type)} is not served locally: use NONE, JWT or CUSTOM (AWS_IAM needs SigV4)");
        }

        if (type == "NONE")
        {
            authorizerId = null;
        }
        else
        {
            HttpApiAuthorizer a = authorizerId == null
                ? throw ApiGatewayException.BadRequest($"authorizationType {type} needs an authorizerId")
                : Authorizer(api, authorizerId);
            if (!RouteFits(type, a))
            {
                throw ApiGatewayException.BadRequest($"authorizationType {type} needs a {(type == "JWT" ? "JWT" : "REQUEST")} authorizer; {authorizerId} is {a.AuthorizerType}");
            }
        }

        if (scopes is { Count: > 0 } && type != "JWT")
        {
            throw ApiGatewayException.BadRequest("authorizationScopes apply only to routes with authorizationType JWT");
        }

        route.AuthorizationType = type;
        route.AuthorizerId = authorizerId;
        route.AuthorizationScopes = scopes;
        route.Target = Text(body, "target") ?? route.Target;
    }

    private static bool RouteFits(string authorizationType, HttpApiAuthorizer a) =>
        authorizationType == "JWT" ? a.IsJwt : authorizationType != "CUSTOM" || a.IsRequest;
}
