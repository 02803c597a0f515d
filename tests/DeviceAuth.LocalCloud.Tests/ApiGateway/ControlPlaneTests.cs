using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.ApiGateway;

namespace DeviceAuth.LocalCloud.Tests.ApiGateway;

/// <summary>The local API Gateway V2 control plane in-process: resources, PATCH semantics, paging and the service's error types.</summary>
public class ControlPlaneTests
{
    private static (HttpApiControlPlane Cp, string Api) Setup()
    {
        var cp = new HttpApiControlPlane(new VirtualTime(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)), "eu-west-1", new AuthorizerResultCache());
        var r = cp.Handle("POST", Array.Empty<string>(), new Dictionary<string, string>(), new JsonObject { ["name"] = "device-api", ["protocolType"] = "HTTP" });
        Assert.Equal(201, r.Status);
        Assert.Equal("2026-03-01T00:00:00Z", (string)r.Body["createdDate"]);
        string api = (string)r.Body["apiId"];
        Assert.Matches("^[a-z0-9]{10}$", api);
        Assert.Equal($"https://{api}.execute-api.eu-west-1.amazonaws.com", (string)r.Body["apiEndpoint"]);
        return (cp, api);
    }

    private static ControlPlaneResponse Call(HttpApiControlPlane cp, string method, string path, JsonObject body = null, Dictionary<string, string> query = null) =>
        cp.Handle(method, path.Split('/', StringSplitOptions.RemoveEmptyEntries), query ?? new Dictionary<string, string>(), body);

    private static JsonObject Jwt(string name = "device-jwt") => new()
    {
        ["name"] = name,
        ["authorizerType"] = "JWT",
        ["identitySource"] = new JsonArray("$request.header.Authorization"),
        ["jwtConfiguration"] = new JsonObject { ["audience"] = new JsonArray("device-api"), ["issuer"] = "https://devices.example.com" },
    };

    private static JsonObject Request(string name = "device-request") => new()
    {
        ["name"] = name,
        ["authorizerType"] = "REQUEST",
        ["identitySource"] = new JsonArray("$request.header.x-device-token"),
        ["authorizerUri"] = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations",
        ["authorizerPayloadFormatVersion"] = "2.0",
    };

    private static void AssertError(ControlPlaneResponse r, int status, string type, string fragment)
    {
        Assert.Equal(status, r.Status);
        Assert.Equal(type, r.ErrorType);
        Assert.Contains(fragment, (string)r.Body["message"]);
    }

    [Fact]
    public void Authorizers_are_created_read_listed_in_pages_updated_and_deleted()
    {
        var (cp, api) = Setup();
        var created = Call(cp, "POST", $"{api}/authorizers", Jwt());
        Assert.Equal(201, created.Status);
        string id = (string)created.Body["authorizerId"];
        Assert.Matches("^[a-z0-9]{6}$", id);
        string id2 = (string)Call(cp, "POST", $"{api}/authorizers", Request()).Body["authorizerId"];
        var got = Call(cp, "GET", $"{api}/authorizers/{id}");
        Assert.True(JsonNode.DeepEquals(created.Body, got.Body));
        var page1 = Call(cp, "GET", $"{api}/authorizers", query: new() { ["maxResults"] = "1" });
        Assert.Equal("device-jwt", (string)page1.Body["items"][0]["name"]);
        var page2 = Call(cp, "GET", $"{api}/authorizers", query: new() { ["maxResults"] = "1", ["nextToken"] = (string)page1.Body["nextToken"] });
        Assert.Equal("device-request", (string)page2.Body["items"][0]["name"]);
        Assert.Null(page2.Body["nextToken"]);
        var updated = Call(cp, "PATCH", $"{api}/authorizers/{id2}", new JsonObject { ["authorizerResultTtlInSeconds"] = 60, ["enableSimpleResponses"] = true });
        Assert.Equal(200, updated.Status);
        Assert.Equal(60, (int)updated.Body["authorizerResultTtlInSeconds"]);
        Assert.Equal("device-request", (string)updated.Body["name"]);
        Assert.Equal(204, Call(cp, "DELETE", $"{api}/authorizers/{id2}").Status);
        AssertError(Call(cp, "GET", $"{api}/authorizers/{id2}"), 404, "NotFoundException", "Invalid authorizer identifier specified");
        Assert.Equal("Authorizer", (string)Call(cp, "GET", $"{api}/authorizers/{id2}").Body["resourceType"]);
    }

    [Fact]
    public void An_update_is_checked_merged_with_the_stored_authorizer()
    {
        var (cp, api) = Setup();
        string req = (string)Call(cp, "POST", $"{api}/authorizers", Request()).Body["authorizerId"];
        AssertError(Call(cp, "PATCH", $"{api}/authorizers/{req}", new JsonObject { ["authorizerPayloadFormatVersion"] = "1.0", ["enableSimpleResponses"] = true }), 400, "BadRequestException", "EnableSimpleResponses needs");
        AssertError(Call(cp, "PATCH", $"{api}/authorizers/{req}", new JsonObject { ["authorizerType"] = "JWT" }), 400, "BadRequestException", "needs JwtConfiguration.Issuer");
        Assert.Equal("2.0", (string)Call(cp, "GET", $"{api}/authorizers/{req}").Body["authorizerPayloadFormatVersion"]);
        AssertError(Call(cp, "POST", $"{api}/authorizers", Request()), 409, "ConflictException", "already exists");
        AssertError(Call(cp, "POST", $"{api}/authorizers", new JsonObject { ["name"] = 5 }), 400, "BadRequestException", "name must be a string");
    }

    [Fact]
    public void Routes_need_an_authorizer_of_the_matching_type_and_scopes_only_with_JWT()
    {
        var (cp, api) = Setup();
        string jwt = (string)Call(cp, "POST", $"{api}/authorizers", Jwt()).Body["authorizerId"];
        string req = (string)Call(cp, "POST", $"{api}/authorizers", Request()).Body["authorizerId"];
        AssertError(Call(cp, "POST", $"{api}/routes", new JsonObject { ["routeKey"] = "GET /a", ["authorizationType"] = "JWT", ["authorizerId"] = req }), 400, "BadRequestException", "needs a JWT authorizer");
        AssertError(Call(cp, "POST", $"{api}/routes", new JsonObject { ["routeKey"] = "GET /a", ["authorizationType"] = "CUSTOM" }), 400, "BadRequestException", "needs an authorizerId");
        AssertError(Call(cp, "POST", $"{api}/routes", new JsonObject { ["routeKey"] = "GET /a", ["authorizationType"] = "CUSTOM", ["authorizerId"] = req, ["authorizationScopes"] = new JsonArray("s") }), 400, "BadRequestException", "authorizationScopes apply only");
        AssertError(Call(cp, "POST", $"{api}/routes", new JsonObject { ["routeKey"] = "FETCH /a" }), 400, "BadRequestException", "RouteKey must be");
        AssertError(Call(cp, "POST", $"{api}/routes", new JsonObject { ["routeKey"] = "GET /{proxy+}/x" }), 400, "BadRequestException", "path segment");
        var route = Call(cp, "POST", $"{api}/routes", new JsonObject { ["routeKey"] = "GET /a", ["authorizationType"] = "JWT", ["authorizerId"] = jwt, ["authorizationScopes"] = new JsonArray("s") });
        Assert.Equal(201, route.Status);
        AssertError(Call(cp, "POST", $"{api}/routes", new JsonObject { ["routeKey"] = "GET /a" }), 409, "ConflictException", "already exists");
        AssertError(Call(cp, "DELETE", $"{api}/authorizers/{jwt}"), 409, "ConflictException", "GET /a");
        AssertError(Call(cp, "PATCH", $"{api}/authorizers/{jwt}", new JsonObject { ["authorizerType"] = "REQUEST" }), 400, "BadRequestException", "needs AuthorizerUri");
        var moved = Call(cp, "PATCH", $"{api}/routes/{(string)route.Body["routeId"]}", new JsonObject { ["authorizationType"] = "NONE", ["authorizationScopes"] = new JsonArray() });
        Assert.Equal("NONE", (string)moved.Body["authorizationType"]);
        Assert.Null(moved.Body["authorizerId"]);
        Assert.Equal(204, Call(cp, "DELETE", $"{api}/authorizers/{jwt}").Status);
    }

    [Fact]
    public void Stages_ResetAuthorizersCache_and_unknown_resources()
    {
        var (cp, api) = Setup();
        Assert.Equal(201, Call(cp, "POST", $"{api}/stages", new JsonObject { ["stageName"] = "$default" }).Status);
        AssertError(Call(cp, "POST", $"{api}/stages", new JsonObject { ["stageName"] = "$default" }), 409, "ConflictException", "already exists");
        AssertError(Call(cp, "POST", $"{api}/stages", new JsonObject { ["stageName"] = "pro d" }), 400, "BadRequestException", "stageName must be");
        Assert.Equal(204, Call(cp, "DELETE", $"{api}/stages/$default/cache/authorizers").Status);
        AssertError(Call(cp, "DELETE", $"{api}/stages/prod/cache/authorizers"), 404, "NotFoundException", "Invalid stage identifier");
        AssertError(Call(cp, "GET", "nosuchapi1/authorizers"), 404, "NotFoundException", "Invalid API identifier specified nosuchapi1");
        AssertError(Call(cp, "POST", "", new JsonObject { ["name"] = "ws", ["protocolType"] = "WEBSOCKET" }), 400, "BadRequestException", "HTTP APIs only");
    }
}
