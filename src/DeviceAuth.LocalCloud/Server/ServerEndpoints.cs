using System.Net;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>Where a running local authorizer endpoint listens.</summary>
/// <param name="Https">The HTTPS endpoint (publish, TestInvokeAuthorizer, stats).</param>
/// <param name="Mqtt">The MQTT-over-TLS endpoint, or null when no broker relay is configured.</param>
public sealed record ServerEndpoints(IPEndPoint Https, IPEndPoint Mqtt);
