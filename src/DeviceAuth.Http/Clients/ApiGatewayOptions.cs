using System;
using System.Collections;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.Tokens;

namespace DeviceAuth.Http
{
    /// <summary>What an <see cref="ApiGatewayClient"/> calls and with what (an API Gateway HTTP API with a JWT or a REQUEST authorizer): required values in a <c>For&lt;Mode&gt;</c> factory, optional ones as validated properties.</summary>
    public sealed class ApiGatewayOptions : AuthorizedHttpOptions
    {
        private const int MapsToken = 1;
        private const int MapsSignature = 2;
        private const int MapsValue = 3;

        private readonly string[] _identitySources;
        private readonly ApiGatewayRequestAuthorization _request;
        private readonly ArrayList _mappings = new ArrayList();
        private string _jwtIdentitySource = ApiGatewayJwtAuthorization.DefaultIdentitySource;

        private ApiGatewayOptions(ServiceEndpoint endpoint, string[] identitySources, TokenPlan tokens)
            : base(Resolve(endpoint), tokens)
        {
            if (identitySources != null)
            {
                // The composer's own checks of the list (syntax, duplicates, one request source at least), applied now; it also checks each mapping.
                _request = new ApiGatewayRequestAuthorization(identitySources, SystemClock.Instance);
                _identitySources = new string[identitySources.Length];
                Array.Copy(identitySources, _identitySources, identitySources.Length);
            }
        }

        /// <summary>Options for a JWT authorizer and RS256 JWTs the device mints (compact form, sent as <c>Authorization: Bearer</c> by default).</summary>
        /// <param name="endpoint">The HTTP API (<see cref="ServiceEndpoint.ApiGateway"/>).</param>
        /// <param name="claims">iss (the authorizer's issuer), sub, aud (one of its audiences), lifetime and KeyId (required: API Gateway picks the issuer's JWKS key by kid); copied now.</param>
        /// <param name="signer">An RS256 signer holding the device key.</param>
        public static ApiGatewayOptions ForSignedJwts(ServiceEndpoint endpoint, JwtOptions claims, ISigner signer)
        {
            if (claims != null && claims.KeyId == null)
            {
                throw new ArgumentException("claims.KeyId must be set: an API Gateway JWT authorizer picks the key from the issuer's JWKS by the kid header.", "claims");
            }

            return new ApiGatewayOptions(endpoint, null, TokenPlan.Jwt(claims, signer, JwtTokenForm.Compact));
        }

        /// <summary>Options for a JWT authorizer and compact JWTs from a source the application built (for example a <see cref="VendedTokenSource"/>).</summary>
        /// <param name="endpoint">The HTTP API (<see cref="ServiceEndpoint.ApiGateway"/>).</param>
        /// <param name="jwts">The source of compact JWTs.</param>
        public static ApiGatewayOptions ForJwtSource(ServiceEndpoint endpoint, ITokenSource jwts)
        {
            return new ApiGatewayOptions(endpoint, null, TokenPlan.Given(jwts, false));
        }

        /// <summary>Options for a REQUEST authorizer and device-signed <c>ds1</c> tokens; map the identity sources with <see cref="MapToken"/>, <see cref="MapTokenSignature"/> and <see cref="MapValue"/>.</summary>
        /// <param name="endpoint">The HTTP API (<see cref="ServiceEndpoint.ApiGateway"/>).</param>
        /// <param name="identitySources">The authorizer's IdentitySource list exactly as configured (copied).</param>
        /// <param name="deviceId">The device id in each token: 1-128 characters of <c>[A-Za-z0-9:_-]</c>.</param>
        /// <param name="signer">An RS256 signer holding the device key.</param>
        public static ApiGatewayOptions ForRequestSignedTokens(ServiceEndpoint endpoint, string[] identitySources, string deviceId, ISigner signer)
        {
            return new ApiGatewayOptions(endpoint, RequireList(identitySources), TokenPlan.DeviceSigned(deviceId, signer));
        }

        /// <summary>Options for a REQUEST authorizer and per-device HMAC <c>hm1</c> tokens (no signature); map the identity sources with <see cref="MapToken"/> and <see cref="MapValue"/>.</summary>
        /// <param name="endpoint">The HTTP API (<see cref="ServiceEndpoint.ApiGateway"/>).</param>
        /// <param name="identitySources">The authorizer's IdentitySource list exactly as configured (copied).</param>
        /// <param name="deviceId">The device id in each token: 1-128 characters of <c>[A-Za-z0-9:_-]</c>.</param>
        /// <param name="mac">An HS256 signer keyed with the device's secret.</param>
        public static ApiGatewayOptions ForRequestHmacTokens(ServiceEndpoint endpoint, string[] identitySources, string deviceId, ISigner mac)
        {
            return new ApiGatewayOptions(endpoint, RequireList(identitySources), TokenPlan.Hmac(deviceId, mac));
        }

