using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>What the service hands the authorizer Lambda: the token, whether its signature was verified, and the protocol data.</summary>
internal sealed class AuthorizerEvent
{
    public string Token { get; init; }

    public bool SignatureVerified { get; init; }

    /// <summary>"http" or "mqtt".</summary>
    public string Protocol { get; init; }

    public IReadOnlyDictionary<string, string> HttpHeaders { get; init; }

    public string QueryString { get; init; }

    public string MqttUsername { get; init; }

    public byte[] MqttPassword { get; init; }

    public string MqttClientId { get; init; }

    public string TlsServerName { get; init; }

    public string ConnectionId { get; init; }

    /// <summary>
    /// The token a function judges: the one under tokenKeyName, else the MQTT password read as UTF-8
    /// (a device may carry its token in the password for a signing-disabled authorizer, as the AWS SDKs
    /// allow; the Lambda then finds it Base64-encoded in protocolData.mqtt.password). Null when neither.
    /// </summary>
    public string JudgedToken => Token ?? PasswordText(MqttPassword);

    /// <summary>The user part of the MQTT username (before the first '?').</summary>
    public string MqttUser => MqttUsername == null ? null : (MqttUsername.IndexOf('?') is int q and >= 0 ? MqttUsername[..q] : MqttUsername);

    /// <summary>The password as UTF-8 text, or null when absent or not well-formed UTF-8.</summary>
    internal static string PasswordText(byte[] password)
    {
        if (password == null || password.Length == 0)
        {
            return null;
        }

        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(password);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The Lambda event JSON (the shape AWS IoT documents), for logs and the function file's users.</summary>
    public JsonObject ToJson()
    {
        var protocolData = new JsonObject();
        var protocols = new JsonArray();
        if (TlsServerName != null || Protocol != null)
        {
            protocols.Add("tls");
            protocolData["tls"] = new JsonObject { ["serverName"] = TlsServerName };
        }

        if (Protocol == "http")
        {
            protocols.Add("http");
            var headers = new JsonObject();
            foreach (var h in HttpHeaders ?? new Dictionary<string, string>())
            {
                headers[h.Key] = h.Value;
            }

            protocolData["http"] = new JsonObject { ["headers"] = headers, ["queryString"] = QueryString ?? string.Empty };
        }
        else if (Protocol == "mqtt")
        {
            protocols.Add("mqtt");
            protocolData["mqtt"] = new JsonObject
            {
                ["username"] = MqttUsername,
                ["password"] = MqttPassword == null ? null : Convert.ToBase64String(MqttPassword),
                ["clientId"] = MqttClientId,
            };
        }

        return new JsonObject
        {
            ["token"] = Token,
            ["signatureVerified"] = SignatureVerified,
            ["protocols"] = protocols,
            ["protocolData"] = protocolData,
            ["connectionMetadata"] = new JsonObject { ["id"] = ConnectionId },
        };
    }
}
