using System;
using System.Net.Http;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>
    /// An <see cref="ITokenSource"/> whose tokens come from a token service: it fetches
    /// <c>{"token", "tokenSignature", "expiresAt"}</c> (<see cref="VendedTokenResponse"/>) over an
    /// authenticated <see cref="HttpSession"/>, caches the token, fetches the next one when less than
    /// the requested validity plus <see cref="RenewBeforeExpirySeconds"/> is left, and after a failed
    /// fetch waits per <see cref="Backoff"/> (capped exponential, full jitter) before asking again,
    /// serving the cached token meanwhile while it is still valid enough. Validity is judged by the
    /// wall clock and by elapsed time (monotonic), the stricter winning.
    /// </summary>
    public sealed class VendedTokenSource : ITokenSource
    {
        private readonly object _sync = new object();
        private readonly HttpSession _session;
        private readonly string _pathAndQuery;
        private readonly byte[] _requestBody;
        private readonly string _contentType;
        private readonly IClock _clock;
        private readonly ITickSource _ticks;
        private readonly IRandomSource _random;
        private AuthToken _current;
        private long _expiresAtMs;
        private int _failures;
        private long _nextFetchAtMs;
        private int _renewBeforeExpirySeconds = 120;
        private int _maxResponseBytes = 16384;
        private BackoffPolicy _backoff = new BackoffPolicy(5000, 30000, 900000);

        /// <summary>Creates a source that asks <paramref name="session"/> for tokens.</summary>
        /// <param name="session">An HTTP session to the token service (authenticated with its own credentials).</param>
        /// <param name="pathAndQuery">The token endpoint's path, e.g. "/device/token".</param>
        /// <param name="requestBody">A body to POST (for example the device id as JSON), or null for a GET.</param>
        /// <param name="contentType">The body's media type (required with a body).</param>
        /// <param name="clock">The wall clock.</param>
        /// <param name="ticks">The monotonic clock.</param>
        /// <param name="random">Randomness for the backoff jitter.</param>
        public VendedTokenSource(HttpSession session, string pathAndQuery, byte[] requestBody, string contentType, IClock clock, ITickSource ticks, IRandomSource random)
        {
            if (session == null)
            {
                throw new ArgumentNullException("session");
            }

            if (pathAndQuery == null || !DeviceAuth.Encoding.AsciiText.StartsWithOrdinal(pathAndQuery, "/"))
            {
                throw new ArgumentException("The token path must start with '/'.", "pathAndQuery");
            }

            if (requestBody != null && (contentType == null || contentType.Length == 0))
            {
                throw new ArgumentException("A request body needs a content type.", "contentType");
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

            _session = session;
            _pathAndQuery = pathAndQuery;
            _requestBody = requestBody;
            _contentType = contentType;
            _clock = clock;
            _ticks = ticks;
            _random = random;
        }

        /// <summary>Seconds of validity, beyond what a caller asks for, below which the next token is fetched ahead of need (0-86400; default 120).</summary>
        public int RenewBeforeExpirySeconds
        {
            get { return _renewBeforeExpirySeconds; }
            set { _renewBeforeExpirySeconds = SettingRange.Check(value, 0, 86400, "RenewBeforeExpirySeconds"); }
        }

        /// <summary>Largest token service answer accepted, in bytes (256-65536; default 16384).</summary>
        public int MaxResponseBytes
        {
            get { return _maxResponseBytes; }
            set { _maxResponseBytes = SettingRange.Check(value, 256, 65536, "MaxResponseBytes"); }
        }

        /// <summary>Wait after failed fetches (default 5 s floor, 30 s base, 15 min cap).</summary>
        public BackoffPolicy Backoff
        {
            get { return _backoff; }
            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                _backoff = value;
            }
        }

        /// <summary>Successful fetches.</summary>
        public int Fetches { get; private set; }

        /// <summary>Failed fetches.</summary>
        public int FailedFetches { get; private set; }

        /// <inheritdoc />
        public AuthToken GetToken(int minValiditySeconds)
        {
            if (minValiditySeconds < 0)
            {
                throw new ArgumentOutOfRangeException("minValiditySeconds", "minValiditySeconds cannot be negative.");
            }

            lock (_sync)
            {
                long remaining = Remaining();
                long wanted = ((long)minValiditySeconds + _renewBeforeExpirySeconds) * 1000;
                if (_current != null && remaining >= wanted)
                {
                    return _current;
                }

                return FetchOrFallBack((long)minValiditySeconds * 1000);
            }
        }

        /// <inheritdoc />
        public AuthToken Renew()
        {
            lock (_sync)
            {
                // A renewal after a refusal must be a different token: the cached one is not a fallback.
                _current = null;
                return FetchOrFallBack(0);
            }
        }

        private AuthToken FetchOrFallBack(long neededMs)
        {
            long now = _ticks.ElapsedMilliseconds;
            if (_failures > 0 && now < _nextFetchAtMs)
            {
                return FallBack(neededMs, "The token service failed recently; the source is backing off.", 0);
            }

            int status = 0;
            string problem;
            try
            {
                HttpResponseMessage response = _session.Send(_requestBody == null ? "GET" : "POST", _pathAndQuery, _requestBody, _contentType);
                try
                {
                    status = (int)response.StatusCode;
                    if (status >= 200 && status <= 299)
                    {
                        string body = HttpBody.ReadString(response, _maxResponseBytes);
                        AuthToken token = VendedTokenResponse.Parse(body, _clock.UtcNow);
                        Accept(token);
                        return token;
                    }

                    problem = "The token service answered HTTP " + status.ToString() + ".";
                }
                finally
                {
                    response.Dispose();
                }
            }
            catch (FormatException)
            {
                problem = "The token service's answer is malformed.";
            }
            catch (Exception e)
            {
                problem = "The token service could not be reached (" + e.GetType().Name + ").";
            }

            _failures++;
            FailedFetches++;
            _nextFetchAtMs = _ticks.ElapsedMilliseconds + _backoff.DelayMilliseconds(_failures, _random);
            return FallBack(neededMs, problem, status);
        }

        private AuthToken FallBack(long neededMs, string problem, int status)
        {
            if (_current != null && Remaining() >= neededMs && Remaining() > 0)
            {
                return _current;
            }

            long retry = _nextFetchAtMs - _ticks.ElapsedMilliseconds;
            throw new TokenServiceException(problem, status, retry < 0 ? 0 : retry);
        }

        private void Accept(AuthToken token)
        {
            _current = token;
            _failures = 0;
            Fetches++;
            _expiresAtMs = TokenKeeper.MonotonicExpiry(token, _clock, _ticks);
        }

        private long Remaining()
        {
            return _current == null ? 0 : TokenKeeper.RemainingByBothClocks(_current, _expiresAtMs, _clock, _ticks);
        }
    }
}
