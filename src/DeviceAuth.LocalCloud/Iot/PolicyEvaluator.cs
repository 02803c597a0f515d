using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// A small IAM evaluator for the authorizer's policy documents: statements with Effect, Action and
/// Resource (string or array, '*' and '?' wildcards, the ${iot:ClientId} variable); an explicit
/// Deny wins, otherwise an Allow is needed. Conditions are not evaluated (a statement with a
/// Condition never allows). Enough to show pitfall 6: a policy without iot:Connect on the client.
/// </summary>
internal static class PolicyEvaluator
{
    /// <summary>True when <paramref name="documents"/> allow <paramref name="action"/> on <paramref name="resource"/>.</summary>
    public static bool IsAllowed(IReadOnlyList<string> documents, string action, string resource, string clientId)
    {
        bool allowed = false;
        foreach (string doc in documents)
        {
            JsonDocument parsed;
            try
            {
                parsed = JsonDocument.Parse(doc);
            }
            catch (JsonException)
            {
                continue;
            }

            using (parsed)
            {
                if (!parsed.RootElement.TryGetProperty("Statement", out var statements))
                {
                    continue;
                }

                foreach (JsonElement s in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToArray() : new[] { statements })
                {
                    string effect = s.TryGetProperty("Effect", out var ef) ? ef.GetString() : null;
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
            if (p.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            string pattern = p.GetString().Replace("${iot:ClientId}", clientId ?? string.Empty, StringComparison.Ordinal);
            string regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
            if (Regex.IsMatch(value, regex, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.Singleline | RegexOptions.CultureInvariant))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A policy allowing every iot:* action on every resource.</summary>
    public const string AllowAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}";
}