        /// <summary>Options for a REQUEST authorizer and tokens from a source the application built; map the identity sources with <see cref="MapToken"/>, <see cref="MapTokenSignature"/> and <see cref="MapValue"/>.</summary>
        /// <param name="endpoint">The HTTP API (<see cref="ServiceEndpoint.ApiGateway"/>).</param>
        /// <param name="identitySources">The authorizer's IdentitySource list exactly as configured (copied).</param>
        /// <param name="tokens">The token source (its own clock and lifetime apply).</param>
        public static ApiGatewayOptions ForRequestTokens(ServiceEndpoint endpoint, string[] identitySources, ITokenSource tokens)
        {
            return new ApiGatewayOptions(endpoint, RequireList(identitySources), TokenPlan.Given(tokens, true));
        }

        /// <summary>True for a REQUEST authorizer, false for a JWT authorizer (chosen by the factory).</summary>
        public bool IsRequestAuthorizer
        {
            get { return _request != null; }
        }

        /// <summary>Where a JWT authorizer reads the token: <c>$request.header.Name</c> (the Authorization header gets <c>Bearer </c>) or <c>$request.querystring.name</c> (default <c>$request.header.Authorization</c>); JWT authorizers only.</summary>
        public string JwtIdentitySource
        {
            get
            {
                return _jwtIdentitySource;
            }

            set
            {
                RequireMode(false, "JwtIdentitySource");

                // The composer's own check (a header or query source), applied now.
                new ApiGatewayJwtAuthorization(value, SystemClock.Instance);
                _jwtIdentitySource = value;
            }
        }

        /// <summary>Sends the token as the value of one of the identity sources (REQUEST authorizers only).</summary>
        /// <param name="expression">One of the identity sources, e.g. <c>$request.header.x-device-token</c>.</param>
        public void MapToken(string expression)
        {
            RequireMode(true, "MapToken");
            _request.MapToken(expression);
            _mappings.Add(new object[] { MapsToken, expression, null });
        }

        /// <summary>Sends the token's signature (standard Base64) as the value of one of the identity sources (REQUEST authorizers with signed tokens only).</summary>
        /// <param name="expression">One of the identity sources.</param>
        public void MapTokenSignature(string expression)
        {
            RequireMode(true, "MapTokenSignature");
            _request.MapTokenSignature(expression);
            _mappings.Add(new object[] { MapsSignature, expression, null });
        }

        /// <summary>Sends a fixed value (a device id, an API key) as the value of one of the identity sources (REQUEST authorizers only).</summary>
        /// <param name="expression">One of the identity sources.</param>
        /// <param name="value">A non-empty value.</param>
        public void MapValue(string expression, string value)
        {
            RequireMode(true, "MapValue");
            _request.MapValue(expression, value);
            _mappings.Add(new object[] { MapsValue, expression, value });
        }

        /// <inheritdoc />
        internal override IHttpAuthorization CreateAuthorization(IClock clock)
        {
            if (_request == null)
            {
                return new ApiGatewayJwtAuthorization(_jwtIdentitySource, clock);
            }

            ApiGatewayRequestAuthorization request = new ApiGatewayRequestAuthorization(_identitySources, clock);
            for (int i = 0; i < _mappings.Count; i++)
            {
                object[] mapping = (object[])_mappings[i];
                int kind = (int)mapping[0];
                string expression = (string)mapping[1];
                if (kind == MapsToken)
                {
                    request.MapToken(expression);
                }
                else if (kind == MapsSignature)
                {
                    request.MapTokenSignature(expression);
                }
                else
                {
                    request.MapValue(expression, (string)mapping[2]);
                }
            }

            return request;
        }

        /// <inheritdoc />
        internal override void DryRun()
        {
            // A JWT authorizer's only token-independent rule (a header or query source) was checked when set.
            if (_request != null)
            {
                CreateAuthorization(SystemClock.Instance).Compose(Tokens.Probe());
            }
        }

        private void RequireMode(bool request, string member)
        {
            if (request && _request == null)
            {
                throw new InvalidOperationException(member + " maps the identity sources of a REQUEST authorizer; these options are for a JWT authorizer (set JwtIdentitySource instead).");
            }

            if (!request && _request != null)
            {
                throw new InvalidOperationException(member + " applies to JWT authorizers; these options are for a REQUEST authorizer (use MapToken, MapTokenSignature and MapValue).");
            }
        }

        private static string[] RequireList(string[] identitySources)
        {
            if (identitySources == null)
            {
                throw new ArgumentNullException("identitySources");
            }

            return identitySources;
        }

        private static ConnectionTarget Resolve(ServiceEndpoint endpoint)
        {
            if (endpoint == null)
            {
                throw new ArgumentNullException("endpoint");
            }

            if (endpoint.Kind != EndpointKind.ApiGateway)
            {
                throw new ArgumentException("ApiGatewayOptions is for an API Gateway HTTP API (ServiceEndpoint.ApiGateway); for AWS IoT HTTPS publish use CustomAuthHttpOptions.", "endpoint");
            }

            return endpoint.Resolve(TransportProtocol.Https);
        }
    }
}
