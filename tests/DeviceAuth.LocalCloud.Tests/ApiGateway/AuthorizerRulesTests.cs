using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.ApiGateway;

namespace DeviceAuth.LocalCloud.Tests.ApiGateway;

/// <summary>Every rule of <see cref="AuthorizerRules"/> refuses its own fixture with its own message; the good authorizers pass.</summary>
public class AuthorizerRulesTests
{
    private const string Uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";

    private static JsonObject Jwt() => JsonNode.Parse("""
        {"Name":"device-jwt","AuthorizerType":"JWT","IdentitySource":["$request.header.Authorization"],
         "JwtConfiguration":{"Audience":["device-api"],"Issuer":"https://devices.example.com"}}
        """)!.AsObject();

    private static JsonObject Request() => JsonNode.Parse($$"""
        {"Name":"device-request","AuthorizerType":"REQUEST","IdentitySource":["$request.header.x-device-token","$request.querystring.sig","$context.routeKey","$stageVariables.fleet"],
         "AuthorizerUri":"{{Uri}}","AuthorizerPayloadFormatVersion":"2.0","AuthorizerResultTtlInSeconds":300,"EnableSimpleResponses":true,
         "AuthorizerCredentialsArn":"arn:aws:iam::123456789012:role/apigw-invoke"}
        """)!.AsObject();

    private static string Problem(JsonObject shape, bool complete = true) => AuthorizerRules.FirstProblem(HttpApiAuthorizer.FromJson(shape, MemberNaming.Shape), complete);

    [Fact]
    public void Good_authorizers_pass()
    {
        Assert.Null(Problem(Jwt()));
        Assert.Null(Problem(Request()));
        var noSources = Request();
        noSources["IdentitySource"] = new JsonArray();
        noSources["AuthorizerResultTtlInSeconds"] = 0;
        Assert.Null(Problem(noSources));
        Assert.Null(Problem(new JsonObject { ["AuthorizerResultTtlInSeconds"] = 10 }, complete: false));
    }

