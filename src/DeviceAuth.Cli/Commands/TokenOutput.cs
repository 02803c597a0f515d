using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DeviceAuth.Cli.DeviceSide;
using DeviceAuth.Credentials;

namespace DeviceAuth.Cli.Commands;

/// <summary>The forms <c>token --format</c> prints, every one of the same minted token.</summary>
internal static class TokenOutput
{
    public static readonly string[] Formats = { "text", "json", "mqtt-username", "mqtt-password", "mqtt-password-base64", "http-headers", "http-query", "curl-config" };

    /// <summary>Refuses, before any key is read, a format the target does not have.</summary>
    public static void CheckFormatFits(string format, CredentialTarget target)
    {
        if (target == CredentialTarget.ApiGatewayJwt && format.StartsWith("mqtt-", StringComparison.Ordinal))
        {
            throw CliException.Invalid($"--format {format} is for AWS IoT (--for aws-iot): an API Gateway JWT authorizer takes the JWT over HTTP (--format http-headers, http-query, curl-config, json or text)");
        }
    }

    /// <summary>The whole output for <paramref name="format"/>, ending with a newline.</summary>
    public static string Render(DeviceCredentials c, string format) => format switch
    {
        "json" => CliJson.Indented(Json(c)) + "\n",
        "mqtt-username" => c.Mqtt.Username + "\n",
        "mqtt-password" => System.Text.Encoding.UTF8.GetString(Password(c)) + "\n",
        "mqtt-password-base64" => Convert.ToBase64String(Password(c)) + "\n",
        "http-headers" => Lines(Headers(c), (n, v) => $"{n}: {v}"),
        "http-query" => Query(c) + "\n",
        "curl-config" => Lines(Headers(c), (n, v) => $"header = \"{CurlQuote(n + ": " + v)}\""),
        _ => Text(c),
    };

    private static byte[] Password(DeviceCredentials c) => c.Mqtt.Password ?? throw CliException.Invalid(
        "this CONNECT has no MQTT password: the token travels in the username. To carry it in the password, as the AWS SDKs allow, add --mqtt-token-placement password (the authorizer must have signing disabled: --signing-disabled)");

    private static HttpAuthorizationParts Headers(DeviceCredentials c)
    {
        HttpAuthorizationParts parts = c.Http(AwsIotHttpPlacement.Headers);
        return parts.HeaderCount > 0 ? parts : throw CliException.Invalid("--identity-source is a query parameter: the JWT travels in the query string (--format http-query)");
    }

    private static string Query(DeviceCredentials c)
    {
        HttpAuthorizationParts parts = c.Http(AwsIotHttpPlacement.QueryString);
        return parts.QueryParameterCount > 0 ? parts.ToQueryString() : throw CliException.Invalid("--identity-source is a header: the JWT travels in a header (--format http-headers or curl-config)");
    }

