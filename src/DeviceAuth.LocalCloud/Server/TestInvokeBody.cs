using System.Text.Json;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.LocalCloud.Text;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// The body of TestInvokeAuthorizer (seed 004, and the contexts of CUSTOM-AUTH.md): token and
/// tokenSignature (both optional), httpContext {headers, queryString}, mqttContext {username, password (Base64),
/// clientId}, tlsContext {serverName}. Read strictly: wrong types, over-long values, escaped lone
/// surrogates, duplicate members and malformed JSON are an InvalidRequestException (400) whose
/// message names the member and the rule, never its value. Unknown members are ignored, as the
/// service's JSON protocol does.
/// </summary>
internal sealed class TestInvokeBody
{
    /// <summary>Largest body read (bytes); a longer one is answered 413.</summary>
    public const int MaxBytes = 256 * 1024;

    public string Token { get; private set; }

    public string TokenSignature { get; private set; }

    /// <summary>"http", "mqtt" or null (TLS context only, or none).</summary>
    public string Protocol { get; private set; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string QueryString { get; private set; }

    public string Username { get; private set; }

    public byte[] Password { get; private set; }

    public string ClientId { get; private set; }

    public string ServerName { get; private set; }

    /// <summary>Reads <paramref name="utf8"/>; returns null and the InvalidRequestException message when it is not an acceptable body.</summary>
    public static TestInvokeBody Parse(ReadOnlyMemory<byte> utf8, out string problem)
    {
        if (utf8.Length == 0)
        {
            problem = "The request body is empty.";
            return null;
        }

        using JsonDocument doc = JsonInput.TryParse(utf8, JsonInput.WireOptions, out problem);
        if (doc == null)
        {
            problem = "The request body " + problem + ".";
            return null;
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            problem = doc.RootElement.ValueKind == JsonValueKind.Null ? "The request body is empty." : "The request body must be a JSON object.";
            return null;
        }

        var body = new TestInvokeBody();
        problem = body.Read(doc.RootElement);
        return problem == null ? body : null;
    }

    private string Read(JsonElement root)
    {
        string tokenProblem = String(root, "token", "token", out string token);
        string signatureProblem = String(root, "tokenSignature", "tokenSignature", out string signature);
        Token = token;
        TokenSignature = signature;
        // Both are optional in the API: an authorizer with signing disabled may get neither (its token can
        // travel in mqttContext.password). A present one must be well-formed; the engine then refuses a
        // missing one when the authorizer has signing enabled (TokenMissing, SignatureMissing).
        return tokenProblem ?? signatureProblem
            ?? (token == null ? null : ServiceLimits.CheckToken(token)) ?? (signature == null ? null : ServiceLimits.CheckTokenSignature(signature))
            ?? ReadHttp(root) ?? ReadMqtt(root) ?? ReadTls(root);
    }

    private string ReadHttp(JsonElement root)
    {
        string problem = Object(root, "httpContext", "httpContext", out JsonElement http);
        if (problem != null || http.ValueKind == JsonValueKind.Undefined)
        {
            return problem;
        }

        Protocol = "http";
        problem = Object(http, "headers", "httpContext.headers", out JsonElement headers);
        if (problem != null)
        {
            return problem;
        }

        if (headers.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty h in headers.EnumerateObject())
            {
                if (h.Value.ValueKind != JsonValueKind.String)
                {
                    return "httpContext.headers values must be strings";
                }

                string value = h.Value.GetString();
                if (h.Name.Length == 0 || h.Name.Length > ServiceLimits.HttpHeaderMax || value.Length > ServiceLimits.HttpHeaderMax)
                {
                    return $"httpContext.headers: a header name must be 1-{ServiceLimits.HttpHeaderMax} characters and a value at most {ServiceLimits.HttpHeaderMax}";
                }

                if (!Headers.TryAdd(h.Name, value))
                {
                    return "httpContext.headers names the same header twice (header names are case-insensitive)";
                }
            }
        }

        problem = String(http, "queryString", "httpContext.queryString", out string query);
        QueryString = query;
        return problem ?? (query != null && query.Length > ServiceLimits.QueryStringMax ? $"httpContext.queryString is longer than {ServiceLimits.QueryStringMax}" : null);
    }

    private string ReadMqtt(JsonElement root)
    {
        string problem = Object(root, "mqttContext", "mqttContext", out JsonElement mqtt);
        if (problem != null || mqtt.ValueKind == JsonValueKind.Undefined)
        {
            return problem;
        }

        Protocol = "mqtt";
        problem = String(mqtt, "username", "mqttContext.username", out string username)
            ?? String(mqtt, "clientId", "mqttContext.clientId", out _)
            ?? String(mqtt, "password", "mqttContext.password", out _);
        if (problem != null)
        {
            return problem;
        }

        String(mqtt, "clientId", "mqttContext.clientId", out string clientId);
        String(mqtt, "password", "mqttContext.password", out string password);
        Username = username;
        ClientId = clientId;
        if (username != null && System.Text.Encoding.UTF8.GetByteCount(username) > ServiceLimits.MqttUsernameMaxBytes)
        {
            return $"mqttContext.username is longer than {ServiceLimits.MqttUsernameMaxBytes} bytes";
        }

        if (password != null)
        {
            try
            {
                Password = Convert.FromBase64String(password);
            }
            catch (FormatException)
            {
                return "mqttContext.password must be Base64 (a blob)";
            }

            if (Password.Length > ServiceLimits.MqttPasswordMaxBytes)
            {
                return $"mqttContext.password is longer than {ServiceLimits.MqttPasswordMaxBytes} bytes";
            }
        }

        return null;
    }

    private string ReadTls(JsonElement root)
    {
        string problem = Object(root, "tlsContext", "tlsContext", out JsonElement tls);
        if (problem != null || tls.ValueKind == JsonValueKind.Undefined)
        {
            return problem;
        }

        problem = String(tls, "serverName", "tlsContext.serverName", out string serverName);
        ServerName = serverName;
        return problem ?? (serverName != null && serverName.Length > ServiceLimits.ServerNameMax ? $"tlsContext.serverName is longer than {ServiceLimits.ServerNameMax}" : null);
    }

    /// <summary>A string member (absent or null: <paramref name="value"/> null); another type is a problem.</summary>
    private static string String(JsonElement parent, string name, string path, out string value)
    {
        value = null;
        if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            return $"{path} must be a string";
        }

        value = e.GetString();
        return null;
    }

    /// <summary>An object member (absent or null: Undefined); another type is a problem.</summary>
    private static string Object(JsonElement parent, string name, string path, out JsonElement value)
    {
        value = default;
        if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return $"{path} must be an object";
        }

        value = e;
        return null;
    }
}
