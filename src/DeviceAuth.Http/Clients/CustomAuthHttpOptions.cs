using System;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>What a <see cref="CustomAuthHttpClient"/> publishes to and with (AWS IoT HTTPS publish with custom-authorizer headers or query parameters): required values in a <c>For&lt;Mode&gt;</c> factory, optional ones as validated properties.</summary>
    public sealed class CustomAuthHttpOptions : AuthorizedHttpOptions
    {
        private readonly string _authorizerName;
        private readonly string _tokenKeyName;
        private readonly bool _signingDisabled;
        private AwsIotHttpPlacement _placement = AwsIotHttpPlacement.Headers;

        private CustomAuthHttpOptions(ConnectionTarget target, string authorizerName, string tokenKeyName, bool signingDisabled, TokenPlan tokens)
            : base(target, tokens)
        {
            // The composer's own checks of the names, applied now.
            new AwsIotHttpAuthorization(authorizerName, tokenKeyName, signingDisabled, AwsIotHttpPlacement.Headers, SystemClock.Instance);
            _authorizerName = authorizerName;
            _tokenKeyName = tokenKeyName;
            _signingDisabled = signingDisabled;
        }

        /// <summary>Options for an authorizer with signing enabled and device-signed <c>ds1</c> tokens.</summary>
        /// <param name="endpoint">The AWS IoT data endpoint or an HTTPS domain configuration with authenticationType CUSTOM_AUTH; any other endpoint throws (<see cref="UnsupportedEndpointException"/> naming the fix, or <see cref="ArgumentException"/> for API Gateway).</param>
        /// <param name="deviceId">The device id in each token: 1-128 characters of <c>[A-Za-z0-9:_-]</c>.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the endpoint's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName: the header or query parameter carrying the token.</param>
        /// <param name="signer">An RS256 signer holding the device key (see <see cref="RsaSha256Signer"/>).</param>
        public static CustomAuthHttpOptions ForSignedTokens(ServiceEndpoint endpoint, string deviceId, string authorizerName, string tokenKeyName, ISigner signer)
        {
            return new CustomAuthHttpOptions(Resolve(endpoint), authorizerName, tokenKeyName, false, TokenPlan.DeviceSigned(deviceId, signer));
        }

        /// <summary>Options for an authorizer with signing enabled and RS256 JWTs, sent as <c>header.payload</c> with the signature as tokenSignature (<see cref="JwtTokenForm.AwsIotSigned"/>, whatever <c>claims.Form</c> says).</summary>
        /// <param name="endpoint">The AWS IoT data endpoint or an HTTPS domain configuration with authenticationType CUSTOM_AUTH.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the endpoint's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName.</param>
        /// <param name="claims">The JWT claims and lifetime (copied now).</param>
        /// <param name="signer">An RS256 signer holding the device key.</param>
        public static CustomAuthHttpOptions ForSignedJwts(ServiceEndpoint endpoint, string authorizerName, string tokenKeyName, JwtOptions claims, ISigner signer)
        {
            return new CustomAuthHttpOptions(Resolve(endpoint), authorizerName, tokenKeyName, false, TokenPlan.Jwt(claims, signer, JwtTokenForm.AwsIotSigned));
        }

        /// <summary>Options for an authorizer with signingDisabled and per-device HMAC <c>hm1</c> tokens, which its Lambda verifies with the device's secret.</summary>
        /// <param name="endpoint">The AWS IoT data endpoint or an HTTPS domain configuration with authenticationType CUSTOM_AUTH.</param>
        /// <param name="deviceId">The device id in each token: 1-128 characters of <c>[A-Za-z0-9:_-]</c>.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the endpoint's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName.</param>
        /// <param name="mac">An HS256 signer keyed with the device's secret (see <see cref="HmacSha256Signer"/>).</param>
        public static CustomAuthHttpOptions ForHmacTokens(ServiceEndpoint endpoint, string deviceId, string authorizerName, string tokenKeyName, ISigner mac)
        {
            return new CustomAuthHttpOptions(Resolve(endpoint), authorizerName, tokenKeyName, true, TokenPlan.Hmac(deviceId, mac));
        }

        /// <summary>Options for a provisioned token that the device cannot renew (signing enabled when a signature is given, signingDisabled otherwise).</summary>
        /// <param name="endpoint">The AWS IoT data endpoint or an HTTPS domain configuration with authenticationType CUSTOM_AUTH.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the endpoint's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName.</param>
        /// <param name="token">The token: 1-6144 characters.</param>
        /// <param name="tokenSignature">Its standard padded Base64 signature, or null when the authorizer has signingDisabled.</param>
        public static CustomAuthHttpOptions ForStaticToken(ServiceEndpoint endpoint, string authorizerName, string tokenKeyName, string token, string tokenSignature)
        {
            return new CustomAuthHttpOptions(Resolve(endpoint), authorizerName, tokenKeyName, tokenSignature == null, TokenPlan.Static(token, tokenSignature));
        }

        /// <summary>Options for an authorizer with signingDisabled and tokens from a source the application built.</summary>
        /// <param name="endpoint">The AWS IoT data endpoint or an HTTPS domain configuration with authenticationType CUSTOM_AUTH.</param>
        /// <param name="authorizerName">The authorizer's name, or null for the endpoint's default authorizer.</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName.</param>
        /// <param name="tokens">The token source (its own clock and lifetime apply).</param>
        public static CustomAuthHttpOptions ForUnsignedTokens(ServiceEndpoint endpoint, string authorizerName, string tokenKeyName, ITokenSource tokens)
        {
            return new CustomAuthHttpOptions(Resolve(endpoint), authorizerName, tokenKeyName, true, TokenPlan.Given(tokens, false));
        }

        /// <summary>The authorizer name sent, or null for the endpoint's default authorizer.</summary>
        public string AuthorizerName
        {
            get { return _authorizerName; }
        }

        /// <summary>The authorizer's tokenKeyName.</summary>
        public string TokenKeyName
        {
            get { return _tokenKeyName; }
        }

        /// <summary>True when the authorizer has signingDisabled (chosen by the factory).</summary>
        public bool SigningDisabled
        {
            get { return _signingDisabled; }
        }

        /// <summary>Where the authorizer values go: headers (default) or the query string, each value percent-encoded once there.</summary>
        public AwsIotHttpPlacement Placement
        {
            get
            {
                return _placement;
            }

            set
            {
                if (value != AwsIotHttpPlacement.Headers && value != AwsIotHttpPlacement.QueryString)
                {
                    throw new ArgumentOutOfRangeException("value", "Placement must be AwsIotHttpPlacement.Headers or AwsIotHttpPlacement.QueryString.");
                }

                _placement = value;
            }
        }

        /// <inheritdoc />
        internal override IHttpAuthorization CreateAuthorization(IClock clock)
        {
            return new AwsIotHttpAuthorization(_authorizerName, _tokenKeyName, _signingDisabled, _placement, clock);
        }

        /// <inheritdoc />
        internal override void DryRun()
        {
            CreateAuthorization(SystemClock.Instance).Compose(Tokens.Probe());
        }

        private static ConnectionTarget Resolve(ServiceEndpoint endpoint)
        {
            if (endpoint == null)
            {
                throw new ArgumentNullException("endpoint");
            }

            if (endpoint.Kind == EndpointKind.ApiGateway)
            {
                throw new ArgumentException("An API Gateway endpoint does not read x-amz-customauthorizer values: use ApiGatewayOptions with it, and CustomAuthHttpOptions with the AWS IoT data endpoint or an HTTPS domain configuration.", "endpoint");
            }

            // Refuses HTTPS where it cannot work from the device (CUSTOM_AUTH_X509, a SECURE_MQTT-only domain, another port).
            return endpoint.Resolve(TransportProtocol.Https);
        }
    }
}
