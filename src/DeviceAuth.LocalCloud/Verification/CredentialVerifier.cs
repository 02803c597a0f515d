using System.Security.Cryptography;
using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.LocalCloud.Verification;

/// <summary>What the device would send, as given to <c>verify</c>.</summary>
internal sealed class VerifyInput
{
    /// <summary>"mqtt" or "http".</summary>
    public string Protocol { get; init; }

    public string MqttUsername { get; init; }

    public byte[] MqttPassword { get; init; }

    public string ClientId { get; init; }

    public List<KeyValuePair<string, string>> Headers { get; init; } = new();

    /// <summary>The query string without its leading '?', exactly as sent (still percent-encoded).</summary>
    public string Query { get; init; }

    public string ServerName { get; init; }

    public int? Port { get; init; }

    /// <summary>The ALPN protocol the client offers ("mqtt"), or null for none (nanoFramework).</summary>
    public string Alpn { get; init; }

    /// <summary>The CUSTOM_AUTH domain configuration's name, when the endpoint has one.</summary>
    public string CustomAuthDomain { get; init; }
}

/// <summary>One line of the verification report.</summary>
internal sealed record VerifyCheck(bool Ok, string Text, RefusalReason Reason = RefusalReason.None, string Pitfall = null);

/// <summary>The verdict: every check made, and the first reason the service would refuse (None when it would accept).</summary>
internal sealed class VerifyReport
{
    public List<VerifyCheck> Checks { get; } = new();

    public RefusalReason Reason { get; set; }

    public string Detail { get; set; }

    public string Pitfall { get; set; }

    public bool Accepted => Reason == RefusalReason.None;

    public AuthorizationDecision Decision { get; set; }

    public void Ok(string text) => Checks.Add(new VerifyCheck(true, text));

    public void Info(string text) => Checks.Add(new VerifyCheck(true, text, RefusalReason.None, "info"));

    /// <summary>Records a failure; the first one becomes the verdict.</summary>
    public void Fail(RefusalReason reason, string text, string pitfall = null)
    {
        Checks.Add(new VerifyCheck(false, text, reason, pitfall));
        if (Reason == RefusalReason.None)
        {
            Reason = reason;
            Detail = text;
            Pitfall = pitfall;
        }
    }
}

