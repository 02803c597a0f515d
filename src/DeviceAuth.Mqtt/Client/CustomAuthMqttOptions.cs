using System;
using System.Security.Cryptography.X509Certificates;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.Lifetime;
using DeviceAuth.Tokens;

namespace DeviceAuth.Mqtt
{
    /// <summary>What a <see cref="CustomAuthMqttClient"/> connects to and with: required values in a <c>For&lt;Mode&gt;</c> factory, optional ones as validated properties.</summary>
    /// <remarks>
    /// Every value is checked when it is given (the factory, each setter) and the values that only make
    /// sense together by <see cref="Validate"/>, which the client calls before it builds anything, so a
    /// configuration that cannot work on the device fails before any network I/O. Settings that belong
    /// to a library part (the session's keep-alive, the lifetime margins, the username composer) keep
    /// their default and range check in that part: these options hold one of each and hand the values on.
    /// </remarks>
    public sealed class CustomAuthMqttOptions
    {
        private readonly ServiceEndpoint _endpoint;
        private readonly TokenPlan _tokens;

        // The parts' own settings, defaults and checks; the client copies the values into its parts.
        private readonly LifetimeOptions _margins = new LifetimeOptions(LifetimeOptions.MaximumWindowSeconds, LifetimeOptions.MaximumWindowSeconds);
        private readonly MqttSessionOptions _session;
        private readonly AwsIotMqttAuthorization _composer;

        private ConnectionTarget _target;
        private int _tokenLifetimeSeconds = 3600;
        private int _refreshAfterInSeconds = 3600;
        private int _disconnectAfterInSeconds = 86400;

        private CustomAuthMqttOptions(ServiceEndpoint endpoint, string clientId, string authorizerName, string tokenKeyName, bool signingDisabled, TokenPlan tokens)
        {
            if (endpoint == null)
            {
                throw new ArgumentNullException("endpoint");
            }

            _target = Resolve(endpoint, endpoint.DefaultPort(TransportProtocol.Mqtt));
            _session = new MqttSessionOptions(clientId, _margins);
            _composer = new AwsIotMqttAuthorization(authorizerName, tokenKeyName, signingDisabled, SystemClock.Instance);
            _endpoint = endpoint;
            _tokens = tokens;
        }

        /// <summary>Options for an authorizer with signing enabled and device-signed <c>ds1</c> tokens (the device id in each token is the client id).</summary>
        /// <param name="endpoint">A domain configuration with authenticationType CUSTOM_AUTH and applicationProtocol SECURE_MQTT; any other endpoint throws <see cref="UnsupportedEndpointException"/> naming the fix.</param>
        /// <param name="clientId">The MQTT client id and token device id: 1-128 characters of <c>[A-Za-z0-9:_-]</c>.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the domain configuration's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName (required: AWS IoT reads the token and its signature from the username).</param>
        /// <param name="signer">An RS256 signer holding the device key (see <see cref="RsaSha256Signer"/>).</param>
        public static CustomAuthMqttOptions ForSignedTokens(ServiceEndpoint endpoint, string clientId, string authorizerName, string tokenKeyName, ISigner signer)
        {
            return new CustomAuthMqttOptions(endpoint, clientId, authorizerName, tokenKeyName, false, TokenPlan.DeviceSigned(clientId, signer));
        }

        /// <summary>Options for an authorizer with signing enabled and RS256 JWTs, sent as <c>header.payload</c> with the signature as tokenSignature (<see cref="JwtTokenForm.AwsIotSigned"/>, whatever <c>claims.Form</c> says).</summary>
        /// <param name="endpoint">A domain configuration with authenticationType CUSTOM_AUTH and applicationProtocol SECURE_MQTT.</param>
        /// <param name="clientId">The MQTT client id: 1-128 UTF-8 bytes.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the domain configuration's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName (required).</param>
        /// <param name="claims">The JWT claims and lifetime (copied now; <see cref="TokenLifetimeSeconds"/> does not apply).</param>
        /// <param name="signer">An RS256 signer holding the device key.</param>
        public static CustomAuthMqttOptions ForSignedJwts(ServiceEndpoint endpoint, string clientId, string authorizerName, string tokenKeyName, JwtOptions claims, ISigner signer)
        {
            return new CustomAuthMqttOptions(endpoint, clientId, authorizerName, tokenKeyName, false, TokenPlan.Jwt(claims, signer, JwtTokenForm.AwsIotSigned));
        }

