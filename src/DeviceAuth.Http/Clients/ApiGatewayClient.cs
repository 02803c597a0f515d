using System;
using System.Net.Http;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>Calls an API Gateway HTTP API behind a JWT or REQUEST authorizer over one kept-alive connection: create it from <see cref="ApiGatewayOptions"/>, then <see cref="Get"/>, <see cref="Post"/>, ...</summary>
    /// <remarks>
    /// It only composes the library's public parts, which stay reachable: the token source
    /// (<see cref="Tokens"/>), the <see cref="ApiGatewayJwtAuthorization"/> or <see cref="ApiGatewayRequestAuthorization"/>
    /// (<see cref="Authorization"/>) and an <see cref="HttpSession"/> (<see cref="Session"/>, with its renewal,
    /// refusal and retry rules). The options are validated and read once, in the constructor, before any network I/O.
    /// </remarks>
    public sealed class ApiGatewayClient : IDisposable
    {
        private readonly ConnectionTarget _target;
        private readonly ITokenSource _tokens;
        private readonly IHttpAuthorization _authorization;
        private readonly HttpSession _session;
        private readonly HttpClient _ownedClient;

        /// <summary>Creates the client over a new HttpClient with TLS 1.2 and <see cref="AuthorizedHttpOptions.CaCertificate"/> (device build; the host build throws <see cref="NotSupportedException"/>).</summary>
        /// <param name="options">The validated options.</param>
        public ApiGatewayClient(ApiGatewayOptions options)
            : this(options, DeviceHttpClient.For(options), true, SystemClock.Instance, EnvironmentTickSource.Instance, new SystemRandomSource(), ThreadSleeper.Instance)
        {
        }

        /// <summary>Creates the client over <paramref name="client"/> on the device's clocks, randomness and sleeper (the caller keeps ownership of the client).</summary>
        /// <param name="options">The validated options.</param>
        /// <param name="client">The HTTP client (its TLS settings and CA are the caller's).</param>
        public ApiGatewayClient(ApiGatewayOptions options, HttpClient client)
            : this(options, client, false, SystemClock.Instance, EnvironmentTickSource.Instance, new SystemRandomSource(), ThreadSleeper.Instance)
        {
        }

        /// <summary>Creates the client over <paramref name="client"/> on the given clocks, randomness and sleeper (tests use a virtual clock; the caller keeps ownership of the client).</summary>
        /// <param name="options">The validated options.</param>
        /// <param name="client">The HTTP client (its TLS settings and CA are the caller's).</param>
        /// <param name="clock">The wall clock.</param>
        /// <param name="ticks">The monotonic clock.</param>
        /// <param name="random">Randomness for nonces and backoff jitter.</param>
        /// <param name="sleeper">Every wait goes through it.</param>
        /// <exception cref="ArgumentException">A setting does not fit the others (see <see cref="AuthorizedHttpOptions.Validate"/>).</exception>
        /// <exception cref="CredentialFormatException">No request could carry credentials composed with these options (for example an identity source left unmapped).</exception>
        public ApiGatewayClient(ApiGatewayOptions options, HttpClient client, IClock clock, ITickSource ticks, IRandomSource random, ISleeper sleeper)
            : this(options, client, false, clock, ticks, random, sleeper)
        {
        }

        private ApiGatewayClient(ApiGatewayOptions options, HttpClient client, bool ownsClient, IClock clock, ITickSource ticks, IRandomSource random, ISleeper sleeper)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            options.Validate();
            _target = options.Target;
            _tokens = options.CreateTokenSource(clock, random);
            _authorization = options.CreateAuthorization(clock);
            _session = new HttpSession(client, _tokens, _authorization, options.CreateSessionOptions(), clock, ticks, random, sleeper);
            _ownedClient = ownsClient ? client : null;
        }

        /// <summary>Where requests go (host name, also the TLS SNI, and port 443).</summary>
        public ConnectionTarget Target
        {
            get { return _target; }
        }

        /// <summary>The session underneath (counters; <see cref="VendedTokenSource"/> takes it to fetch tokens).</summary>
        public HttpSession Session
        {
            get { return _session; }
        }

        /// <summary>The token source the session asks for tokens.</summary>
        public ITokenSource Tokens
        {
            get { return _tokens; }
        }

        /// <summary>The composer of the bearer header or identity-source values.</summary>
        public IHttpAuthorization Authorization
        {
            get { return _authorization; }
        }

        /// <summary>Sends a GET (retried once after a 401/403 renewal, and on 429/5xx).</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Get(string pathAndQuery)
        {
            return _session.Get(pathAndQuery);
        }

        /// <summary>Sends a POST (not retried after a 401/403 or an ambiguous failure: it is not idempotent).</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <param name="body">The body.</param>
        /// <param name="contentType">Its media type, e.g. "application/json".</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Post(string pathAndQuery, byte[] body, string contentType)
        {
            return _session.Post(pathAndQuery, body, contentType);
        }

        /// <summary>Sends a PUT.</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <param name="body">The body.</param>
        /// <param name="contentType">Its media type.</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Put(string pathAndQuery, byte[] body, string contentType)
        {
            return _session.Put(pathAndQuery, body, contentType);
        }

        /// <summary>Sends a DELETE.</summary>
        /// <param name="pathAndQuery">Path (starting with '/') and optional query, already encoded.</param>
        /// <returns>The final response; the caller disposes it.</returns>
        public HttpResponseMessage Delete(string pathAndQuery)
        {
            return _session.Delete(pathAndQuery);
        }

        /// <summary>Renews the token now if it is close to expiry or a refusal asked for it: call between requests so that no request waits for signing.</summary>
        /// <returns>True when a renewal happened.</returns>
        public bool RenewIfDue()
        {
            return _session.RenewIfDue();
        }

        /// <summary>Disposes the HttpClient when this client created it.</summary>
        public void Dispose()
        {
            if (_ownedClient != null)
            {
                _ownedClient.Dispose();
            }
        }
    }
}