/// <summary>
/// Checks credentials the way the service does and says precisely why it would refuse them:
/// lengths and patterns, the username's single '?', percent-encoding of the signature (unencoded
/// '+', '/', '=' and double encoding), base64url or unpadded signatures, the signature itself
/// (.NET RSA against the authorizer's public keys), the token's expiry when its format is known
/// (ds1, hm1, JWT), port 443 without ALPN or a custom-auth SNI, and, with a function file, the
/// authorizer's answer and its policy (iot:Connect for the client id). Never prints a secret.
/// </summary>
internal static class CredentialVerifier
{
    public static VerifyReport Verify(VerifyInput input, AuthorizationEngine engine, bool functionGiven, string region = "us-east-1", string account = "123456789012")
    {
        var report = new VerifyReport();
        DateTimeOffset now = engine.Time.GetUtcNow();
        Func<string, string> lookup;
        string fieldsIgnored = null;
        bool mqtt = input.Protocol == "mqtt";
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mqtt)
        {
            CheckTransport(input, report);
            string username = input.MqttUsername ?? string.Empty;
            int bytes = System.Text.Encoding.UTF8.GetByteCount(username);
            if (bytes > ServiceLimits.MqttUsernameMaxBytes)
            {
                report.Fail(RefusalReason.TokenInvalid, $"the MQTT username is {bytes} bytes (at most {ServiceLimits.MqttUsernameMaxBytes})");
            }

            if (input.MqttPassword != null && (input.MqttPassword.Length == 0 || input.MqttPassword.Length > ServiceLimits.MqttPasswordMaxBytes))
            {
                report.Fail(RefusalReason.TokenInvalid, $"the MQTT password is {input.MqttPassword.Length} bytes (1-{ServiceLimits.MqttPasswordMaxBytes})");
            }

            if (input.ClientId != null && System.Text.Encoding.UTF8.GetByteCount(input.ClientId) > 128)
            {
                report.Fail(RefusalReason.TokenInvalid, "the client id is longer than 128 bytes (AWS IoT's limit)");
            }

            MqttUsername parsed = MqttUsername.Parse(username);
            int questionMarks = username.Count(c => c == '?');
            if (parsed.IgnoredBecause != null)
            {
                report.Fail(RefusalReason.AuthorizerFieldsIgnored, $"the username has {questionMarks} '?': the service reads parameters only after the first and ignores them all when another '?' follows (SDK metrics must be joined with '&')", "1");
                fieldsIgnored = parsed.IgnoredBecause;
            }
            else
            {
                report.Ok($"username: {bytes} bytes, {(questionMarks == 1 ? "one '?'" : "no '?' (no custom-auth parameters)")}, user part '{parsed.User}'");
            }

            foreach (string part in (questionMarks == 1 ? username[(username.IndexOf('?') + 1)..] : string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = part.IndexOf('=');
                if (eq > 0)
                {
                    raw[part[..eq]] = part[(eq + 1)..];
                }
            }

            lookup = name => parsed.Parameters.Get(name);
            foreach (string problem in parsed.Parameters.Problems)
            {
                report.Fail(RefusalReason.SignatureMalformed, problem + " in the username", "3");
            }
        }
        else
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in input.Headers)
            {
                if (name.Length > ServiceLimits.HttpHeaderMax || value.Length > ServiceLimits.HttpHeaderMax)
                {
                    report.Fail(RefusalReason.TokenInvalid, $"header '{Short(name)}' is longer than {ServiceLimits.HttpHeaderMax} characters");
                }

                headers[name] = value;
            }

            string query = input.Query ?? string.Empty;
            if (query.Length > ServiceLimits.QueryStringMax)
            {
                report.Fail(RefusalReason.TokenInvalid, $"the query string is {query.Length} characters long (at most {ServiceLimits.QueryStringMax})");
            }

            foreach (string part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = part.IndexOf('=');
                if (eq > 0)
                {
                    raw[part[..eq]] = part[(eq + 1)..];
                }
            }

            var parsedQuery = QueryParameters.Parse(query);
            foreach (string problem in parsedQuery.Problems)
            {
                report.Fail(RefusalReason.SignatureMalformed, problem + " in the query string", "3");
            }

            lookup = name => headers.TryGetValue(name, out string v) ? v : parsedQuery.Get(name);
            if (headers.TryGetValue(ServiceLimits.SignatureHeader, out string headerSig) && headerSig.Contains('%'))
            {
                report.Fail(RefusalReason.SignatureMalformed, $"the {ServiceLimits.SignatureHeader} header is percent-encoded: headers carry the raw Base64 value (only query strings and MQTT usernames are encoded)", "3");
            }