        /// <summary>Options for an authorizer with signingDisabled and per-device HMAC <c>hm1</c> tokens, which its Lambda verifies with the device's secret.</summary>
        /// <param name="endpoint">A domain configuration with authenticationType CUSTOM_AUTH and applicationProtocol SECURE_MQTT.</param>
        /// <param name="clientId">The MQTT client id and token device id: 1-128 characters of <c>[A-Za-z0-9:_-]</c>.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the domain configuration's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName, or null to send the token as the MQTT password.</param>
        /// <param name="mac">An HS256 signer keyed with the device's secret (see <see cref="HmacSha256Signer"/>).</param>
        public static CustomAuthMqttOptions ForHmacTokens(ServiceEndpoint endpoint, string clientId, string authorizerName, string tokenKeyName, ISigner mac)
        {
            return new CustomAuthMqttOptions(endpoint, clientId, authorizerName, tokenKeyName, true, TokenPlan.Hmac(clientId, mac));
        }

        /// <summary>Options for a provisioned token that the device cannot renew (signing enabled when a signature is given, signingDisabled otherwise).</summary>
        /// <param name="endpoint">A domain configuration with authenticationType CUSTOM_AUTH and applicationProtocol SECURE_MQTT.</param>
        /// <param name="clientId">The MQTT client id: 1-128 UTF-8 bytes.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the domain configuration's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName; null only without a signature (the token then goes in the password).</param>
        /// <param name="token">The token: 1-6144 characters.</param>
        /// <param name="tokenSignature">Its standard padded Base64 signature, or null when the authorizer has signingDisabled.</param>
        public static CustomAuthMqttOptions ForStaticToken(ServiceEndpoint endpoint, string clientId, string authorizerName, string tokenKeyName, string token, string tokenSignature)
        {
            return new CustomAuthMqttOptions(endpoint, clientId, authorizerName, tokenKeyName, tokenSignature == null, TokenPlan.Static(token, tokenSignature));
        }

        /// <summary>Options for an authorizer with signingDisabled and tokens from a source the application built (compact JWTs, vended tokens, ...).</summary>
        /// <param name="endpoint">A domain configuration with authenticationType CUSTOM_AUTH and applicationProtocol SECURE_MQTT.</param>
        /// <param name="clientId">The MQTT client id: 1-128 UTF-8 bytes.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the domain configuration's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName, or null to send the token as the MQTT password.</param>
        /// <param name="tokens">The token source (its own clock and lifetime apply; <see cref="TokenLifetimeSeconds"/> does not).</param>
        public static CustomAuthMqttOptions ForUnsignedTokens(ServiceEndpoint endpoint, string clientId, string authorizerName, string tokenKeyName, ITokenSource tokens)
        {
            return new CustomAuthMqttOptions(endpoint, clientId, authorizerName, tokenKeyName, true, TokenPlan.Given(tokens, false));
        }

        /// <summary>The endpoint given to the factory.</summary>
        public ServiceEndpoint Endpoint
        {
            get { return _endpoint; }
        }

        /// <summary>Where the client connects: the endpoint's domain name (also the TLS SNI) on <see cref="Port"/>.</summary>
        public ConnectionTarget Target
        {
            get { return _target; }
        }

        /// <summary>The MQTT client id.</summary>
        public string ClientId
        {
            get { return _session.ClientId; }
        }

        /// <summary>The authorizer name sent, or null for the endpoint's default authorizer.</summary>
        public string AuthorizerName
        {
            get { return _composer.AuthorizerName; }
        }

        /// <summary>The authorizer's tokenKeyName, or null when the token goes in the password.</summary>
        public string TokenKeyName
        {
            get { return _composer.TokenKeyName; }
        }

        /// <summary>True when the authorizer has signingDisabled (chosen by the factory).</summary>
        public bool SigningDisabled
        {
            get { return _composer.SigningDisabled; }
        }

        /// <summary>The TCP port: 8883 or 443, both served by a SECURE_MQTT domain configuration without ALPN (default 8883); other ports throw <see cref="UnsupportedEndpointException"/>.</summary>
        public int Port
        {
            get { return _target.Port; }
            set { _target = Resolve(_endpoint, value); }
        }

