using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.Functions;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// A REQUEST authorizer function's answer ("Lambda authorizer response format"): with simple
/// responses <c>{"isAuthorized": bool, "context": {...}}</c>; otherwise an IAM policy
/// <c>{"principalId", "policyDocument": {"Statement": [...]}, "context"}</c> that must allow
/// <c>execute-api:Invoke</c> on the route's ARN. Anything else is an invalid response (500).
/// </summary>
internal sealed class LambdaAuthorizerResult
{
    private LambdaAuthorizerResult(bool? isAuthorized, string policyDocument, string principalId, JsonObject context)
    {
        IsAuthorized = isAuthorized;
        PolicyDocument = policyDocument;
        PrincipalId = principalId;
        Context = context;
    }

    /// <summary>The simple response's verdict (null for an IAM-policy response).</summary>
    public bool? IsAuthorized { get; }

    /// <summary>The IAM policy as JSON text (null for a simple response).</summary>
    public string PolicyDocument { get; }

    public string PrincipalId { get; }

    /// <summary>The context passed on to the integration ($context.authorizer.*), or null.</summary>
    public JsonObject Context { get; }

    /// <summary>True when the response allows invoking <paramref name="routeArn"/>.</summary>
    public bool Allows(string routeArn) =>
        IsAuthorized ?? PolicyEvaluator.IsAllowed(new[] { PolicyDocument }, "execute-api:Invoke", routeArn, null);

    /// <summary>Reads a function result; <see cref="LambdaFailure.InvalidResult"/> when it has the wrong shape.</summary>
    /// <param name="result">The handler's return value.</param>
    /// <param name="simpleResponses">The authorizer's EnableSimpleResponses.</param>
    public static LambdaAuthorizerResult Parse(JsonNode result, bool simpleResponses)
    {
        if (result is not JsonObject o)
        {
            throw Invalid("the function returned something other than a JSON object");
        }

        JsonObject context = o["context"] switch
        {
            null => null,
            JsonObject c => (JsonObject)c.DeepClone(),
            _ => throw Invalid("context must be an object"),
        };
        if (simpleResponses)
        {
            return o["isAuthorized"] is JsonValue v && v.TryGetValue(out bool allowed)
                ? new LambdaAuthorizerResult(allowed, null, null, context)
                : throw Invalid("a simple response needs a boolean isAuthorized");
        }

        if (o["policyDocument"] is not JsonObject policy || policy["Statement"] is not (JsonArray or JsonObject))
        {
            throw Invalid("an IAM-policy response needs policyDocument with a Statement (or enable simple responses)");
        }

        string principal = o["principalId"] switch
        {
            null => null,
            JsonValue p when p.TryGetValue(out string s) => s,
            _ => throw Invalid("principalId must be a string"),
        };
        return new LambdaAuthorizerResult(null, policy.ToJsonString(), principal, context);
    }

    private static LambdaInvocationException Invalid(string why) => new(LambdaFailure.InvalidResult, "invalid authorizer response: " + why);
}