            report.Ok($"HTTP: {headers.Count} header(s), query string of {query.Length} characters");
        }

        // Which authorizer the service would use.
        string sentName = fieldsIgnored == null ? lookup(ServiceLimits.AuthorizerNameHeader) : null;
        AuthorizerDefinition authorizer = sentName != null ? engine.Find(sentName) : (engine.DefaultAuthorizerName != null ? engine.Find(engine.DefaultAuthorizerName) : null);
        if (sentName != null)
        {
            string nameProblem = ServiceLimits.CheckAuthorizerName(sentName);
            if (nameProblem != null)
            {
                report.Fail(RefusalReason.AuthorizerNameInvalid, nameProblem);
            }
            else if (engine.DefaultAuthorizerName != null && sentName != engine.DefaultAuthorizerName && !engine.AllowAuthorizerOverride)
            {
                authorizer = engine.Find(engine.DefaultAuthorizerName);
                report.Info($"authorizer '{sentName}' is ignored (allowAuthorizerOverride is false): the default '{engine.DefaultAuthorizerName}' judges");
            }
            else if (authorizer == null)
            {
                report.Fail(RefusalReason.AuthorizerNotFound, $"authorizer '{sentName}' is not one of the given authorizers ({string.Join(", ", engine.Authorizers.Select(a => a.AuthorizerName))})");
            }
            else
            {
                report.Ok($"authorizer name '{sentName}'");
            }
        }
        else if (authorizer != null)
        {
            report.Info($"no authorizer name sent: the endpoint's default authorizer '{authorizer.AuthorizerName}' is used");
        }
        else if (fieldsIgnored == null)
        {
            report.Fail(RefusalReason.NoAuthorizer, $"no {ServiceLimits.AuthorizerNameHeader} and no default authorizer (give --default-authorizer if the endpoint has one)");
        }

        if (authorizer != null && fieldsIgnored == null)
        {
            CheckTokenAndSignature(authorizer, lookup, raw, mqtt, mqtt ? input.MqttPassword : null, engine, now, report);
        }

        // The service's own pipeline, with the function when one was given.
        AuthorizationDecision decision = engine.Decide(new AuthorizationRequest
        {
            Parameter = lookup,
            FieldsIgnoredBecause = fieldsIgnored,
            Protocol = input.Protocol,
            MqttUsername = input.MqttUsername,
            MqttPassword = input.MqttPassword,
            MqttClientId = input.ClientId,
            TlsServerName = input.ServerName,
            QueryString = input.Query,
            ConnectionId = "verify",
        });
        report.Decision = decision;
        if (decision.Allowed)
        {
            if (functionGiven)
            {
                report.Ok($"authorizer function: isAuthenticated, principalId '{decision.Response.PrincipalId}', refreshAfter {decision.Response.RefreshAfterInSeconds} s, disconnectAfter {decision.Response.DisconnectAfterInSeconds} s");
                if (mqtt)
                {
                    string clientArn = $"arn:aws:iot:{region}:{account}:client/{input.ClientId}";
                    if (!PolicyEvaluator.IsAllowed(decision.Response.PolicyDocuments, "iot:Connect", clientArn, input.ClientId))
                    {
                        report.Fail(RefusalReason.PolicyDenied, $"the function's policy does not allow iot:Connect on {clientArn}: the connection fails with AUTHORIZATION_ERROR", "6");
                    }
                    else
                    {
                        report.Ok($"policy allows iot:Connect for client id '{input.ClientId}'");
                    }
                }
            }
            else
            {
                report.Info("no --function given: the authorizer Lambda's own answer (isAuthenticated, policy) is not checked");
            }
        }
        else if (report.Accepted || !report.Checks.Any(c => !c.Ok && c.Reason == decision.Reason))
        {
            string pitfall = decision.Reason switch
            {
                RefusalReason.FunctionTimeout or RefusalReason.FunctionFailed => "7",
                RefusalReason.AuthorizerFieldsIgnored => "1",
                _ => null,
            };
            report.Fail(decision.Reason, decision.Detail ?? decision.Reason.ToString(), pitfall);
        }

        return report;
    }

    private static void CheckTransport(VerifyInput input, VerifyReport report)
    {
        if (input.ServerName != null && input.ServerName.Length > ServiceLimits.ServerNameMax)
        {
            report.Fail(RefusalReason.TokenInvalid, $"the TLS server name is {input.ServerName.Length} characters (at most {ServiceLimits.ServerNameMax})");
        }

        if (input.Port == 443)
        {
            bool alpn = string.Equals(input.Alpn, "mqtt", StringComparison.Ordinal);
            bool domain = input.CustomAuthDomain != null && string.Equals(input.ServerName, input.CustomAuthDomain, StringComparison.OrdinalIgnoreCase);
            if (!alpn && !domain)
            {
                report.Fail(RefusalReason.NoAuthorizer,
                    input.CustomAuthDomain == null
                        ? "MQTT on port 443 without ALPN 'mqtt' and without a CUSTOM_AUTH domain configuration: the service does not select custom auth (TLS failure or silent hang-up). nanoFramework cannot send ALPN: create a domain configuration (authenticationType CUSTOM_AUTH, applicationProtocol SECURE_MQTT) and connect with SNI = its domain name"
                        : $"MQTT on port 443 without ALPN 'mqtt' and with SNI '{input.ServerName ?? "(none)"}' instead of the custom-auth domain '{input.CustomAuthDomain}': the service does not select custom auth",
                    "2");
            }
            else
            {
                report.Ok(alpn ? "port 443 with ALPN 'mqtt'" : $"port 443, SNI = custom-auth domain '{input.CustomAuthDomain}' (no ALPN needed)");
            }
        }
    }

    private static void CheckTokenAndSignature(AuthorizerDefinition authorizer, Func<string, string> lookup, Dictionary<string, string> raw, bool mqtt, byte[] mqttPassword, AuthorizationEngine engine, DateTimeOffset now, VerifyReport report)
    {
        string token = authorizer.TokenKeyName != null ? lookup(authorizer.TokenKeyName) : null;
        if (authorizer.SignatureRequired)
        {
            if (string.IsNullOrEmpty(token))
            {
                string password = mqttPassword == null ? string.Empty : $"; the MQTT password carries {mqttPassword.Length} bytes, but with signing enabled AWS IoT reads the token and its signature from the username only (a token in the password is for authorizers with signing disabled)";
                report.Fail(RefusalReason.TokenMissing, $"no token under tokenKeyName '{authorizer.TokenKeyName}' (authorizer '{authorizer.AuthorizerName}'){password}");
            }
            else
            {
                string problem = ServiceLimits.CheckToken(token);
                if (problem != null)
                {
                    report.Fail(RefusalReason.TokenInvalid, problem);
                }
                else
                {
                    report.Ok($"token under '{authorizer.TokenKeyName}': {token.Length} characters");
                }
            }

            string signature = lookup(ServiceLimits.SignatureHeader);
            raw.TryGetValue(ServiceLimits.SignatureHeader, out string rawSignature);
            if (string.IsNullOrEmpty(signature))
            {
                report.Fail(RefusalReason.SignatureMissing, $"no {ServiceLimits.SignatureHeader}, and authorizer '{authorizer.AuthorizerName}' has signing enabled");
            }
            else
            {
                CheckSignatureEncoding(signature, rawSignature, mqtt, authorizer, report);
                if (!string.IsNullOrEmpty(token) && report.Accepted)
                {
                    if (engine.VerifySignature(authorizer, token, signature, out string keyName))
                    {
                        int bits = authorizer.ParsedKeys.First(k => k.Key == keyName).Value.KeySize;
                        report.Ok($"signature verifies with key '{keyName}' (RSA-{bits}, PKCS#1 v1.5 SHA-256 over the token's UTF-8 bytes)");
                    }
                    else
                    {
                        report.Fail(RefusalReason.SignatureMismatch, $"the signature does not verify against any key of authorizer '{authorizer.AuthorizerName}' ({string.Join(", ", authorizer.ParsedKeys.Select(k => k.Key))}): signed with another private key, or a different token (e.g. re-encoded, trimmed, or a new token with an old signature); the Lambda is never invoked");
                    }
                }
            }
        }
        else
        {
            report.Info($"authorizer '{authorizer.AuthorizerName}' has signing disabled: no signature is checked; the Lambda alone judges");
            if (string.IsNullOrEmpty(token) && AuthorizerEvent.PasswordText(mqttPassword) is string carried)
            {
                token = carried;
                report.Info($"token carried in the MQTT password ({mqttPassword.Length} bytes): the Lambda receives it Base64-encoded in protocolData.mqtt.password");
            }
        }

        if (!string.IsNullOrEmpty(token))
        {
            TokenClaims claims = TokenClaims.TryRead(token);
            if (claims == null)
            {
                report.Info("token format not recognised (not ds1, hm1 or JWT): expiry not checked");
            }
            else if (claims.Problem != null)
            {
                report.Fail(RefusalReason.NotAuthenticated, claims.Problem + ": the function cannot judge the token's times", "4");
            }
            else if (claims.ExpiresAt is DateTimeOffset exp)
            {
                if (now >= exp)
                {
                    report.Fail(RefusalReason.NotAuthenticated, $"the {claims.Format} token of '{claims.Subject}' expired at {exp:u} ({(now - exp).TotalSeconds:F0} s before {now:u}): credentials must be produced afresh on every connect, never replayed", "4");
                }
                else if (claims.NotBefore is DateTimeOffset nbf && now < nbf)
                {
                    report.Fail(RefusalReason.NotAuthenticated, $"the {claims.Format} token is not valid before {nbf:u} (device clock ahead, or not set)");
                }
                else
                {
                    report.Ok($"{claims.Format} token of '{claims.Subject}' valid until {exp:u} ({(exp - now).TotalSeconds:F0} s left)");
                }
            }
            else
            {
                report.Info($"{claims.Format} token without an expiry");
            }
        }
    }

    private static void CheckSignatureEncoding(string signature, string rawSignature, bool mqtt, AuthorizerDefinition authorizer, VerifyReport report)
    {
        if (rawSignature != null)
        {
            if (rawSignature.Contains("%25", StringComparison.Ordinal))
            {
                report.Fail(RefusalReason.SignatureMalformed, "the signature is percent-encoded twice ('%25' escapes): encode it exactly once", "3");
                return;
            }

            if (rawSignature.Contains('+'))
            {
                report.Fail(RefusalReason.SignatureMalformed, "the signature contains an unencoded '+': the service decodes it as a space; percent-encode the signature ('+' -> %2B, '/' -> %2F, '=' -> %3D)", "3");
                return;
            }

            if (mqtt && (rawSignature.Contains('/') || rawSignature.Contains('=')))
            {
                report.Fail(RefusalReason.SignatureMalformed, "the signature contains an unencoded '/' or '=' in the MQTT username: percent-encode it ('/' -> %2F, '=' -> %3D)", "3");
                return;
            }
        }

        if (signature.Contains('-') || signature.Contains('_'))
        {
            report.Fail(RefusalReason.SignatureMalformed, "the signature is base64url ('-', '_'): convert it to standard Base64 ('+', '/') with '=' padding (a JWT's signature must be converted, not copied)", "5");
            return;
        }

        if (signature.Length % 4 != 0)
        {
            report.Fail(RefusalReason.SignatureMalformed, $"the signature has {signature.Length} characters, not a multiple of 4: standard Base64 must be padded with '=' (padding depends on the key size: {PaddingHint(authorizer)})", "5");
            return;
        }

        string problem = ServiceLimits.CheckTokenSignature(signature);
        if (problem != null)
        {
            report.Fail(RefusalReason.SignatureMalformed, problem, problem.Contains("twice") || problem.Contains("space") ? "3" : null);
            return;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            report.Fail(RefusalReason.SignatureMalformed, "the signature is not valid Base64 (wrong '=' padding for its length)", "5");
            return;
        }

        int[] sizes = authorizer.ParsedKeys.Select(k => k.Value.KeySize / 8).Distinct().ToArray();
        if (!sizes.Contains(bytes.Length))
        {
            report.Fail(RefusalReason.SignatureMalformed, $"the signature decodes to {bytes.Length} bytes but the authorizer's keys make {string.Join(" or ", sizes)}-byte signatures (padding added or dropped naively, or a truncated value)", "5");
            return;
        }

        report.Ok($"tokenSignature: {signature.Length} characters of padded standard Base64 ({bytes.Length} bytes){(rawSignature != null && rawSignature != signature ? ", percent-encoded once" : string.Empty)}");
    }

    private static string PaddingHint(AuthorizerDefinition authorizer) =>
        string.Join(", ", authorizer.ParsedKeys.Select(k => k.Value.KeySize).Distinct().Select(bits => $"RSA-{bits} signatures end with {new string('=', (3 - (bits / 8 % 3)) % 3)}{((3 - (bits / 8 % 3)) % 3 == 0 ? "no '='" : string.Empty)}"));

    private static string Short(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
