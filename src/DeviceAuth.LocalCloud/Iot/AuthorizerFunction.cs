using System.Text.Json;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// The stand-in for the authorizer Lambda: a JSON file of rules. Each rule has a <c>match</c>
/// (all given fields must match: token, tokenPrefix, principal (the device id of a ds1/hm1 token
/// or a JWT's <c>sub</c>), clientId, username (MQTT user part), serverName, protocol,
/// hmacSecretBase64 (an hm1 token whose MAC verifies with that secret)) and a <c>response</c>
/// (isAuthenticated, principalId, policyDocuments, refreshAfterInSeconds,
/// disconnectAfterInSeconds) plus simulation fields (latencyMilliseconds, fail). The first
/// matching rule wins; <c>default</c> answers otherwise. With <c>checkExpiry</c> (default true)
/// a token whose format carries an expiry is refused once expired, as a real Lambda should. The
/// token judged is the one under tokenKeyName, else a token carried in the MQTT password
/// (<see cref="AuthorizerEvent.JudgedToken"/>).
/// </summary>
internal sealed class AuthorizerFunction
{
    private readonly List<Rule> _rules = new();

    public bool CheckExpiry { get; private set; } = true;

    public string Description { get; private set; }

    private Rule Default { get; set; }

    /// <summary>The function used when no file is given: every caller that reached it (signature verified, when signing is on) is authenticated with an allow-all policy, refresh 3600 s, disconnect 86400 s.</summary>
    public static AuthorizerFunction AllowAll(int refreshAfter = 3600, int disconnectAfter = 86400) => new()
    {
        Description = $"built-in: allow every caller whose signature verified (allow-all policy, refreshAfter {refreshAfter} s, disconnectAfter {disconnectAfter} s)",
        Default = new Rule
        {
            Response = new AuthorizerResponse
            {
                IsAuthenticated = true,
                PrincipalId = null,
                PolicyDocuments = new[] { PolicyEvaluator.AllowAll },
                RefreshAfterInSeconds = refreshAfter,
                DisconnectAfterInSeconds = disconnectAfter,
            },
        },
    };

