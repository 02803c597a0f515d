using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using DeviceAuth.Http;
using DeviceAuth.Tests.Lifetime;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Http
{
    /// <summary>
    /// The vended token source against a Kestrel token endpoint (HTTPS, test certificate), itself called
    /// through an authenticated HTTP session; its tokens then authorize a second session's API calls.
    /// </summary>
    public sealed class VendedTokenSourceKestrelTests : IAsyncLifetime
    {
        private KestrelTestServer _server;
        private HttpClient _client;
        private VirtualTime _time;
        private ScriptedTokenSource _serviceCredentials;
        private int _issued;
        private Func<SeenRequest, Answer> _tokenEndpoint;

        public async ValueTask InitializeAsync()
        {
            _server = await KestrelTestServer.StartAsync();
            _client = _server.CreateClient();
            _time = new VirtualTime(new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc), 5000);
            _serviceCredentials = new ScriptedTokenSource(_time, 86400);
            _tokenEndpoint = r => Issue(900);
            _server.Handler = r => r.Path == "/device/token" ? _tokenEndpoint(r) : new Answer { Body = "api" };
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _server.DisposeAsync();
        }

        private Answer Issue(int lifetimeSeconds)
        {
            _issued++;
            long exp = UnixTime.ToSeconds(_time.UtcNow) + lifetimeSeconds;
            return new Answer { ContentType = "application/json", Body = "{\"token\":\"vended-" + _issued + "\",\"tokenSignature\":\"c2lnLQ==\",\"expiresAt\":" + exp + "}" };
        }

        private HttpSession ServiceSession() =>
            new HttpSession(_client, _serviceCredentials, new TestHttpAuthorization(), new HttpSessionOptions(_server.Endpoint), _time, _time, new PinnedRandom(true), _time);

        private VendedTokenSource Source() =>
            new VendedTokenSource(ServiceSession(), "/device/token", System.Text.Encoding.UTF8.GetBytes("{\"thing\":\"device-1\"}"), "application/json", _time, _time, new PinnedRandom(true));

        [Fact]
        public void FetchesOnce_Caches_AndAuthorizesAnotherSessionsCalls()
        {
            VendedTokenSource source = Source();
            var api = new HttpSession(_client, source, new TestHttpAuthorization(), new HttpSessionOptions(_server.Endpoint), _time, _time, new PinnedRandom(true), _time);
            for (int i = 0; i < 5; i++)
            {
                using HttpResponseMessage response = api.Get("/api/thing");
                Assert.Equal(200, (int)response.StatusCode);
            }

            var requests = _server.Requests.ToList();
            Assert.Single(requests, r => r.Path == "/device/token");
            SeenRequest tokenRequest = requests.First(r => r.Path == "/device/token");
            Assert.Equal("POST", tokenRequest.Method);
            Assert.Equal("{\"thing\":\"device-1\"}", tokenRequest.Body);
            Assert.Equal(_serviceCredentials.Current.Token, tokenRequest.Headers["deviceToken"]);
            Assert.All(requests.Where(r => r.Path == "/api/thing"), r => Assert.Equal("vended-1", r.Headers["deviceToken"]));
            Assert.Equal(1, source.Fetches);
            Assert.Equal(1, _server.Connections);
        }

        [Fact]
        public void RenewsBeforeExpiry()
        {
            VendedTokenSource source = Source();
            Assert.Equal("vended-1", source.GetToken(60).Token);

            // 900 s tokens; asked for 60 s plus the 120 s lead: renewed once less than 180 s remain.
            _time.Advance(700_000);
            Assert.Equal("vended-1", source.GetToken(60).Token);
            _time.Advance(30_000);
            Assert.Equal("vended-2", source.GetToken(60).Token);
        }

        [Fact]
        public void ServiceFailure_ServesTheCachedTokenWhileValid_BacksOff_ThenRecovers()
        {
            VendedTokenSource source = Source();
            Assert.Equal("vended-1", source.GetToken(0).Token);
            _tokenEndpoint = r => new Answer { Status = 500 };
            _time.Advance(800_000);

            // Due for renewal; the service fails (a 500 to a POST is not retried), the cached token is still valid.
            Assert.Equal("vended-1", source.GetToken(0).Token);
            int tokenRequests = _server.Requests.Count(r => r.Path == "/device/token");
            Assert.Equal(1 + 1, tokenRequests);

            // Within the backoff (30 s at the top of the first window) no further request is made.
            Assert.Equal("vended-1", source.GetToken(0).Token);
            Assert.Equal(tokenRequests, _server.Requests.Count(r => r.Path == "/device/token"));

            // After it, the next call asks again (fails again: next wait 60 s) and still serves the cached token.
            _time.Advance(35_000);
            Assert.Equal("vended-1", source.GetToken(0).Token);
            Assert.Equal(tokenRequests + 1, _server.Requests.Count(r => r.Path == "/device/token"));

            // Expired, asks once more (fails: next wait 120 s): a clear error without the token.
            _time.Advance(70_000);
            var e = Assert.Throws<TokenServiceException>(() => source.GetToken(0));
            Assert.DoesNotContain("vended", e.Message);
            Assert.Equal(500, e.StatusCode);
            Assert.Equal(120_000, e.RetryInMilliseconds);
            Assert.Equal(tokenRequests + 2, _server.Requests.Count(r => r.Path == "/device/token"));

            // While backing off: the same error at once, no I/O.
            Assert.Throws<TokenServiceException>(() => source.GetToken(0));
            Assert.Equal(tokenRequests + 2, _server.Requests.Count(r => r.Path == "/device/token"));

            // The service recovers; after the backoff the next call fetches.
            _tokenEndpoint = r => Issue(900);
            _time.Advance(120_000);
            Assert.StartsWith("vended-", source.GetToken(0).Token);
            Assert.Equal(2, source.Fetches);
        }

        [Fact]
        public void MalformedAnswer_IsAFailure_WithoutEchoingTheBody()
        {
            VendedTokenSource source = Source();
            _tokenEndpoint = r => new Answer { ContentType = "application/json", Body = "{\"token\":\"SECRET\",\"expiresAt\":\"never\"}" };
            var e = Assert.Throws<TokenServiceException>(() => source.GetToken(0));
            Assert.DoesNotContain("SECRET", e.Message);
            Assert.Equal(200, e.StatusCode);
            Assert.Equal(1, source.FailedFetches);
        }

        [Fact]
        public void ExpiresAtInMilliseconds_IsReportedAsMalformed_NotAsUnreachable()
        {
            VendedTokenSource source = Source();
            long ms = (long)(_time.UtcNow.AddHours(1) - DateTime.UnixEpoch).TotalMilliseconds;
            _tokenEndpoint = r => new Answer { ContentType = "application/json", Body = "{\"token\":\"SECRET\",\"expiresAt\":" + ms + "}" };
            var e = Assert.Throws<TokenServiceException>(() => source.GetToken(0));
            Assert.Contains("malformed", e.Message);
            Assert.DoesNotContain("SECRET", e.Message);
            Assert.Equal(200, e.StatusCode);
        }

        [Fact]
        public void Renew_AfterARefusal_FetchesADifferentToken()
        {
            VendedTokenSource source = Source();
            AuthToken first = source.GetToken(0);
            AuthToken second = source.Renew();
            Assert.NotEqual(first.Token, second.Token);
            Assert.Equal(2, source.Fetches);
        }
    }
}
