using System;
using System.Security.Cryptography.X509Certificates;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>The settings both device HTTP clients share: the endpoint, the token lifetime, the session's margins and retries, the CA (see <see cref="CustomAuthHttpOptions"/> and <see cref="ApiGatewayOptions"/>).</summary>
    /// <remarks>
    /// Each value is checked when it is set; <see cref="Validate"/> checks the values that only make
    /// sense together and the client calls it before it builds anything. The session settings keep their
    /// defaults and range checks in <see cref="HttpSessionOptions"/>: these options hold one and hand the
    /// values on.
    /// </remarks>
    public abstract class AuthorizedHttpOptions
    {
        private readonly ConnectionTarget _target;
        private readonly TokenPlan _tokens;
        private readonly HttpSessionOptions _session;
        private int _tokenLifetimeSeconds = 3600;

        internal AuthorizedHttpOptions(ConnectionTarget target, TokenPlan tokens)
        {
            _target = target;
            _tokens = tokens;
            _session = new HttpSessionOptions("https://" + target.ServerName);
        }

        /// <summary>Where requests go: the endpoint's host name (also the TLS SNI) on port 443.</summary>
        public ConnectionTarget Target
        {
            get { return _target; }
        }

        /// <summary>Lifetime of each token the device mints (<c>ds1</c>, <c>hm1</c>), in seconds (60-31536000; default 3600); ignored for JWTs (their JwtOptions.LifetimeSeconds applies), static tokens and given sources.</summary>
        public int TokenLifetimeSeconds
        {
            get { return _tokenLifetimeSeconds; }
            set { _tokenLifetimeSeconds = SettingRange.Check(value, MintingTokenSource.MinLifetimeSeconds, MintingTokenSource.MaxLifetimeSeconds, "TokenLifetimeSeconds"); }
        }

        /// <summary>How long minting a token takes on this board, in seconds (0-600; default 15): tokens are renewed this much (twice) before they expire (see boards/).</summary>
        public int ExpectedSigningSeconds
        {
            get { return _session.ExpectedSigningSeconds; }
            set { _session.ExpectedSigningSeconds = value; }
        }

        /// <summary>How far the device clock may be off the service's, in seconds (0-3600; default 60): tokens are renewed this much earlier.</summary>
        public int ClockSkewSeconds
        {
            get { return _session.ClockSkewSeconds; }
            set { _session.ClockSkewSeconds = value; }
        }

        /// <summary>Attempts per request for retryable outcomes (429, 5xx, network errors), 1-10 (default 3); the single retry after a 401/403 renewal is extra.</summary>
        public int MaxAttempts
        {
            get { return _session.MaxAttempts; }
            set { _session.MaxAttempts = value; }
        }

        /// <summary>Longest Retry-After waited for inside a request, in seconds (0-3600; default 60); a longer one returns the response and holds later requests until then.</summary>
        public int MaxRetryAfterSeconds
        {
            get { return _session.MaxRetryAfterSeconds; }
            set { _session.MaxRetryAfterSeconds = value; }
        }

        /// <summary>The CA that signed the endpoint's server certificate (e.g. Amazon Root CA 1), or null for the device CA store (default null).</summary>
        public X509Certificate CaCertificate { get; set; }

        /// <summary>The token plan, for the subclasses' dry runs.</summary>
        internal TokenPlan Tokens
        {
            get { return _tokens; }
        }

        /// <summary>Checks the values that only make sense together, before anything is built or sent: the token lifetime against the renewal margin, and a dry-run composition of the request credentials.</summary>
        /// <exception cref="ArgumentException">The tokens would expire before they could be used (the message names the settings).</exception>
        /// <exception cref="CredentialFormatException">No request could carry these credentials (for example an identity source left unmapped).</exception>
        public void Validate()
        {
            int renewBefore = _session.RenewBeforeExpirySeconds;
            int tokenLifetime = _tokens.LifetimeSeconds(_tokenLifetimeSeconds);
            if (tokenLifetime != 0 && tokenLifetime <= renewBefore)
            {
                throw new ArgumentException("The token lifetime (" + tokenLifetime.ToString() + " s: TokenLifetimeSeconds, or JwtOptions.LifetimeSeconds for JWTs) must exceed " + renewBefore.ToString() + " s, the renewal margin (ClockSkewSeconds + 2 * ExpectedSigningSeconds + 30 s); raise the lifetime or lower those settings.", "TokenLifetimeSeconds");
            }

            DryRun();
        }

        /// <summary>The token source a client uses, on its clock and randomness.</summary>
        internal ITokenSource CreateTokenSource(IClock clock, IRandomSource random)
        {
            return _tokens.Build(clock, random, _tokenLifetimeSeconds);
        }

        /// <summary>The session options: every session setting these options expose is copied here.</summary>
        internal HttpSessionOptions CreateSessionOptions()
        {
            HttpSessionOptions session = new HttpSessionOptions(_session.Endpoint);
            session.ExpectedSigningSeconds = _session.ExpectedSigningSeconds;
            session.ClockSkewSeconds = _session.ClockSkewSeconds;
            session.MaxAttempts = _session.MaxAttempts;
            session.MaxRetryAfterSeconds = _session.MaxRetryAfterSeconds;
            return session;
        }

        /// <summary>The request composer a client uses, on its clock.</summary>
        internal abstract IHttpAuthorization CreateAuthorization(IClock clock);

        /// <summary>Composes credentials for a placeholder token shaped like the plan's, so what no token could pass fails now.</summary>
        internal abstract void DryRun();
    }
}
