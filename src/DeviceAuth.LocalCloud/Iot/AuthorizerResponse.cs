using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>What an authorizer Lambda returns (isAuthenticated, principalId, policyDocuments, refreshAfterInSeconds, disconnectAfterInSeconds).</summary>
internal sealed class AuthorizerResponse
{
    public bool IsAuthenticated { get; init; }

    public string PrincipalId { get; init; }

    /// <summary>Policy documents as JSON strings (what TestInvokeAuthorizer returns).</summary>
    public IReadOnlyList<string> PolicyDocuments { get; init; } = Array.Empty<string>();

    public int RefreshAfterInSeconds { get; init; }

    public int DisconnectAfterInSeconds { get; init; }

    /// <summary>
    /// Null when the response satisfies the service's rules, else the InvalidResponse reason:
    /// principalId 1-128 alphanumeric, at most 10 policy documents of at most 2048 characters each,
    /// refresh/disconnect within [minSeconds, 86400] (minSeconds is 300 unless a test override lowered it).
    /// </summary>
    public string Problem(int minSeconds)
    {
        if (!IsAuthenticated)
        {
            return null;
        }

        if (string.IsNullOrEmpty(PrincipalId) || PrincipalId.Length > ServiceLimits.PrincipalIdMax || !ServiceLimits.PrincipalIdPattern().IsMatch(PrincipalId))
        {
            return "principalId must be 1-128 alphanumeric characters";
        }

        if (PolicyDocuments.Count > ServiceLimits.PolicyDocumentsMax)
        {
            return $"{PolicyDocuments.Count} policy documents (at most {ServiceLimits.PolicyDocumentsMax})";
        }

        foreach (string doc in PolicyDocuments)
        {
            if (doc.Length > ServiceLimits.PolicyDocumentMax)
            {
                return $"a policy document is {doc.Length} characters long (at most {ServiceLimits.PolicyDocumentMax})";
            }
        }

        if (RefreshAfterInSeconds < minSeconds || RefreshAfterInSeconds > ServiceLimits.SessionSecondsMax)
        {
            return $"refreshAfterInSeconds {RefreshAfterInSeconds} is outside {minSeconds}-{ServiceLimits.SessionSecondsMax}";
        }

        if (DisconnectAfterInSeconds < minSeconds || DisconnectAfterInSeconds > ServiceLimits.SessionSecondsMax)
        {
            return $"disconnectAfterInSeconds {DisconnectAfterInSeconds} is outside {minSeconds}-{ServiceLimits.SessionSecondsMax}";
        }

        return null;
    }

    /// <summary>The TestInvokeAuthorizer response body.</summary>
    public JsonObject ToJson()
    {
        var docs = new JsonArray();
        foreach (string d in PolicyDocuments)
        {
            docs.Add(d);
        }

        var o = new JsonObject { ["isAuthenticated"] = IsAuthenticated };
        if (PrincipalId != null)
        {
            o["principalId"] = PrincipalId;
        }

        o["policyDocuments"] = docs;
        o["refreshAfterInSeconds"] = RefreshAfterInSeconds;
        o["disconnectAfterInSeconds"] = DisconnectAfterInSeconds;
        return o;
    }

    /// <summary>Reads a response object of the function file (policyDocuments may be JSON objects or strings).</summary>
    public static AuthorizerResponse FromJson(JsonElement e, string origin)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw LocalCloudException.Invalid($"{origin}: a response must be a JSON object");
        }

        bool auth = false;
        if (e.TryGetProperty("isAuthenticated", out var a))
        {
            auth = a.ValueKind is JsonValueKind.True or JsonValueKind.False ? a.GetBoolean() : throw LocalCloudException.Invalid($"{origin}: isAuthenticated must be true or false");
        }

        string principal = null;
        if (e.TryGetProperty("principalId", out var p))
        {
            principal = p.ValueKind == JsonValueKind.String ? p.GetString() : throw LocalCloudException.Invalid($"{origin}: principalId must be a string");
        }
        var docs = new List<string>();
        if (e.TryGetProperty("policyDocuments", out var pd))
        {
            if (pd.ValueKind != JsonValueKind.Array)
            {
                throw LocalCloudException.Invalid($"{origin}: policyDocuments must be an array");
            }

            foreach (JsonElement d in pd.EnumerateArray())
            {
                docs.Add(d.ValueKind switch
                {
                    JsonValueKind.String => d.GetString(),
                    JsonValueKind.Object => d.GetRawText(),
                    _ => throw LocalCloudException.Invalid($"{origin}: each of policyDocuments must be a policy (a JSON object) or a string holding one"),
                });
            }
        }

        return new AuthorizerResponse
        {
            IsAuthenticated = auth,
            PrincipalId = principal,
            PolicyDocuments = docs,
            RefreshAfterInSeconds = Int(e, "refreshAfterInSeconds", 3600, origin),
            DisconnectAfterInSeconds = Int(e, "disconnectAfterInSeconds", 86400, origin),
        };
    }

    private static int Int(JsonElement e, string name, int fallback, string origin)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return fallback;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw LocalCloudException.Invalid($"{origin}: {name} must be an integer");
    }
}