    private static string Lines(HttpAuthorizationParts parts, Func<string, string, string> line)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < parts.HeaderCount; i++)
        {
            sb.Append(line(parts.GetHeaderName(i), parts.GetHeaderValue(i))).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A value for a double-quoted curl config parameter: backslash and quote escaped (header values are visible ASCII).</summary>
    internal static string CurlQuote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static JsonObject Json(DeviceCredentials c)
    {
        var o = new JsonObject
        {
            ["for"] = c.Target == CredentialTarget.AwsIot ? "aws-iot" : "apigateway-jwt",
            ["token"] = c.Token.Token,
        };
        if (c.SignatureSent)
        {
            o["tokenSignature"] = c.Token.TokenSignature;
        }

        o["issuedAt"] = c.Token.IssuedAt == DateTime.MinValue ? null : Instant(c.Token.IssuedAt);
        o["expiresAt"] = c.Token.HasExpiry ? Instant(c.Token.ExpiresAt) : null;
        if (c.Target == CredentialTarget.ApiGatewayJwt)
        {
            HttpAuthorizationParts bearer = c.Http(AwsIotHttpPlacement.Headers);
            o["http"] = bearer.HeaderCount > 0 ? new JsonObject { ["headers"] = HeaderMap(bearer) } : new JsonObject { ["queryString"] = "?" + bearer.ToQueryString() };
            return o;
        }

        var mqtt = new JsonObject { ["clientId"] = c.Mqtt.ClientId, ["username"] = c.Mqtt.Username };
        if (c.Mqtt.Password != null)
        {
            mqtt["password"] = Convert.ToBase64String(c.Mqtt.Password);
        }

        o["mqtt"] = mqtt;
        var http = new JsonObject();
        HttpAuthorizationParts headers = c.TryHttp(AwsIotHttpPlacement.Headers, out string headersProblem);
        HttpAuthorizationParts query = c.TryHttp(AwsIotHttpPlacement.QueryString, out string queryProblem);
        http[headers != null ? "headers" : "headersUnavailable"] = headers != null ? HeaderMap(headers) : headersProblem;
        http[query != null ? "queryString" : "queryStringUnavailable"] = query != null ? "?" + query.ToQueryString() : queryProblem;
        o["http"] = http;
        var invoke = new JsonObject { ["mqtt"] = c.TestInvokeInput("mqtt", AwsIotHttpPlacement.Headers, null) };
        if (headers != null || query != null)
        {
            invoke["http"] = c.TestInvokeInput("http", headers != null ? AwsIotHttpPlacement.Headers : AwsIotHttpPlacement.QueryString, null);
        }

        o["testInvokeAuthorizer"] = invoke;
        return o;
    }

    private static JsonObject HeaderMap(HttpAuthorizationParts parts)
    {
        var map = new JsonObject();
        for (int i = 0; i < parts.HeaderCount; i++)
        {
            map[parts.GetHeaderName(i)] = parts.GetHeaderValue(i);
        }

        return map;
    }

    private static string Instant(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Text(DeviceCredentials c)
    {
        var w = new StringBuilder();
        w.Append("# ").Append(c.Description).Append('\n');
        w.Append("# expires: ").Append(c.Token.HasExpiry ? c.Token.ExpiresAt.ToString("u", CultureInfo.InvariantCulture) : "never").Append('\n');
        w.Append("token:              ").Append(c.Token.Token).Append('\n');
        if (c.Target == CredentialTarget.ApiGatewayJwt)
        {
            w.Append("# for an API Gateway JWT authorizer").Append('\n');
            HttpAuthorizationParts bearer = c.Http(AwsIotHttpPlacement.Headers);
            AppendHttp(w, bearer, null, bearer.QueryParameterCount > 0 ? bearer : null, null);
            return w.ToString();
        }

        w.Append("tokenSignature:     ").Append(c.SignatureSent ? c.Token.TokenSignature : c.Token.TokenSignature == null ? "(none: unsigned)" : "(not sent: --signing-disabled)").Append('\n');
        w.Append("mqtt clientId:      ").Append(c.Mqtt.ClientId).Append('\n');
        w.Append("mqtt username:      ").Append(c.Mqtt.Username).Append('\n');
        if (c.Mqtt.Password == null)
        {
            w.Append("mqtt password:      (none: the token travels in the username)").Append('\n');
        }
        else
        {
            w.Append("mqtt password:      ").Append(System.Text.Encoding.UTF8.GetString(c.Mqtt.Password)).Append('\n');
            w.Append("  as Base64 (mqttContext.password, protocolData.mqtt.password): ").Append(Convert.ToBase64String(c.Mqtt.Password)).Append('\n');
        }

        HttpAuthorizationParts headers = c.TryHttp(AwsIotHttpPlacement.Headers, out string headersProblem);
        HttpAuthorizationParts query = c.TryHttp(AwsIotHttpPlacement.QueryString, out string queryProblem);
        AppendHttp(w, headers, headersProblem, query, queryProblem);
        w.Append("# --format json adds the TestInvokeAuthorizer bodies of this token").Append('\n');
        return w.ToString();
    }

    private static void AppendHttp(StringBuilder w, HttpAuthorizationParts headers, string headersProblem, HttpAuthorizationParts query, string queryProblem)
    {
        if (headers != null && headers.HeaderCount > 0)
        {
            for (int i = 0; i < headers.HeaderCount; i++)
            {
                w.Append(i == 0 ? "http headers:       " : "                    ").Append(headers.GetHeaderName(i)).Append(": ").Append(headers.GetHeaderValue(i)).Append('\n');
            }
        }
        else if (headersProblem != null)
        {
            w.Append("http headers:       (unavailable: ").Append(headersProblem).Append(")\n");
        }

        if (query != null)
        {
            w.Append("http query:         ").Append(query.ToQueryString()).Append('\n');
        }
        else if (queryProblem != null)
        {
            w.Append("http query:         (unavailable: ").Append(queryProblem).Append(")\n");
        }
    }
}
