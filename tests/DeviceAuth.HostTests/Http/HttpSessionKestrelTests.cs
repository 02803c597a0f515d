using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using DeviceAuth.Credentials;
using DeviceAuth.Http;
using DeviceAuth.Lifetime;
using DeviceAuth.Tests.Lifetime;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Http
{
    /// <summary>An <see cref="IHttpAuthorization"/> double shaped like AWS IoT's custom-authorizer headers, plus a query parameter.</summary>
    public sealed class TestHttpAuthorization : IHttpAuthorization
    {
        public readonly List<AuthToken> Composed = new();

        public HttpAuthorizationParts Compose(AuthToken token)
        {
            Composed.Add(token);
            var parts = new HttpAuthorizationParts();
            parts.AddHeader("x-amz-customauthorizer-name", "TestAuthorizer");
            parts.AddHeader("x-amz-customauthorizer-signature", token.TokenSignature);
            parts.AddHeader("deviceToken", token.Token);
            parts.AddQueryParameter("client id", "device 1/é");
            return parts;
        }
    }

    /// <summary>
    /// The HTTP session against a real Kestrel HTTPS server on 127.0.0.1 with a certificate made here,
    /// reached under the endpoint's host name: exact headers, one TCP connection for many requests,
    /// SNI equal to the endpoint host, renewal before expiry, the 401/403 and 429/5xx paths. Waits are
    /// virtual (the sleeper advances the virtual clock), the network is real.
    /// </summary>
    public sealed class HttpSessionKestrelTests : IAsyncLifetime
    {
        private KestrelTestServer _server;
        private HttpClient _client;
        private VirtualTime _time;
        private ScriptedTokenSource _tokens;
        private TestHttpAuthorization _authorization;

        public async ValueTask InitializeAsync()
        {
            _server = await KestrelTestServer.StartAsync();
            _client = _server.CreateClient();
            _time = new VirtualTime(new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc), 5000);
            _tokens = new ScriptedTokenSource(_time, 600);
            _authorization = new TestHttpAuthorization();
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _server.DisposeAsync();
        }

        private HttpSession Session(Action<HttpSessionOptions> configure = null, bool readHeaders = true)
        {
            var options = new HttpSessionOptions(_server.Endpoint);
            configure?.Invoke(options);
            var session = new HttpSession(_client, _tokens, _authorization, options, _time, _time, new PinnedRandom(true), _time);
            if (readHeaders)
            {
                session.HeaderReader = (response, name) => response.Headers.TryGetValues(name, out var values) ? values.First() : null;
            }

            return session;
        }

        private static string Body(HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

        [Fact]
        public void Headers_AreExact_OneConnectionCarriesEveryRequest_SniIsTheEndpointHost()
        {
            HttpSession session = Session();
            for (int i = 0; i < 12; i++)
            {
                using HttpResponseMessage response = i % 3 == 2
                    ? session.Post("/topics/device%2F1?qos=1", System.Text.Encoding.UTF8.GetBytes("{\"n\":" + i + "}"), "application/json")
                    : session.Get("/things/device-1");
                Assert.Equal(200, (int)response.StatusCode);
                Assert.Equal("ok", Body(response));
            }

            var requests = _server.Requests.ToList();
            Assert.Equal(12, requests.Count);
            AuthToken token = _tokens.Current;
            foreach (SeenRequest r in requests)
            {
                Assert.Equal("TestAuthorizer", r.Headers["x-amz-customauthorizer-name"]);
                Assert.Equal(token.TokenSignature, r.Headers["x-amz-customauthorizer-signature"]);
                Assert.Equal(token.Token, r.Headers["deviceToken"]);
                Assert.Equal(KestrelTestServer.HostName + ":" + _server.Port, r.Headers["Host"]);
                Assert.False(r.Headers.TryGetValue("Connection", out string connection) && connection.Contains("close", StringComparison.OrdinalIgnoreCase), "Connection: close sent");
            }

            Assert.Equal("?client%20id=device%201%2F%C3%A9", requests[0].Query);
            Assert.Equal("?qos=1&client%20id=device%201%2F%C3%A9", requests[2].Query);
            Assert.Equal("/topics/device%2F1", requests[2].Path);
            Assert.Equal("{\"n\":2}", requests[2].Body);
            Assert.Equal("application/json", requests[2].Headers["Content-Type"]);

            Assert.Equal(1, _server.Connections);
            Assert.Single(requests.Select(r => r.ConnectionId).Distinct());
            Assert.Equal(new[] { KestrelTestServer.HostName }, _server.ServerNames.ToArray());
            Assert.Equal(1, _tokens.Mints);
        }

        [Fact]
        public void Token_IsRenewedBeforeItExpires_NotAfter()
        {
            HttpSession session = Session();
            using (session.Get("/a"))
            {
            }

            // 600 s tokens; renew lead = 60 skew + 2 * 15 signing + 30 = 120 s.
            _time.Advance(470_000);
            using (session.Get("/b"))
            {
            }

            Assert.Equal(1, _tokens.Mints);
            _time.Advance(20_000);
            using (session.Get("/c"))
            {
            }

            Assert.Equal(2, _tokens.Mints);
            var requests = _server.Requests.ToList();
            Assert.Equal(requests[1].Headers["deviceToken"], requests[0].Headers["deviceToken"]);
            Assert.NotEqual(requests[1].Headers["deviceToken"], requests[2].Headers["deviceToken"]);
            Assert.Equal(1, session.Renewals);
            Assert.All(_authorization.Composed, t => Assert.True(t.SecondsRemaining(_time.UtcNow) > 0));

            // RenewIfDue lets an idle loop renew ahead of the next request.
            _time.Advance(490_000);
            Assert.True(session.RenewIfDue());
            Assert.False(session.RenewIfDue());
        }

        [Theory]
        [InlineData(401)]
        [InlineData(403)]
        public void Refused_IdempotentRequest_RenewsOnceAndRetriesOnce(int status)
        {
            HttpSession session = Session();
            string refusedToken = null;
            _server.Handler = r =>
            {
                refusedToken ??= r.Headers["deviceToken"];
                return new Answer { Status = r.Headers["deviceToken"] == refusedToken ? status : 200 };
            };
            using HttpResponseMessage response = session.Get("/things/device-1");
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(2, _server.Requests.Count);
            Assert.Equal(1, _tokens.Renewals);
            Assert.Equal(0, _time.SleepCalls);
        }

        [Fact]
        public void Refused_Again_AfterRenewal_IsReturned_NoLoop()
        {
            HttpSession session = Session();
            _server.Handler = r => new Answer { Status = 401 };
            using HttpResponseMessage response = session.Get("/x");
            Assert.Equal(401, (int)response.StatusCode);
            Assert.Equal(2, _server.Requests.Count);
            Assert.Equal(1, _tokens.Renewals);
        }

        [Fact]
        public void Refused_Post_IsNotRetried_ButTheNextRequestCarriesRenewedCredentials()
        {
            HttpSession session = Session();
            bool first = true;
            _server.Handler = r =>
            {
                bool refuse = first;
                first = false;
                return new Answer { Status = refuse ? 401 : 200 };
            };
            using (HttpResponseMessage refused = session.Post("/topics/t", new byte[] { 1 }, "application/octet-stream"))
            {
                Assert.Equal(401, (int)refused.StatusCode);
            }

            Assert.Single(_server.Requests);
            using (HttpResponseMessage next = session.Post("/topics/t", new byte[] { 2 }, "application/octet-stream"))
            {
                Assert.Equal(200, (int)next.StatusCode);
            }

            var requests = _server.Requests.ToList();
            Assert.NotEqual(requests[0].Headers["deviceToken"], requests[1].Headers["deviceToken"]);
        }

        [Fact]
        public void PolicyDeniedPosts_RenewOncePerRefusalStreak_NotOncePerRequest()
        {
            // AWS IoT answers a publish the policy denies with 403: ten of them must not mint ten tokens.
            HttpSession session = Session();
            _server.Handler = r => new Answer { Status = 403 };
            for (int i = 0; i < 10; i++)
            {
                using HttpResponseMessage refused = session.Post("/topics/forbidden", new byte[] { 1 }, "application/octet-stream");
                Assert.Equal(403, (int)refused.StatusCode);
            }

            Assert.Equal(10, _server.Requests.Count);
            Assert.Equal(1, _tokens.Renewals);
            Assert.Equal(2, _tokens.Mints);
            Assert.Equal(1, session.Renewals);
            Assert.Equal(0, _time.SleepCalls);
            var tokens = _server.Requests.Select(r => r.Headers["deviceToken"]).Distinct().ToList();
            Assert.Equal(2, tokens.Count);
        }

        [Fact]
        public void RefusalStreak_EndsWithA2xx_TheNextRefusalRenewsAgain()
        {
            HttpSession session = Session();
            int status = 401;
            _server.Handler = r => new Answer { Status = status };
            using (HttpResponseMessage first = session.Get("/a"))
            {
                Assert.Equal(401, (int)first.StatusCode);
            }

            // Renewed and retried once inside the first call; the second call neither renews nor retries.
            Assert.Equal(2, _server.Requests.Count);
            using (HttpResponseMessage second = session.Get("/a"))
            {
                Assert.Equal(401, (int)second.StatusCode);
            }

            Assert.Equal(3, _server.Requests.Count);
            Assert.Equal(1, _tokens.Renewals);

            status = 200;
            using (HttpResponseMessage ok = session.Get("/a"))
            {
                Assert.Equal(200, (int)ok.StatusCode);
            }

            status = 403;
            using (HttpResponseMessage again = session.Get("/a"))
            {
                Assert.Equal(403, (int)again.StatusCode);
            }

            Assert.Equal(2, _tokens.Renewals);
            Assert.Equal(6, _server.Requests.Count);
        }

        [Fact]
        public void RenewalFailing_AfterARefusal_Propagates_AndTheNextRequestRenews()
        {
            HttpSession session = Session();
            _server.Handler = r => new Answer { Status = 401 };
            using (session.Get("/warm-up"))
            {
            }

            // A new streak (after a 2xx), and the signer fails when the session renews.
            _server.Handler = r => new Answer();
            using (session.Get("/ok"))
            {
            }

            int before = _server.Requests.Count;
            _server.Handler = r => new Answer { Status = 401 };
            _tokens.Fail = true;
            Assert.ThrowsAny<Exception>(() => session.Get("/a"));
            Assert.Equal(before + 1, _server.Requests.Count);
            _tokens.Fail = false;
            _server.Handler = r => new Answer();
            string refusedToken = _server.Requests.Last().Headers["deviceToken"];
            using (HttpResponseMessage ok = session.Get("/a"))
            {
                Assert.Equal(200, (int)ok.StatusCode);
            }

            Assert.NotEqual(refusedToken, _server.Requests.Last().Headers["deviceToken"]);
            Assert.Equal(1, _server.Connections);
        }

        [Fact]
        public void TooManyRequests_WaitsRetryAfterSeconds_ThenSucceeds_AndHoldsLaterRequests()
        {
            HttpSession session = Session();
            int n = 0;
            _server.Handler = r => ++n == 1 ? new Answer { Status = 429, RetryAfter = "7" } : new Answer();
            using (HttpResponseMessage response = session.Post("/topics/t", new byte[] { 1 }, "application/octet-stream"))
            {
                Assert.Equal(200, (int)response.StatusCode);
            }

            Assert.Equal(7000, _time.SleptMilliseconds);
            Assert.Equal(2, _server.Requests.Count);
        }

        [Fact]
        public void RetryAfter_AsAnHttpDate_IsHonoured()
        {
            HttpSession session = Session();
            int n = 0;
            string date = _time.UtcNow.AddSeconds(12).ToString("r");
            _server.Handler = r => ++n == 1 ? new Answer { Status = 503, RetryAfter = date, Date = _time.UtcNow.ToString("r") } : new Answer();
            using HttpResponseMessage response = session.Get("/a");
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(12000, _time.SleptMilliseconds);
        }

        [Fact]
        public void ServerErrors_WithoutRetryAfter_BackOff_UpToMaxAttempts()
        {
            HttpSession session = Session(o => o.MaxAttempts = 3, readHeaders: false);
            _server.Handler = r => new Answer { Status = 502 };
            using HttpResponseMessage response = session.Get("/a");
            Assert.Equal(502, (int)response.StatusCode);
            Assert.Equal(3, _server.Requests.Count);

            // Pinned to the top of each window: 2 s after the first failure, 4 s after the second.
            Assert.Equal(2, _time.SleepCalls);
            Assert.Equal(6000, _time.SleptMilliseconds);
        }

        [Fact]
        public void ServerError_OnANonIdempotentRequest_IsNotRetried()
        {
            HttpSession session = Session();
            _server.Handler = r => new Answer { Status = 500 };
            using HttpResponseMessage response = session.Post("/a", new byte[] { 1 }, "application/octet-stream");
            Assert.Equal(500, (int)response.StatusCode);
            Assert.Single(_server.Requests);
            Assert.Equal(0, _time.SleepCalls);
        }

        [Fact]
        public void RetryAfter_LongerThanTheCap_IsReturned_AndLaterCallsFailFastWithoutTraffic()
        {
            HttpSession session = Session(o => o.MaxRetryAfterSeconds = 30);
            _server.Handler = r => new Answer { Status = 429, RetryAfter = "120" };
            using (HttpResponseMessage response = session.Get("/a"))
            {
                Assert.Equal(429, (int)response.StatusCode);
            }

            Assert.Single(_server.Requests);
            Assert.Throws<InvalidOperationException>(() => session.Get("/a"));
            Assert.Single(_server.Requests);
            _time.Advance(120_000);
            _server.Handler = r => new Answer();
            using (HttpResponseMessage ok = session.Get("/a"))
            {
                Assert.Equal(200, (int)ok.StatusCode);
            }
        }

        /// <summary>Issue 11, reproducer 2: "Retry-After: 31536000" held the session for a year.</summary>
        [Theory]
        [InlineData("31536000")]
        [InlineData("9999999999")]
        [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
        public void A_huge_RetryAfter_holds_the_session_no_longer_than_MaxRetryAfterHoldSeconds(string retryAfter)
        {
            HttpSession session = Session(o => o.MaxRetryAfterHoldSeconds = 600);
            _server.Handler = r => new Answer { Status = 429, RetryAfter = retryAfter, Date = _time.UtcNow.ToString("r") };
            using (HttpResponseMessage response = session.Get("/a"))
            {
                Assert.Equal(429, (int)response.StatusCode);
            }

            Assert.Throws<InvalidOperationException>(() => session.Get("/a"));
            _time.Advance(600_000);
            _server.Handler = r => new Answer();
            using HttpResponseMessage ok = session.Get("/a");
            Assert.Equal(200, (int)ok.StatusCode);
            Assert.Equal(2, _server.Requests.Count);
        }

        /// <summary>Issue 11, reproducer 2: an HTTP-date read against an unset device clock (1970) held the session for decades.</summary>
        [Fact]
        public void An_HttpDate_is_measured_from_the_responses_Date_not_from_a_wrong_device_clock()
        {
            var unset = new VirtualTime(new DateTime(1970, 1, 1, 0, 0, 5, DateTimeKind.Utc), 5000);
            var session = new HttpSession(_client, new ScriptedTokenSource(unset, 600), _authorization, new HttpSessionOptions(_server.Endpoint), unset, unset, new PinnedRandom(true), unset)
            {
                HeaderReader = (response, name) => response.Headers.TryGetValues(name, out var values) ? values.First() : null,
            };
            DateTime serverNow = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
            int n = 0;
            _server.Handler = r => ++n == 1 ? new Answer { Status = 503, RetryAfter = serverNow.AddSeconds(12).ToString("r"), Date = serverNow.ToString("r") } : new Answer();
            using HttpResponseMessage response = session.Get("/a");
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(12000, unset.SleptMilliseconds);
        }

        /// <summary>Issue 11, reproducer 2: "Retry-After: 0" removed the backoff floor (three back-to-back requests per call).</summary>
        [Fact]
        public void RetryAfter_zero_keeps_the_backoff_floor_between_attempts()
        {
            HttpSession session = Session(o => o.MaxAttempts = 3);
            _server.Handler = r => new Answer { Status = 503, RetryAfter = "0" };
            using HttpResponseMessage response = session.Get("/a");
            Assert.Equal(503, (int)response.StatusCode);
            Assert.Equal(3, _server.Requests.Count);
            Assert.Equal(2, _time.SleepCalls);
            Assert.Equal(2 * new HttpSessionOptions(_server.Endpoint).Backoff.MinimumDelayMilliseconds, _time.SleptMilliseconds);
        }

        [Fact]
        public void MaxRetryAfterHoldSeconds_has_its_documented_default_and_range()
        {
            var options = new HttpSessionOptions(_server.Endpoint);
            Assert.Equal(900, options.MaxRetryAfterHoldSeconds);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxRetryAfterHoldSeconds = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxRetryAfterHoldSeconds = 86401);
            options.MaxRetryAfterHoldSeconds = 86400;
        }

        /// <summary>Issue 11, reproducer 4: Send("GET", "/a\r\nHost:evil", ...) reached the transport.</summary>
        [Theory]
        [InlineData("/a\r\nHost:evil")]
        [InlineData("/a\nb")]
        [InlineData("/a\tb")]
        [InlineData("/a\u0000b")]
        [InlineData("/a\u007fb")]
        [InlineData("/a\u0085b")]
        [InlineData("/caf\u00e9")]
        [InlineData("/a b")]
        [InlineData("/a#frag")]
        [InlineData("/a%zz")]
        [InlineData("/a%4")]
        [InlineData("/a<b>")]
        [InlineData("/a\\b")]
        [InlineData("a")]
        [InlineData("")]
        public void A_path_with_a_character_that_must_be_encoded_is_refused_before_any_io(string escaped)
        {
            string path = System.Text.RegularExpressions.Regex.Unescape(escaped);
            HttpSession session = Session();
            var e = Assert.Throws<ArgumentException>(() => session.Send("GET", path, null, null));
            Assert.Equal("pathAndQuery", e.ParamName);
            Assert.Empty(_server.Requests);
            Assert.Equal(0, _server.Connections);
            Assert.Equal(0, _tokens.Mints);
        }

        [Fact]
        public void Percent_encoded_paths_and_queries_pass()
        {
            HttpSession session = Session();
            using HttpResponseMessage response = session.Get("/topics/a%2Fb/c?x=1&y=%E2%82%AC&z=a:b@c!$'()*+,;=");
            Assert.Equal(200, (int)response.StatusCode);
        }

        [Fact]
        public void BadInput_IsRejectedBeforeAnyNetworkIo()
        {
            HttpSession session = Session();
            Assert.Throws<ArgumentException>(() => session.Send("get", "/a", null, null));
            Assert.Throws<ArgumentException>(() => session.Send("GET", "a", null, null));
            Assert.Throws<ArgumentException>(() => session.Send("POST", "/a", new byte[1], null));
            Assert.Throws<ArgumentException>(() => new HttpSessionOptions("ftp://x"));
            Assert.Throws<ArgumentException>(() => new HttpSessionOptions("https://host/path"));
            Assert.Throws<ArgumentException>(() => new HttpSessionOptions("https://host:0"));
            Assert.Empty(_server.Requests);
            Assert.Equal(0, _server.Connections);
        }
    }
}
