using System.Text.Json;
using DeviceAuth.LocalCloud.Text;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// A small IAM evaluator for the authorizer's policy documents: statements with Effect, Action and
/// Resource (string or array, '*' and '?' wildcards, the ${iot:ClientId} variable); an explicit
/// Deny wins, otherwise an Allow is needed. Conditions are not evaluated (a statement with a
/// Condition never allows). Enough to show pitfall 6: a policy without iot:Connect on the client.
/// Whatever a function returns, evaluation never throws: a document that is not a JSON object, or a
/// statement whose members have the wrong types, is ignored.
/// </summary>
internal static class PolicyEvaluator
{
    /// <summary>True when <paramref name="documents"/> allow <paramref name="action"/> on <paramref name="resource"/>.</summary>
    public static bool IsAllowed(IReadOnlyList<string> documents, string action, string resource, string clientId)
    {
        bool allowed = false;
        foreach (string doc in documents)
        {
            using JsonDocument parsed = JsonInput.TryParse(System.Text.Encoding.UTF8.GetBytes(doc ?? string.Empty), JsonInput.WireOptions, out _);
            if (parsed == null || parsed.RootElement.ValueKind != JsonValueKind.Object || !parsed.RootElement.TryGetProperty("Statement", out var statements))
            {
                continue;
            }

            IEnumerable<JsonElement> list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : new[] { statements };
            foreach (JsonElement s in list)
            {
                if (s.ValueKind != JsonValueKind.Object || !s.TryGetProperty("Effect", out var ef) || ef.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                string effect = ef.GetString();
                if (!Matches(s, "Action", action, clientId, ignoreCase: true) || !Matches(s, "Resource", resource, clientId, ignoreCase: false))
                {
                    continue;
                }

                if (effect == "Deny")
                {
                    return false;
                }

                if (effect == "Allow" && !s.TryGetProperty("Condition", out _))
                {
                    allowed = true;
                }
            }
        }

        return allowed;
    }

    private static bool Matches(JsonElement statement, string member, string value, string clientId, bool ignoreCase)
    {
        if (!statement.TryGetProperty(member, out var m))
        {
            return false;
        }

        IEnumerable<JsonElement> patterns = m.ValueKind == JsonValueKind.Array ? m.EnumerateArray() : new[] { m };
        foreach (JsonElement p in patterns)
        {
            if (p.ValueKind == JsonValueKind.String
                && Wildcard.IsMatch(p.GetString().Replace("${iot:ClientId}", clientId ?? string.Empty, StringComparison.Ordinal), value, ignoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A policy allowing every iot:* action on every resource.</summary>
    public const string AllowAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}";
}

/// <summary>IAM-style wildcard matching ('*' any run, '?' one character) in time linear in pattern times value, whatever the pattern.</summary>
internal static class Wildcard
{
    public static bool IsMatch(string pattern, string value, bool ignoreCase)
    {
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
