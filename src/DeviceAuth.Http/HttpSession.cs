using System;
using System.Net.Http;
using DeviceAuth.Credentials;
using DeviceAuth.Encoding;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>
    /// Authorized HTTP requests over one <see cref="HttpClient"/> (the synchronous API nanoFramework and
    /// .NET share). Each request carries credentials composed by an <see cref="IHttpAuthorization"/>
    /// from a token that is renewed before it expires (judged by the wall clock and elapsed time);
    /// the connection is kept alive (nanoFramework's default is <c>Connection: close</c>); the first
    /// 401/403 of a refusal streak renews the token (before the next request goes out) and retries the
    /// request once when it is idempotent, while later refusals in the streak are returned as they are,
    /// with neither a renewal nor a retry, until a 2xx ends the streak (AWS IoT answers a publish its
    /// policy denies with 403: renewing for each would mint, i.e. sign, a token per request); 429 and 503 are
    /// retried for every method and 500/502/504 and network errors only for idempotent ones, after
    /// the server's <c>Retry-After</c> when it is readable, else capped exponential backoff with full
    /// jitter. Every wait goes through the <see cref="ISleeper"/>. One request at a time (calls are serialized).
    /// </summary>
    public sealed partial class HttpSession
    {
        private readonly object _sync = new object();
        private readonly HttpClient _client;
        private readonly IHttpAuthorization _authorization;
        private readonly HttpSessionOptions _options;
        private readonly IClock _clock;
        private readonly ITickSource _ticks;
        private readonly IRandomSource _random;
        private readonly ISleeper _sleeper;
        private readonly TokenKeeper _keeper;
        private bool _holding;
        private long _notBeforeMs;
        private int _refusals;
        private bool _renewPending;

        /// <summary>Creates a session on the device's clocks, <see cref="SystemRandomSource"/> and <see cref="ThreadSleeper"/>.</summary>
        /// <param name="client">The client (its TLS settings, CA and timeout are the application's); the session turns keep-alive on.</param>
        /// <param name="tokens">Where tokens come from.</param>
        /// <param name="authorization">Turns a token into headers and query parameters.</param>
        /// <param name="options">Endpoint, margins and retry policy.</param>
        public HttpSession(HttpClient client, ITokenSource tokens, IHttpAuthorization authorization, HttpSessionOptions options)
            : this(client, tokens, authorization, options, SystemClock.Instance, EnvironmentTickSource.Instance, new SystemRandomSource(), ThreadSleeper.Instance)
        {
        }

        /// <summary>Creates a session.</summary>
        /// <param name="client">The client (its TLS settings, CA and timeout are the application's); the session turns keep-alive on.</param>
        /// <param name="tokens">Where tokens come from.</param>
        /// <param name="authorization">Turns a token into headers and query parameters.</param>
        /// <param name="options">Endpoint, margins and retry policy.</param>
        /// <param name="clock">The wall clock (token validity, Retry-After dates).</param>
        /// <param name="ticks">The monotonic clock (token age, Retry-After holds).</param>
        /// <param name="random">Randomness for the backoff jitter.</param>
        /// <param name="sleeper">Every wait goes through it.</param>
        public HttpSession(HttpClient client, ITokenSource tokens, IHttpAuthorization authorization, HttpSessionOptions options, IClock clock, ITickSource ticks, IRandomSource random, ISleeper sleeper)
        {
            if (client == null)
            {
                throw new ArgumentNullException("client");
            }

            if (tokens == null)
            {
                throw new ArgumentNullException("tokens");
            }

            if (authorization == null)
            {
                throw new ArgumentNullException("authorization");
            }

            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (ticks == null)
            {
                throw new ArgumentNullException("ticks");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            if (sleeper == null)
            {
                throw new ArgumentNullException("sleeper");
            }

            _client = client;
            _authorization = authorization;
            _options = options;
            _clock = clock;
            _ticks = ticks;
            _random = random;
            _sleeper = sleeper;
            _keeper = new TokenKeeper(tokens, clock, ticks);
            EnableKeepAlive(client);
        }

        /// <summary>Reads response headers (for Retry-After); null on the device, where responses expose no header read API.</summary>
        public ResponseHeaderReader HeaderReader { get; set; }

        /// <summary>The options.</summary>
        public HttpSessionOptions Options
        {
            get { return _options; }
        }

        /// <summary>HTTP exchanges performed (retries included).</summary>
        public int Exchanges { get; private set; }

        /// <summary>Token renewals the session asked for (before expiry, or after a 401/403).</summary>
        public int Renewals { get; private set; }

        /// <summary>401/403 answers since the last 2xx (the refusal streak).</summary>
        public int ConsecutiveRefusals
        {
            get
            {
                lock (_sync)
                {
                    return _refusals;
                }
            }
        }

        /// <summary>Milliseconds the session waited (backoff, Retry-After).</summary>
        public long WaitedMilliseconds { get; private set; }

        /// <summary>Sends a GET.</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Get(string pathAndQuery)
        {
            return Send("GET", pathAndQuery, null, null);
        }

        /// <summary>Sends a POST (not retried after a 401/403 or an ambiguous failure: it is not idempotent).</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <param name="body">The body.</param>
        /// <param name="contentType">Its media type, e.g. "application/json".</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Post(string pathAndQuery, byte[] body, string contentType)
        {
            return Send("POST", pathAndQuery, body, contentType);
        }

        /// <summary>Sends a PUT.</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <param name="body">The body.</param>
        /// <param name="contentType">Its media type.</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Put(string pathAndQuery, byte[] body, string contentType)
        {
            return Send("PUT", pathAndQuery, body, contentType);
        }

        /// <summary>Sends a DELETE.</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Delete(string pathAndQuery)
        {
            return Send("DELETE", pathAndQuery, null, null);
        }

        /// <summary>True for the methods RFC 9110 defines as idempotent (GET, HEAD, PUT, DELETE, OPTIONS, TRACE).</summary>
        /// <param name="method">The method name, upper case.</param>
        public static bool IsIdempotent(string method)
        {
            return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS" || method == "TRACE";
        }

        /// <summary>Renews the token now if it is within <see cref="HttpSessionOptions.RenewBeforeExpirySeconds"/> of expiry or a refusal asked for a renewal (call from an idle loop so no request waits for signing).</summary>
        /// <returns>True when a renewal happened.</returns>
        public bool RenewIfDue()
        {
            lock (_sync)
            {
                long before = _keeper.TokensReceived;
                RenewIfRefused();
                CurrentToken();
                return _keeper.TokensReceived != before;
            }
        }

        /// <summary>Sends a request with credentials, renewal and retries as described on the class.</summary>
        /// <param name="method">The method, upper case (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS).</param>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <param name="body">The body, or null.</param>
        /// <param name="contentType">The body's media type (required with a body).</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Send(string method, string pathAndQuery, byte[] body, string contentType)
        {
            Validate(method, pathAndQuery, body, contentType);
            bool idempotent = IsIdempotent(method);
            lock (_sync)
            {
                WaitForHold();
                int attempts = 0;
                while (true)
                {
                    attempts++;

                    // Before anything is held: a failing renewal leaks nothing and stays pending.
                    RenewIfRefused();
                    AuthToken token = CurrentToken();
                    HttpAuthorizationParts parts = _authorization.Compose(token);
                    HttpRequestMessage request = BuildRequest(method, pathAndQuery, parts, body, contentType);
                    HttpResponseMessage response;
                    try
                    {
                        Exchanges++;
                        response = _client.Send(request);
                    }
                    catch (Exception)
                    {
                        request.Dispose();
                        if (!idempotent || attempts >= _options.MaxAttempts)
                        {
                            throw;
                        }

                        Wait(_options.Backoff.DelayMilliseconds(attempts, _random));
                        continue;
                    }

                    int status = (int)response.StatusCode;
                    if (status >= 200 && status <= 299)
                    {
                        _refusals = 0;
                    }

                    if (status == 401 || status == 403)
                    {
                        _refusals++;
                        if (_refusals > 1)
                        {
                            // Renewed credentials were refused too (or the policy denies this request):
                            // another token would not help and costs a signature.
                            return response;
                        }

                        _renewPending = true;
                        if (!idempotent)
                        {
                            // The next request (or RenewIfDue) renews.
                            return response;
                        }

                        response.Dispose();
                        request.Dispose();
                        attempts--;
                        continue;
                    }

                    bool retryable = status == 429 || status == 503 || (idempotent && (status == 500 || status == 502 || status == 504));
                    if (!retryable)
                    {
                        return response;
                    }

                    long retryAfter = ReadRetryAfter(response);
                    long delay = retryAfter >= 0 ? retryAfter : _options.Backoff.DelayMilliseconds(attempts, _random);
                    if (retryAfter >= 0)
                    {
                        // The server asked every client request to wait: hold later calls too.
                        _notBeforeMs = _ticks.ElapsedMilliseconds + retryAfter;
                        _holding = true;
                    }

                    if (attempts >= _options.MaxAttempts || delay > (long)_options.MaxRetryAfterSeconds * 1000)
                    {
                        return response;
                    }

                    response.Dispose();
                    request.Dispose();
                    Wait(delay);
                }
            }
        }

        /// <summary>Sets keep-alive on the client (device build: Device/HttpSession.KeepAlive.cs; .NET's HttpClient keeps connections alive already).</summary>
        /// <param name="client">The client.</param>
        partial void EnableKeepAlive(HttpClient client);

        private static void Validate(string method, string pathAndQuery, byte[] body, string contentType)
        {
            char[] m = method == null ? null : method.ToCharArray();
            if (m == null || m.Length == 0 || m.Length > 16)
            {
                throw new ArgumentException("The method must be 1-16 characters.", "method");
            }

            for (int i = 0; i < m.Length; i++)
            {
                if (m[i] < 'A' || m[i] > 'Z')
                {
                    throw new ArgumentException("The method must be upper-case letters (GET, POST, ...).", "method");
                }
            }

            char[] p = pathAndQuery == null ? null : pathAndQuery.ToCharArray();
            if (p == null || p.Length == 0 || p[0] != '/' || AsciiText.IndexOf(p, '#', 0, p.Length) >= 0 || AsciiText.IndexOf(p, ' ', 0, p.Length) >= 0)
            {
                throw new ArgumentException("The path must start with '/' and contain no spaces or fragment.", "pathAndQuery");
            }

            if (body != null && (contentType == null || contentType.Length == 0))
            {
                throw new ArgumentException("A body needs a content type.", "contentType");
            }
        }

        private void RenewIfRefused()
        {
            if (!_renewPending)
            {
                return;
            }

            _keeper.Renew();
            _renewPending = false;
            Renewals++;
        }

        private AuthToken CurrentToken()
        {
            int renewBefore = _options.RenewBeforeExpirySeconds;
            long received = _keeper.TokensReceived;
            AuthToken token = _keeper.Ensure(renewBefore);
            if (_keeper.TokensReceived != received && received != 0)
            {
                Renewals++;
            }

            return token;
        }

        private HttpRequestMessage BuildRequest(string method, string pathAndQuery, HttpAuthorizationParts parts, byte[] body, string contentType)
        {
            string url = _options.Endpoint + pathAndQuery;
            if (parts.QueryParameterCount > 0)
            {
                char[] p = pathAndQuery.ToCharArray();
                url = url + (AsciiText.IndexOf(p, '?', 0, p.Length) >= 0 ? "&" : "?") + parts.ToQueryString();
            }

            HttpRequestMessage request = new HttpRequestMessage(new HttpMethod(method), url);
            for (int i = 0; i < parts.HeaderCount; i++)
            {
                request.Headers.Add(parts.GetHeaderName(i), parts.GetHeaderValue(i));
            }

            if (body != null)
            {
                ByteArrayContent content = new ByteArrayContent(body);
                content.Headers.Add("Content-Type", contentType);
                request.Content = content;
            }

            return request;
        }

        private long ReadRetryAfter(HttpResponseMessage response)
        {
            ResponseHeaderReader reader = HeaderReader;
            if (reader == null)
            {
                return -1;
            }

            string value;
            try
            {
                value = reader(response, "Retry-After");
            }
            catch (Exception)
            {
                return -1;
            }

            return RetryAfter.ParseMilliseconds(value, _clock.UtcNow);
        }

        private void WaitForHold()
        {
            if (!_holding)
            {
                return;
            }

            long wait = _notBeforeMs - _ticks.ElapsedMilliseconds;
            if (wait <= 0)
            {
                _holding = false;
                return;
            }

            long cap = (long)_options.MaxRetryAfterSeconds * 1000;
            if (wait > cap)
            {
                throw new InvalidOperationException("The server asked to wait longer than MaxRetryAfterSeconds before the next request.");
            }

            Wait(wait);
        }

        private void Wait(long milliseconds)
        {
            if (milliseconds <= 0)
            {
                return;
            }

            int ms = milliseconds > int.MaxValue ? int.MaxValue : (int)milliseconds;
            WaitedMilliseconds += ms;
            _sleeper.Sleep(ms);
        }
    }
}
