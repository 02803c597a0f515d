using System.Text.Json;
using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.Functions;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// Runs authorizer Lambda code and reads its answer as the service does (TestInvokeAuthorizer's
/// InvalidResponseException cases): isAuthenticated must be a boolean, principalId 1-128 ASCII
/// letters and digits and policyDocuments a list (even when isAuthenticated is false), at most 10
/// documents of at most 2048 characters, each a JSON object or a string holding one (objects are
/// compacted to strings); refreshAfterInSeconds and disconnectAfterInSeconds default to 300 and
/// 86400 and must lie within [minSeconds, 86400].
/// </summary>
internal static class LambdaAuthorizerAnswer
{
    public const int DefaultRefreshAfterInSeconds = 300;
    public const int DefaultDisconnectAfterInSeconds = 86400;

    /// <summary>Invokes <paramref name="function"/> (as <paramref name="functionArn"/>) with the event of <paramref name="e"/> and reads the answer; failures become refusals.</summary>
    public static FunctionResult Invoke(ILambdaFunction function, string functionArn, AuthorizerEvent e, int minSeconds)
    {
        JsonNode answer;
        try
        {
            Task<JsonNode> call = function is NodeLambdaFunction node
                ? node.InvokeAsync(e.ToJson(), functionArn, CancellationToken.None)
                : function.InvokeAsync(e.ToJson(), CancellationToken.None);
            answer = call.GetAwaiter().GetResult();
        }
        catch (LambdaInvocationException x)
        {
            RefusalReason reason = x.Failure switch
            {
                LambdaFailure.Timeout => RefusalReason.FunctionTimeout,
                LambdaFailure.InvalidResult => RefusalReason.InvalidResponse,
                _ => RefusalReason.FunctionFailed,
            };
            return Failed(reason, x.Message);
        }
        catch (LocalCloudException x)
        {
            return Failed(RefusalReason.FunctionFailed, x.Message);
        }

        return Read(answer, minSeconds);
    }

    /// <summary>Reads a handler's result; an answer outside the rules becomes an InvalidResponse refusal.</summary>
    public static FunctionResult Read(JsonNode answer, int minSeconds)
    {
        if (answer is not JsonObject o || o["isAuthenticated"] is not JsonValue auth || auth.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Invalid("Lambda invocation result is in invalid format");
        }

        string principal = o["principalId"] is JsonValue p && p.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : null;
        if (principal == null || principal.Length > ServiceLimits.PrincipalIdMax || !ServiceLimits.PrincipalIdPattern().IsMatch(principal))
        {
            return Invalid("principalId failed to satisfy constraint: Member must satisfy ([a-zA-Z0-9]){1,128}");
        }

        if (o["policyDocuments"] is not JsonArray docs)
        {
            return Invalid("policyDocuments failed to satisfy constraint: List of policies cannot be null.");
        }

        if (docs.Count > ServiceLimits.PolicyDocumentsMax)
        {
            return Invalid($"policyDocuments failed to satisfy constraint: Number of policies allowed cannot exceed {ServiceLimits.PolicyDocumentsMax}");
        }

        var documents = new List<string>();
        foreach (JsonNode d in docs)
        {
            string text = d is JsonObject ? d.ToJsonString() : d is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (text == null || !IsJsonObject(text))
            {
                return Invalid("policyDocuments failed to satisfy constraint: Policy document is Malformed: Invalid policy syntax.");
            }

            if (text.Length > ServiceLimits.PolicyDocumentMax)
            {
                return Invalid($"policyDocuments failed to satisfy constraint: Size of a policy document cannot exceeds hard limit of {ServiceLimits.PolicyDocumentMax}");
            }

            documents.Add(text);
        }

        int? refresh = Seconds(o, "refreshAfterInSeconds", DefaultRefreshAfterInSeconds, minSeconds, out string refreshProblem);
        int? disconnect = Seconds(o, "disconnectAfterInSeconds", DefaultDisconnectAfterInSeconds, minSeconds, out string disconnectProblem);
        if (refresh == null || disconnect == null)
        {
            return Invalid(refreshProblem ?? disconnectProblem);
        }

        bool authenticated = auth.GetValue<bool>();
        var response = new AuthorizerResponse
        {
            IsAuthenticated = authenticated,
            PrincipalId = principal,
            PolicyDocuments = documents,
            RefreshAfterInSeconds = refresh.Value,
            DisconnectAfterInSeconds = disconnect.Value,
        };
        return new FunctionResult(response, 0, false, authenticated ? null : "the authorizer function answered isAuthenticated=false");
    }

    private static int? Seconds(JsonObject o, string name, int fallback, int minSeconds, out string problem)
    {
        problem = null;
        if (o[name] == null)
        {
            return fallback;
        }

        if (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int seconds) && seconds >= minSeconds && seconds <= ServiceLimits.SessionSecondsMax)
        {
            return seconds;
        }

        problem = $"{name} failed to satisfy constraint: Member must be greater than 5 minutes and less than 24 hours.";
        return null;
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static FunctionResult Invalid(string detail) => Failed(RefusalReason.InvalidResponse, "invalid authorizer response: " + detail);

    private static FunctionResult Failed(RefusalReason reason, string detail) =>
        new(new AuthorizerResponse { IsAuthenticated = false }, 0, reason == RefusalReason.FunctionFailed, detail, reason, detail);
}
