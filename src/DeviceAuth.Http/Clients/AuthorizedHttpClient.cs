using System;
using System.Net.Http;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>What every device HTTP client shares: the composed parts (token source, authorization, <see cref="HttpSession"/>) and the HttpClient it may own.</summary>
    /// <remarks>
    /// It only composes the library's public parts, which stay reachable: the token source
    /// (<see cref="Tokens"/>), the credential composer (<see cref="Authorization"/>) and an
    /// <see cref="HttpSession"/> (<see cref="Session"/>, with its renewal, refusal and retry rules). The
    /// options are validated and read once, in the constructor, before any network I/O.
    /// </remarks>
    public abstract class AuthorizedHttpClient : IDisposable
    {
        private readonly ConnectionTarget _target;
        private readonly ITokenSource _tokens;
        private readonly IHttpAuthorization _authorization;
        private readonly HttpSession _session;
        private readonly HttpClient _ownedClient;

        /// <summary>Validates <paramref name="options"/>, then builds the parts over <paramref name="client"/>.</summary>
        /// <param name="options">The options.</param>
        /// <param name="client">The HTTP client.</param>
        /// <param name="ownsClient">True when <see cref="Dispose"/> must dispose <paramref name="client"/>.</param>
        /// <param name="clock">The wall clock.</param>
        /// <param name="ticks">The monotonic clock.</param>
        /// <param name="random">Randomness for nonces and backoff jitter.</param>
        /// <param name="sleeper">Every wait goes through it.</param>
        internal AuthorizedHttpClient(AuthorizedHttpOptions options, HttpClient client, bool ownsClient, IClock clock, ITickSource ticks, IRandomSource random, ISleeper sleeper)
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

        /// <summary>The session underneath (counters, other requests; <see cref="VendedTokenSource"/> takes it to fetch tokens).</summary>
        public HttpSession Session
        {
            get { return _session; }
        }

        /// <summary>The token source the session asks for tokens.</summary>
        public ITokenSource Tokens
        {
            get { return _tokens; }
        }

        /// <summary>The composer of the credential headers or query parameters.</summary>
        public IHttpAuthorization Authorization
        {
            get { return _authorization; }
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
