using System.Net;
using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.Iot;
using DeviceAuth.Credentials;
using DeviceAuth.Tokens;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>The local endpoint's HTTPS side, driven by the library's credential composer and .NET's HttpClient.</summary>
public class ServeHttpTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static HttpRequestMessage Publish(AwsIotHttpAuthorization composer, AuthToken token, string topic = "devices/d1/telemetry")
    {
        HttpAuthorizationParts parts = composer.Compose(token);
        string query = parts.ToQueryString();
        var request = new HttpRequestMessage(HttpMethod.Post, "topics/" + topic + (query.Length > 0 ? "?" + query : string.Empty))
        {
            Content = new StringContent("{\"t\":21.5}"),
        };
        for (int i = 0; i < parts.HeaderCount; i++)
        {
            request.Headers.TryAddWithoutValidation(parts.GetHeaderName(i), parts.GetHeaderValue(i));
        }

        return request;
    }

    private static AuthToken SignedToken(string token, Func<string, string> sign = null) => new(token, (sign ?? (t => TestKeys.DotNetSign(t)))(token), DateTime.MinValue, AuthToken.NoExpiry);

    private static AwsIotHttpAuthorization Composer(IClock clock, AwsIotHttpPlacement placement = AwsIotHttpPlacement.Headers) =>
        new(RunningEndpoint.AuthorizerName, RunningEndpoint.TokenKeyName, false, placement, clock);

    [Fact]
    public async Task One_request_per_minute_for_a_day_with_keep_alive_and_caching_costs_one_invocation_per_refresh()
    {
        var time = new VirtualTime(Start);
        await using var endpoint = await RunningEndpoint.StartAsync(time, AuthorizerFunction.AllowAll(refreshAfter: 3600, disconnectAfter: 86400));
        AuthToken token = SignedToken("device-1-static-token");
        var composer = Composer(time);

        async Task<long> Day(bool keepAlive, int minutes)
        {
            long before = endpoint.Stats.AuthorizerInvocations;
            using HttpClient client = endpoint.CreateClient(keepAlive);
            for (int minute = 0; minute < minutes; minute++)
            {
                using HttpResponseMessage r = await client.SendAsync(Publish(composer, token), TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                time.Advance(TimeSpan.FromMinutes(1));
            }

            return endpoint.Stats.AuthorizerInvocations - before;
        }

        long keepAliveInvocations = await Day(keepAlive: true, 1440);
        long connectionsAfterKeepAlive = endpoint.Stats.HttpConnections;
        // The full day with Connection: close runs in HttpSessionDayTests (library session); two hours suffice here.
        long closeInvocations = await Day(keepAlive: false, 120);
        TestContext.Current.TestOutputHelper?.WriteLine($"HttpClient, 1440 requests, refreshAfter 3600: keep-alive + caching -> {keepAliveInvocations} authorizer invocations on {connectionsAfterKeepAlive} connection(s); Connection: close, 120 requests -> {closeInvocations}");
        Assert.Equal(24, keepAliveInvocations);
        Assert.Equal(1, connectionsAfterKeepAlive);
        Assert.Equal(120, closeInvocations);
        Assert.Equal(1560, endpoint.Stats.HttpAccepted);
    }

    [Fact]
    public async Task Caching_off_means_one_invocation_per_request_even_with_keep_alive()
    {
        var time = new VirtualTime(Start);
        await using var endpoint = await RunningEndpoint.StartAsync(time, null, null, ServiceLimits.SessionSecondsMin, RunningEndpoint.Authorizer(caching: false));
        using HttpClient client = endpoint.CreateClient();
        for (int i = 0; i < 20; i++)
        {
            using var r = await client.SendAsync(Publish(Composer(time), SignedToken("tok")), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(20, endpoint.Stats.AuthorizerInvocations);
        Assert.Equal(1, endpoint.Stats.HttpConnections);
    }

    [Fact]
    public async Task A_new_token_on_the_same_connection_is_judged_afresh()
    {
        var time = new VirtualTime(Start);
        await using var endpoint = await RunningEndpoint.StartAsync(time);
        using HttpClient client = endpoint.CreateClient();
        foreach (string t in new[] { "tok-a", "tok-a", "tok-b", "tok-b" })
        {
            using var r = await client.SendAsync(Publish(Composer(time), SignedToken(t)), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        Assert.Equal(2, endpoint.Stats.AuthorizerInvocations);
        Assert.Equal(2, endpoint.Stats.HttpCacheHits);
    }

    [Fact]
    public async Task Bad_signature_is_refused_before_the_function_runs()
    {
        var time = new VirtualTime(Start);
        await using var endpoint = await RunningEndpoint.StartAsync(time);
        using HttpClient client = endpoint.CreateClient();
        using var r = await client.SendAsync(Publish(Composer(time), SignedToken("tok", t => TestKeys.DotNetSign(t, TestKeys.OtherKey))), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("SignatureMismatch", r.Headers.GetValues("x-deviceauth-refusal").Single());
        Assert.Equal(0, endpoint.Stats.AuthorizerInvocations);
        Assert.Equal(1, endpoint.Stats.SignatureRejections);
    }

    [Fact]
    public async Task Query_string_placement_is_accepted()
    {
        var time = new VirtualTime(Start);
        await using var endpoint = await RunningEndpoint.StartAsync(time);
        using HttpClient client = endpoint.CreateClient();
        using var r = await client.SendAsync(Publish(Composer(time, AwsIotHttpPlacement.QueryString), SignedToken("tok+/=")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task Inactive_authorizer_refuses_everything()
    {
        var time = new VirtualTime(Start);
        await using var endpoint = await RunningEndpoint.StartAsync(time, null, null, ServiceLimits.SessionSecondsMin, RunningEndpoint.Authorizer(active: false));
        using HttpClient client = endpoint.CreateClient();
        using var r = await client.SendAsync(Publish(Composer(time), SignedToken("tok")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("AuthorizerInactive", r.Headers.GetValues("x-deviceauth-refusal").Single());
    }

    [Fact]
    public async Task Policy_without_publish_on_the_topic_gives_403()
    {
        var time = new VirtualTime(Start);
        var fn = AuthorizerFunction.Parse("""
            {"default": {"response": {"isAuthenticated": true, "principalId": "d1", "refreshAfterInSeconds": 600, "disconnectAfterInSeconds": 3600,
              "policyDocuments": [{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:us-east-1:123456789012:topic/allowed/*"}]}]}}}
            """, "inline");
        await using var endpoint = await RunningEndpoint.StartAsync(time, fn);
        using HttpClient client = endpoint.CreateClient();
        using var ok = await client.SendAsync(Publish(Composer(time), SignedToken("tok"), "allowed/x"), TestContext.Current.CancellationToken);
        using var denied = await client.SendAsync(Publish(Composer(time), SignedToken("tok"), "other/x"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Connection_older_than_disconnectAfter_is_cut_and_the_next_request_is_authorized_afresh()
    {
        var time = new VirtualTime(Start);
        await using var endpoint = await RunningEndpoint.StartAsync(time, AuthorizerFunction.AllowAll(refreshAfter: 300, disconnectAfter: 600));
        using HttpClient client = endpoint.CreateClient();
        for (int minute = 0; minute < 30; minute++)
        {
            using var r = await client.SendAsync(Publish(Composer(time), SignedToken("tok")), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        // t = 0..29 min; refresh every 5 min, cut every 10 min (at 10 and 20): invocations at 0,5,10,15,20,25.
        Assert.Equal(6, endpoint.Stats.AuthorizerInvocations);
        Assert.Equal(2, endpoint.Stats.HttpConnectionsCutAtDisconnectAfter);
        Assert.Equal(1, endpoint.Stats.HttpConnections);
    }

    [Fact]
    public async Task TestInvokeAuthorizer_endpoint_answers_the_library_built_body()
    {
        var time = new VirtualTime(Start);
        await using var endpoint = await RunningEndpoint.StartAsync(time);
        using HttpClient client = endpoint.CreateClient();
        string body = TestInvokeAuthorizerRequest.ForHttp(Composer(time), SignedToken("tok"), "localhost");
        using var r = await client.PostAsync(TestInvokeAuthorizerRequest.Path(RunningEndpoint.AuthorizerName).TrimStart('/'), new StringContent(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        JsonObject response = JsonNode.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.True(response["isAuthenticated"]!.GetValue<bool>());
        Assert.Equal(3600, response["refreshAfterInSeconds"]!.GetValue<int>());
        Assert.Single(response["policyDocuments"]!.AsArray());

        string bad = TestInvokeAuthorizerRequest.ForHttp(Composer(time), SignedToken("tok", t => TestKeys.DotNetSign(t, TestKeys.OtherKey)), null);
        using var refused = await client.PostAsync("authorizer/test-authorizer/test", new StringContent(bad), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("InvalidRequestException", refused.Headers.GetValues("x-amzn-ErrorType").Single());
        using var missing = await client.PostAsync("authorizer/nope/test", new StringContent(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
