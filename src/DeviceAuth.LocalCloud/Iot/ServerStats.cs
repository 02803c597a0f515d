using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>Counters of the local endpoint (GET /stats). Fields are updated with <see cref="Interlocked"/>.</summary>
internal sealed class ServerStats
{
    public long AuthorizerInvocations;
    public long SignatureRejections;
    public long HttpRequests;
    public long HttpAccepted;
    public long HttpRefused;
    public long HttpCacheHits;
    public long HttpConnections;
    public long HttpConnectionsCutAtDisconnectAfter;
    public long TestInvokes;
    public long MqttConnections;
    public long MqttAccepted;
    public long MqttRefused;
    public long MqttCutAtDisconnectAfter;
    public long MqttCutAtRefresh;
    public long MqttSessionsTakenOver;

    /// <summary>Gauge: HTTPS connections open now (per-connection state is held only while this counts it).</summary>
    public long HttpConnectionsOpen;

    /// <summary>Gauge: MQTT connections open now.</summary>
    public long MqttConnectionsOpen;

    public void Increment(ref long field) => Interlocked.Increment(ref field);

    public JsonObject ToJson() => new()
    {
        ["authorizerInvocations"] = Interlocked.Read(ref AuthorizerInvocations),
        ["signatureRejections"] = Interlocked.Read(ref SignatureRejections),
        ["httpRequests"] = Interlocked.Read(ref HttpRequests),
        ["httpAccepted"] = Interlocked.Read(ref HttpAccepted),
        ["httpRefused"] = Interlocked.Read(ref HttpRefused),
        ["httpCacheHits"] = Interlocked.Read(ref HttpCacheHits),
        ["httpConnections"] = Interlocked.Read(ref HttpConnections),
        ["httpConnectionsCutAtDisconnectAfter"] = Interlocked.Read(ref HttpConnectionsCutAtDisconnectAfter),
        ["testInvokes"] = Interlocked.Read(ref TestInvokes),
        ["mqttConnections"] = Interlocked.Read(ref MqttConnections),
        ["mqttAccepted"] = Interlocked.Read(ref MqttAccepted),
        ["mqttRefused"] = Interlocked.Read(ref MqttRefused),
        ["mqttCutAtDisconnectAfter"] = Interlocked.Read(ref MqttCutAtDisconnectAfter),
        ["mqttCutAtRefresh"] = Interlocked.Read(ref MqttCutAtRefresh),
        ["mqttSessionsTakenOver"] = Interlocked.Read(ref MqttSessionsTakenOver),
        ["httpConnectionsOpen"] = Interlocked.Read(ref HttpConnectionsOpen),
        ["mqttConnectionsOpen"] = Interlocked.Read(ref MqttConnectionsOpen),
    };
}