        /// <summary>Lifetime of each <c>ds1</c> or <c>hm1</c> token the device mints, in seconds (60-31536000; default 3600); ignored for JWTs (their JwtOptions.LifetimeSeconds applies), static tokens and given sources.</summary>
        public int TokenLifetimeSeconds
        {
            get { return _tokenLifetimeSeconds; }
            set { _tokenLifetimeSeconds = SettingRange.Check(value, MintingTokenSource.MinLifetimeSeconds, MintingTokenSource.MaxLifetimeSeconds, "TokenLifetimeSeconds"); }
        }

        /// <summary>The refreshAfterInSeconds the authorizer's Lambda returns, in seconds (300-86400; default 3600): copy it so reconnects are planned before a refresh finds the token expired.</summary>
        public int RefreshAfterInSeconds
        {
            get { return _refreshAfterInSeconds; }
            set { _refreshAfterInSeconds = SettingRange.Check(value, LifetimeOptions.MinimumWindowSeconds, LifetimeOptions.MaximumWindowSeconds, "RefreshAfterInSeconds"); }
        }

        /// <summary>The disconnectAfterInSeconds the authorizer's Lambda returns, in seconds (300-86400; default 86400): copy it so the client reconnects before the service cuts the line.</summary>
        public int DisconnectAfterInSeconds
        {
            get { return _disconnectAfterInSeconds; }
            set { _disconnectAfterInSeconds = SettingRange.Check(value, LifetimeOptions.MinimumWindowSeconds, LifetimeOptions.MaximumWindowSeconds, "DisconnectAfterInSeconds"); }
        }

        /// <summary>How long minting a token takes on this board, in seconds (0-600; default 15): new credentials are prepared twice this long ahead of need (see boards/).</summary>
        public int ExpectedSigningSeconds
        {
            get { return _margins.ExpectedSigningSeconds; }
            set { _margins.ExpectedSigningSeconds = value; }
        }

        /// <summary>How far the device clock may be off the service's, in seconds (0-3600; default 60): tokens are treated as expiring this much earlier.</summary>
        public int ClockSkewSeconds
        {
            get { return _margins.ClockSkewSeconds; }
            set { _margins.ClockSkewSeconds = value; }
        }

        /// <summary>The MQTT version to speak (default <see cref="MqttProtocolLevel.Mqtt311"/>; with <see cref="MqttProtocolLevel.Mqtt5"/> the client acts on CONNACK and DISCONNECT reason codes, see docs/session-lifetime.md).</summary>
        public MqttProtocolLevel ProtocolLevel
        {
            get { return _session.ProtocolLevel; }
            set { _session.ProtocolLevel = value; }
        }

        /// <summary>Most MQTT 5 session takeovers (DISCONNECT 0x8E) in any hour before the client stops instead of fighting another device for its client id (0-60; default 3).</summary>
        public int MaxSessionTakeoversPerHour
        {
            get { return _session.MaxSessionTakeoversPerHour; }
            set { _session.MaxSessionTakeoversPerHour = value; }
        }

        /// <summary>The CONNECT keep-alive, in seconds (30-1200, the range AWS IoT Core accepts; default 60).</summary>
        public int KeepAliveSeconds
        {
            get { return _session.KeepAliveSeconds; }
            set { _session.KeepAliveSeconds = value; }
        }

        /// <summary>Most messages queued while disconnected (0-1024; default 32; 0 disables queueing).</summary>
        public int QueueCapacityMessages
        {
            get { return _session.QueueCapacityMessages; }
            set { _session.QueueCapacityMessages = value; }
        }

        /// <summary>Most bytes (payload + topic) queued while disconnected (0-1048576; default 16384).</summary>
        public int QueueCapacityBytes
        {
            get { return _session.QueueCapacityBytes; }
            set { _session.QueueCapacityBytes = value; }
        }

        /// <summary>Where the token goes: the username (default with a tokenKeyName) or, for signingDisabled authorizers only, the password (default without one).</summary>
        public MqttTokenPlacement TokenPlacement
        {
            get { return _composer.TokenPlacement; }
            set { _composer.TokenPlacement = value; }
        }

