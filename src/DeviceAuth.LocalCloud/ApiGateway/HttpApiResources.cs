using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>An HTTP API of the local control plane (CreateApi) with its authorizers, routes, integrations and stages.</summary>
internal sealed class HttpApi
{
    public string ApiId { get; init; }

    public string Name { get; set; }

    public string ApiEndpoint { get; init; }

    public DateTimeOffset CreatedDate { get; init; }

    /// <summary>Authorizers by id, in creation order.</summary>
    public List<HttpApiAuthorizer> Authorizers { get; } = new();

    public List<HttpApiRoute> Routes { get; } = new();

    public List<HttpApiIntegration> Integrations { get; } = new();

    public List<HttpApiStage> Stages { get; } = new();

    public JsonObject ToJson() => new()
    {
        ["apiEndpoint"] = ApiEndpoint,
        ["apiId"] = ApiId,
        ["apiKeySelectionExpression"] = "$request.header.x-api-key",
        ["createdDate"] = CreatedDate.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["disableExecuteApiEndpoint"] = false,
        ["name"] = Name,
        ["protocolType"] = "HTTP",
        ["routeSelectionExpression"] = "$request.method $request.path",
    };
}

/// <summary>A route (CreateRoute): its key and how it is authorized.</summary>
internal sealed class HttpApiRoute
{
    public string RouteId { get; init; }

    public RouteKey Key { get; set; }

    /// <summary>NONE, JWT or CUSTOM.</summary>
    public string AuthorizationType { get; set; } = "NONE";

    public string AuthorizerId { get; set; }

    public List<string> AuthorizationScopes { get; set; }

    public string Target { get; set; }

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["apiKeyRequired"] = false,
            ["authorizationType"] = AuthorizationType,
            ["routeId"] = RouteId,
            ["routeKey"] = Key.Text,
        };
        if (AuthorizerId != null)
        {
            o["authorizerId"] = AuthorizerId;
        }

        if (AuthorizationScopes is { Count: > 0 })
        {
            o["authorizationScopes"] = new JsonArray(AuthorizationScopes.Select(s => (JsonNode)s).ToArray());
        }

        if (Target != null)
        {
            o["target"] = Target;
        }

        return o;
    }
}

/// <summary>An integration (CreateIntegration), recorded only: the local data plane answers for every integration itself.</summary>
internal sealed class HttpApiIntegration
{
    public string IntegrationId { get; init; }

    public JsonObject Body { get; init; }

    public JsonObject ToJson()
    {
        var o = (JsonObject)Body.DeepClone();
        o["integrationId"] = IntegrationId;
        return o;
    }
}

/// <summary>A stage (CreateStage): <c>$default</c> serves paths without a prefix, a named stage serves <c>/{stageName}/...</c>.</summary>
internal sealed class HttpApiStage
{
    public string StageName { get; init; }

    public bool AutoDeploy { get; init; }

    public Dictionary<string, string> StageVariables { get; init; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedDate { get; init; }

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["autoDeploy"] = AutoDeploy,
            ["createdDate"] = CreatedDate.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["lastUpdatedDate"] = CreatedDate.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["stageName"] = StageName,
        };
        if (StageVariables.Count > 0)
        {
            var vars = new JsonObject();
            foreach (var (k, v) in StageVariables)
            {
                vars[k] = v;
            }

            o["stageVariables"] = vars;
        }

        return o;
    }
}