    public static AuthorizerFunction Parse(string json, string origin)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw LocalCloudException.Invalid($"{origin}: not valid JSON ({e.Message})");
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw LocalCloudException.Invalid($"{origin}: expected an object with \"rules\" and/or \"default\"");
            }

            var f = new AuthorizerFunction { Description = $"rules from {origin}" };
            foreach (JsonProperty p in root.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "checkExpiry":
                        f.CheckExpiry = p.Value.ValueKind == JsonValueKind.True;
                        break;
                    case "default":
                        f.Default = ReadRule(p.Value, $"{origin}: default", requireMatch: false);
                        break;
                    case "rules":
                        if (p.Value.ValueKind != JsonValueKind.Array)
                        {
                            throw LocalCloudException.Invalid($"{origin}: rules must be an array");
                        }

                        int i = 0;
                        foreach (JsonElement r in p.Value.EnumerateArray())
                        {
                            f._rules.Add(ReadRule(r, $"{origin}: rules[{i++}]", requireMatch: true));
                        }

                        break;
                    default:
                        throw LocalCloudException.Invalid($"{origin}: unknown member '{p.Name}' (expected checkExpiry, rules, default)");
                }
            }

            return f;
        }
    }

    /// <summary>Runs the function on <paramref name="e"/> at <paramref name="now"/>.</summary>
    public FunctionResult Invoke(AuthorizerEvent e, DateTimeOffset now)
    {
        TokenClaims claims = TokenClaims.TryRead(e.JudgedToken);
        if (CheckExpiry && claims?.ExpiresAt is DateTimeOffset exp && now >= exp)
        {
            return new FunctionResult(new AuthorizerResponse { IsAuthenticated = false }, 0, false, "the token is expired (exp is in the past)");
        }

        if (CheckExpiry && claims?.NotBefore is DateTimeOffset nbf && now < nbf)
        {
            return new FunctionResult(new AuthorizerResponse { IsAuthenticated = false }, 0, false, "the token is not valid yet (nbf is in the future)");
        }

        foreach (Rule r in _rules)
        {
            if (r.Matches(e, claims))
            {
                return r.Result(e, claims);
            }
        }

        return Default != null
            ? Default.Result(e, claims)
            : new FunctionResult(new AuthorizerResponse { IsAuthenticated = false }, 0, false, "no rule matched and the function has no default");
    }

    private static Rule ReadRule(JsonElement r, string origin, bool requireMatch)
    {
        if (r.ValueKind != JsonValueKind.Object)
        {
            throw LocalCloudException.Invalid($"{origin}: must be an object");
        }

        var rule = new Rule();
        if (r.TryGetProperty("match", out var m))
        {
            if (m.ValueKind != JsonValueKind.Object)
            {
                throw LocalCloudException.Invalid($"{origin}: match must be an object");
            }

            foreach (JsonProperty p in m.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    throw LocalCloudException.Invalid($"{origin}: match.{p.Name} must be a string");
                }

                if (Array.IndexOf(Rule.MatchFields, p.Name) < 0)
                {
                    throw LocalCloudException.Invalid($"{origin}: unknown match field '{p.Name}' (known: {string.Join(", ", Rule.MatchFields)})");
                }

                rule.Match[p.Name] = p.Value.GetString();
            }
        }
        else if (requireMatch)
        {
            throw LocalCloudException.Invalid($"{origin}: a rule needs a \"match\" object");
        }

        if (!r.TryGetProperty("response", out var resp))
        {
            throw LocalCloudException.Invalid($"{origin}: a rule needs a \"response\" object");
        }

        rule.Response = AuthorizerResponse.FromJson(resp, origin + ".response");
        rule.LatencyMilliseconds = r.TryGetProperty("latencyMilliseconds", out var l) && l.TryGetInt32(out int ms) ? ms : 0;
        rule.Fail = r.TryGetProperty("fail", out var fl) && fl.ValueKind == JsonValueKind.True;
        return rule;
    }

    private sealed class Rule
    {
        public static readonly string[] MatchFields = { "token", "tokenPrefix", "principal", "clientId", "username", "serverName", "protocol", "hmacSecretBase64" };

        public Dictionary<string, string> Match { get; } = new(StringComparer.Ordinal);

        public AuthorizerResponse Response { get; set; }

        public int LatencyMilliseconds { get; set; }

        public bool Fail { get; set; }

        public bool Matches(AuthorizerEvent e, TokenClaims claims)
        {
            foreach (var (field, expected) in Match)
            {
                bool ok = field switch
                {
                    "token" => e.JudgedToken == expected,
                    "tokenPrefix" => e.JudgedToken != null && e.JudgedToken.StartsWith(expected, StringComparison.Ordinal),
                    "principal" => claims?.Subject == expected,
                    "clientId" => e.MqttClientId == expected,
                    "username" => e.MqttUser == expected,
                    "serverName" => string.Equals(e.TlsServerName, expected, StringComparison.OrdinalIgnoreCase),
                    "protocol" => e.Protocol == expected,
                    "hmacSecretBase64" => HmacVerifies(e, expected),
                    _ => false,
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        public FunctionResult Result(AuthorizerEvent e, TokenClaims claims)
        {
            AuthorizerResponse r = Response;
            if (r.IsAuthenticated && r.PrincipalId == null)
            {
                r = new AuthorizerResponse
                {
                    IsAuthenticated = true,
                    PrincipalId = DerivePrincipal(e, claims),
                    PolicyDocuments = r.PolicyDocuments,
                    RefreshAfterInSeconds = r.RefreshAfterInSeconds,
                    DisconnectAfterInSeconds = r.DisconnectAfterInSeconds,
                };
            }

            return new FunctionResult(r, LatencyMilliseconds, Fail, r.IsAuthenticated ? null : "the authorizer function answered isAuthenticated=false");
        }

        private static bool HmacVerifies(AuthorizerEvent e, string secretBase64)
        {
            // An HMAC token may travel under tokenKeyName or as the MQTT password (signing-disabled authorizers).
            string token = e.JudgedToken;
            if (token == null)
            {
                return false;
            }

            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(secretBase64);
            }
            catch (FormatException)
            {
                return false;
            }

            // Times are the function's checkExpiry business; here only the MAC and the format (generous lifetime and skew).
            var result = DeviceAuth.Tokens.HmacToken.Verify(token, new DotNetHmacSigner(secret), DateTime.UtcNow, 315360000, 31536000);
            return result.Status is DeviceAuth.Tokens.TokenVerificationStatus.Valid or DeviceAuth.Tokens.TokenVerificationStatus.Expired or DeviceAuth.Tokens.TokenVerificationStatus.NotYetValid;
        }

        private static string DerivePrincipal(AuthorizerEvent e, TokenClaims claims)
        {
            string source = claims?.Subject ?? e.MqttClientId ?? "device";
            var chars = source.Where(char.IsAsciiLetterOrDigit).Take(ServiceLimits.PrincipalIdMax).ToArray();
            return chars.Length > 0 ? new string(chars) : "device";
        }
    }
}

/// <summary>
/// One invocation's outcome: the response, the simulated latency, whether the Lambda failed, and why it
/// refused (no secrets). <see cref="FailedAs"/> (with <see cref="FailureDetail"/>) is set when Lambda code
/// timed out, threw or answered outside the service's rules.
/// </summary>
internal sealed record FunctionResult(AuthorizerResponse Response, int LatencyMilliseconds, bool Failed, string RefusalDetail, RefusalReason FailedAs = RefusalReason.None, string FailureDetail = null);