        /// <summary>The user part sent before the username's '?' (default empty; no '?'); required when the token goes in the password and no authorizer name is sent.</summary>
        public string UsernamePrefix
        {
            get { return _composer.UsernamePrefix; }
            set { _composer.UsernamePrefix = value; }
        }

        /// <summary>The CA that signed the endpoint's server certificate (e.g. Amazon Root CA 1), or null for the device CA store (default null).</summary>
        public X509Certificate CaCertificate { get; set; }

        /// <summary>Checks the values that only make sense together, before anything is built or sent: the lifetime margins against the windows, the token lifetime against the validity a connect needs, and a dry-run composition of the CONNECT credentials.</summary>
        /// <exception cref="ArgumentException">The margins do not fit the disconnect window, the tokens would not live long enough (the message names the settings), or M2Mqtt could not send the credentials (<see cref="M2MqttChecks.PasswordText"/>).</exception>
        /// <exception cref="CredentialFormatException">The CONNECT credentials could not be composed for any token (for example an empty username with the token in the password).</exception>
        public void Validate()
        {
            LifetimeOptions lifetime = CreateSessionOptions().Lifetime;
            int needed = lifetime.MinimumConnectValiditySeconds + 2 * lifetime.ExpectedSigningSeconds;
            int tokenLifetime = _tokens.LifetimeSeconds(_tokenLifetimeSeconds);
            if (tokenLifetime != 0 && tokenLifetime <= needed)
            {
                throw new ArgumentException("The token lifetime (" + tokenLifetime.ToString() + " s: TokenLifetimeSeconds, or JwtOptions.LifetimeSeconds for JWTs) must exceed " + needed.ToString() + " s: each connect needs " + lifetime.MinimumConnectValiditySeconds.ToString() + " s of validity left (clock skew and reconnect margin included) plus twice ExpectedSigningSeconds to mint; raise the lifetime or lower ExpectedSigningSeconds or ClockSkewSeconds.", "TokenLifetimeSeconds");
            }

            // What M2Mqtt itself would refuse at every connect (password without a user name, not UTF-8) is refused now.
            M2MqttChecks.PasswordText(CreateAuthorization(SystemClock.Instance).Compose(_tokens.Probe(), ClientId));
        }

        /// <summary>The token source the client uses, on its clock and randomness.</summary>
        internal ITokenSource CreateTokenSource(IClock clock, IRandomSource random)
        {
            return _tokens.Build(clock, random, _tokenLifetimeSeconds);
        }

        /// <summary>The username/password composer the client uses, on its clock.</summary>
        internal AwsIotMqttAuthorization CreateAuthorization(IClock clock)
        {
            AwsIotMqttAuthorization authorization = new AwsIotMqttAuthorization(_composer.AuthorizerName, _composer.TokenKeyName, _composer.SigningDisabled, clock);
            authorization.UsernamePrefix = _composer.UsernamePrefix;
            authorization.TokenPlacement = _composer.TokenPlacement;
            return authorization;
        }

        /// <summary>The session options: every session and lifetime setting these options expose is copied here.</summary>
        internal MqttSessionOptions CreateSessionOptions()
        {
            LifetimeOptions lifetime = new LifetimeOptions(_refreshAfterInSeconds, _disconnectAfterInSeconds);
            lifetime.ExpectedSigningSeconds = _margins.ExpectedSigningSeconds;
            lifetime.ClockSkewSeconds = _margins.ClockSkewSeconds;
            MqttSessionOptions session = new MqttSessionOptions(_session.ClientId, lifetime);
            session.KeepAliveSeconds = _session.KeepAliveSeconds;
            session.QueueCapacityMessages = _session.QueueCapacityMessages;
            session.QueueCapacityBytes = _session.QueueCapacityBytes;
            session.ProtocolLevel = _session.ProtocolLevel;
            session.MaxSessionTakeoversPerHour = _session.MaxSessionTakeoversPerHour;
            return session;
        }

        private static ConnectionTarget Resolve(ServiceEndpoint endpoint, int port)
        {
            // Refuses what needs ALPN (the default data endpoint), then what M2Mqtt cannot serve (a client certificate).
            ConnectionTarget target = endpoint.Resolve(TransportProtocol.Mqtt, port);
            M2MqttChecks.ServerNameFor(target);
            return target;
        }
    }
}
