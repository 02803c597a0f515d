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

    /// <summary>
    /// The Lambda event JSON in the service's shape: <c>token</c> only when the signature was verified
    /// (signing enabled), <c>protocols</c>/<c>protocolData</c> only for the protocols present (tls when a
    /// server name is known; mqtt with username, password (Base64) and clientId as present; http with
    /// headers and queryString), and <c>connectionMetadata.id</c>.
    /// </summary>
    public JsonObject ToJson()
    {
        var protocolData = new JsonObject();
        var protocols = new JsonArray();
        if (TlsServerName != null)
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
            var mqtt = new JsonObject();
            if (MqttUsername != null)
            {
                mqtt["username"] = MqttUsername;
            }

            if (MqttPassword != null)
            {
                mqtt["password"] = Convert.ToBase64String(MqttPassword);
            }

            if (MqttClientId != null)
            {
                mqtt["clientId"] = MqttClientId;
            }

            protocolData["mqtt"] = mqtt;
        }

        var e = new JsonObject();
        if (SignatureVerified && Token != null)
        {
            e["token"] = Token;
        }

        e["signatureVerified"] = SignatureVerified;
        if (protocols.Count > 0)
        {
            e["protocols"] = protocols;
            e["protocolData"] = protocolData;
        }

        e["connectionMetadata"] = new JsonObject { ["id"] = ConnectionId };
        return e;
    }
}