    public static TheoryData<string, string, string, string> Violations => new()
    {
        // kind, member path, JSON value (null: remove), expected message fragment
        { "JWT", "Name", "\"\"", "Name is required: 1-128" },
        { "JWT", "Name", "\"" + new string('n', 129) + "\"", "Name is required: 1-128" },
        { "JWT", "Name", null, "Name is required" },
        { "JWT", "AuthorizerType", "\"TOKEN\"", "AuthorizerType must be REQUEST" },
        { "JWT", "IdentitySource", null, "IdentitySource is required" },
        { "JWT", "IdentitySource", "[\"$request.header.A\",\"$request.header.B\"]", "exactly one IdentitySource" },
        { "JWT", "IdentitySource", "[]", "exactly one IdentitySource" },
        { "JWT", "IdentitySource", "[\"$context.routeKey\"]", "reads the token from a header or a query parameter" },
        { "JWT", "IdentitySource", "[\"$request.header.Bad Header\"]", "does not name a header" },
        { "JWT", "IdentitySource", "[\"request.header.Authorization\"]", "is not a selection expression" },
        { "JWT", "JwtConfiguration", null, "needs JwtConfiguration.Issuer" },
        { "JWT", "JwtConfiguration", "{\"Audience\":[\"a\"],\"Issuer\":\"http://devices.example.com\"}", "must be an https URL" },
        { "JWT", "JwtConfiguration", "{\"Audience\":[\"a\"],\"Issuer\":\"https://devices.example.com?x=1\"}", "must be an https URL" },
        { "JWT", "JwtConfiguration", "{\"Audience\":[],\"Issuer\":\"https://devices.example.com\"}", "at least one JwtConfiguration.Audience" },
        { "JWT", "JwtConfiguration", "{\"Issuer\":\"https://devices.example.com\"}", "at least one JwtConfiguration.Audience" },
        { "JWT", "JwtConfiguration", "{\"Audience\":[\"\"],\"Issuer\":\"https://devices.example.com\"}", "Audience entries must not be empty" },
        { "JWT", "AuthorizerUri", "\"" + Uri + "\"", "AuthorizerUri is only for REQUEST" },
        { "JWT", "AuthorizerPayloadFormatVersion", "\"2.0\"", "AuthorizerPayloadFormatVersion is only for REQUEST" },
        { "JWT", "AuthorizerResultTtlInSeconds", "300", "caches nothing" },
        { "JWT", "EnableSimpleResponses", "true", "EnableSimpleResponses is only for REQUEST" },
        { "JWT", "AuthorizerCredentialsArn", "\"arn:aws:iam::123456789012:role/r\"", "AuthorizerCredentialsArn is only for REQUEST" },
        { "JWT", "IdentityValidationExpression", "\".*\"", "IdentityValidationExpression is not used" },
        { "REQUEST", "AuthorizerUri", null, "needs AuthorizerUri" },
        { "REQUEST", "AuthorizerUri", "\"arn:aws:lambda:us-east-1:123456789012:function:auth\"", "AuthorizerUri must be arn:aws:apigateway" },
        { "REQUEST", "AuthorizerUri", "\"arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations\"", "the URI's region must be the function's" },
        { "REQUEST", "AuthorizerUri", "\"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:12345:function:auth/invocations\"", "does not contain a Lambda function ARN" },
        { "REQUEST", "AuthorizerPayloadFormatVersion", null, "needs AuthorizerPayloadFormatVersion" },
        { "REQUEST", "AuthorizerPayloadFormatVersion", "\"3.0\"", "must be 1.0 or 2.0" },
        { "REQUEST", "AuthorizerPayloadFormatVersion", "\"1.0\"", "EnableSimpleResponses needs AuthorizerPayloadFormatVersion 2.0" },
        { "REQUEST", "AuthorizerResultTtlInSeconds", "3601", "between 0 (no caching) and 3600" },
        { "REQUEST", "AuthorizerResultTtlInSeconds", "-1", "between 0 (no caching) and 3600" },
        { "REQUEST", "IdentitySource", "[]", "needs at least one IdentitySource" },
        { "REQUEST", "IdentitySource", "[\"$request.header.X\",\"$request.header.x\"]", "twice" },
        { "REQUEST", "IdentitySource", "[\"$stageVariables.a-b\"]", "does not name a stage variable" },
        { "REQUEST", "IdentitySource", "[\"$request.querystring.a&b\"]", "does not name a query string parameter" },
        { "REQUEST", "AuthorizerCredentialsArn", "\"arn:aws:iam::123456789012:user/u\"", "must be an IAM role ARN" },
        { "REQUEST", "JwtConfiguration", "{\"Audience\":[\"a\"],\"Issuer\":\"https://devices.example.com\"}", "JwtConfiguration is only for JWT" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Each_violation_has_its_own_message(string kind, string member, string value, string expected)
    {
        JsonObject a = kind == "JWT" ? Jwt() : Request();
        a.Remove(member);
        if (value != null)
        {
            a[member] = JsonNode.Parse(value);
        }

        string problem = Problem(a);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Wrong_json_types_and_unknown_members_are_named()
    {
        var e = Assert.Throws<LocalCloudException>(() => HttpApiAuthorizer.FromJson(JsonNode.Parse("{\"AuthorizerResultTtlInSeconds\":\"300\"}")!.AsObject(), MemberNaming.Shape));
        Assert.Contains("AuthorizerResultTtlInSeconds must be an integer", e.Message);
        e = Assert.Throws<LocalCloudException>(() => HttpApiAuthorizer.FromJson(JsonNode.Parse("{\"authorizerType\":\"JWT\"}")!.AsObject(), MemberNaming.Shape));
        Assert.Contains("unknown member 'authorizerType'", e.Message);
        e = Assert.Throws<LocalCloudException>(() => HttpApiAuthorizer.FromJson(JsonNode.Parse("{\"Name\":\"x\"}")!.AsObject(), MemberNaming.Wire));
        Assert.Contains("unknown member 'Name'", e.Message);
    }

    [Fact]
    public void Both_namings_round_trip()
    {
        HttpApiAuthorizer a = HttpApiAuthorizer.FromJson(Request(), MemberNaming.Shape);
        JsonObject wire = a.ToJson(MemberNaming.Wire);
        Assert.Equal("REQUEST", (string)wire["authorizerType"]);
        Assert.True(JsonNode.DeepEquals(Request(), HttpApiAuthorizer.FromJson(wire, MemberNaming.Wire).ToJson(MemberNaming.Shape)));
        JsonObject jwtWire = HttpApiAuthorizer.FromJson(Jwt(), MemberNaming.Shape).ToJson(MemberNaming.Wire);
        Assert.Equal("https://devices.example.com", (string)jwtWire["jwtConfiguration"]["issuer"]);
    }
}
