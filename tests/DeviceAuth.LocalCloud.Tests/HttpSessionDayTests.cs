using DeviceAuth.Crypto;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.Credentials;
using DeviceAuth.Http;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>
/// End to end: the library's HttpSession (device-signed tokens from the library, composed by the
/// library) against the local endpoint, one request per minute for a simulated day on a virtual
/// clock shared by both sides; caching on, refreshAfter 3600.
/// </summary>
public class HttpSessionDayTests
{
    [Fact]
    public async Task A_day_with_keep_alive_costs_at_most_30_invocations_and_connection_close_costs_1440()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var endpoint = await RunningEndpoint.StartAsync(clock, AuthorizerFunction.AllowAll(refreshAfter: 3600, disconnectAfter: 86400));
        var tokens = new DeviceSignedTokenSource("device-1", new RsaSha256Signer(RsaPrivateKey.FromPem(TestKeys.PrivatePem)), clock, new DeviceAuth.SystemRandomSource(7), 12 * 3600);
        var composer = new AwsIotHttpAuthorization(RunningEndpoint.AuthorizerName, RunningEndpoint.TokenKeyName, false, AwsIotHttpPlacement.Headers, clock);
        var options = new HttpSessionOptions($"https://127.0.0.1:{endpoint.Endpoints.Https.Port}");

        (long Invocations, long Connections, int Renewals) Day(bool keepAlive)
        {
            long invocations = endpoint.Stats.AuthorizerInvocations;
            long connections = endpoint.Stats.HttpConnections;
            using HttpClient client = endpoint.CreateClient();
            var session = new HttpSession(client, tokens, composer, options, clock, clock, new DeviceAuth.SystemRandomSource(1), clock);
            if (!keepAlive)
            {
                client.DefaultRequestHeaders.ConnectionClose = true; // nanoFramework's HttpClient default
            }

            for (int minute = 0; minute < 1440; minute++)
            {
                using HttpResponseMessage r = session.Post("/topics/devices/device-1/telemetry?qos=1", "{\"t\":1}"u8.ToArray(), "application/json");
                Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode);
                clock.Advance(TimeSpan.FromMinutes(1));
            }

            return (endpoint.Stats.AuthorizerInvocations - invocations, endpoint.Stats.HttpConnections - connections, session.Renewals);
        }

        var keepAlive = await Task.Run(() => Day(keepAlive: true), TestContext.Current.CancellationToken);
        var close = await Task.Run(() => Day(keepAlive: false), TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"library HttpSession, 1440 requests (1/min for a simulated day), enableCachingForHttp, refreshAfter 3600, 12 h tokens: " +
            $"keep-alive -> {keepAlive.Invocations} invocations on {keepAlive.Connections} connection(s), {keepAlive.Renewals} renewals; " +
            $"Connection: close -> {close.Invocations} invocations on {close.Connections} connections");
        Assert.True(keepAlive.Invocations <= 30, $"{keepAlive.Invocations} invocations");
        Assert.Equal(1, keepAlive.Connections);
        Assert.Equal(1440, close.Invocations);
        Assert.Equal(1440, close.Connections);
    }
}
