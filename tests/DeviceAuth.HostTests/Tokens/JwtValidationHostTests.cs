using System;
using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using DeviceAuth.Credentials;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Tokens
{
    /// <summary>
    /// JWTs from <see cref="JwtTokenSource"/> validated by System.IdentityModel.Tokens.Jwt the way an
    /// API Gateway JWT authorizer does: signature by kid, iss, aud, exp, nbf. The handler reads the
    /// real time, so these tokens are minted on a clock set from the real time (no waiting).
    /// </summary>
    public class JwtValidationHostTests
    {
        private const string Issuer = "https://issuer.example/devices";
        private const string Audience = "telemetry-api";

        private static (RSA Key, TokenValidationParameters Parameters) Setup()
        {
            RSA key = RSA.Create(2048);
            var parameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                IssuerSigningKey = new RsaSecurityKey(HostCrypto.PublicOnly(key)) { KeyId = "device-key-1" },
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ClockSkew = TimeSpan.Zero,
                ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                TryAllIssuerSigningKeys = false,
            };
            return (key, parameters);
        }

        private static string Mint(RSA key, DateTime now, string issuer = Issuer, string audience = Audience, int lifetime = 600, string kid = "device-key-1")
        {
            var options = new JwtOptions(issuer, "thing-42", audience, lifetime) { KeyId = kid, Scope = "telemetry/write telemetry/read" };
            return new JwtTokenSource(options, new DotNetRsaSigner(key), new ManualClock(now), new SystemRandomSource(5)).GetToken(0).Token;
        }

        private static ClaimsPrincipal Validate(string jwt, TokenValidationParameters parameters)
        {
            var handler = new JwtSecurityTokenHandler { MapInboundClaims = false };
            return handler.ValidateToken(jwt, parameters, out _);
        }

        [Fact]
        public void ValidToken_PassesWithAllClaims()
        {
            var (key, parameters) = Setup();
            DateTime now = DateTime.UtcNow;
            string jwt = Mint(key, now);
            ClaimsPrincipal principal = Validate(jwt, parameters);
            Assert.Equal("thing-42", principal.FindFirst("sub").Value);
            Assert.Equal("telemetry/write telemetry/read", principal.FindFirst("scope").Value);
            Assert.NotNull(principal.FindFirst("jti"));

            var parsed = new JwtSecurityTokenHandler().ReadJwtToken(jwt);
            Assert.Equal("RS256", parsed.Header.Alg);
            Assert.Equal("JWT", parsed.Header.Typ);
            Assert.Equal("device-key-1", parsed.Header.Kid);
            long iat = UnixTime.ToSeconds(now);
            Assert.Equal(iat, long.Parse(parsed.Payload["iat"].ToString()));
            Assert.Equal(iat, parsed.Payload.NotBefore);
            Assert.Equal(iat + 600, parsed.Payload.Expiration);
        }

        // API Gateway also requires iat in the past, which the handler does not check: check it here.
        private static void ValidateLikeApiGateway(string jwt, TokenValidationParameters parameters)
        {
            Validate(jwt, parameters);
            long iat = long.Parse(new JwtSecurityTokenHandler().ReadJwtToken(jwt).Payload["iat"].ToString());
            if (iat > UnixTime.ToSeconds(DateTime.UtcNow))
            {
                throw new SecurityTokenNotYetValidException("iat is in the future");
            }
        }

        // A device clock 20 s ahead of the verifier's: with a 30 s leeway both iat and nbf are in
        // the verifier's past and the token validates; without leeway it is not yet valid.
        [Fact]
        public void DeviceClockAhead_WithinLeeway_Validates()
        {
            var (key, parameters) = Setup();
            DateTime deviceNow = DateTime.UtcNow.AddSeconds(20);
            var options = new JwtOptions(Issuer, "thing-42", Audience, 600) { KeyId = "device-key-1", NotBeforeLeewaySeconds = 30 };
            AuthToken token = new JwtTokenSource(options, new DotNetRsaSigner(key), new ManualClock(deviceNow), new SystemRandomSource(8)).GetToken(0);
            ValidateLikeApiGateway(token.Token, parameters);

            var parsed = new JwtSecurityTokenHandler().ReadJwtToken(token.Token);
            long minted = UnixTime.ToSeconds(deviceNow);
            Assert.Equal(minted - 30, long.Parse(parsed.Payload["iat"].ToString()));
            Assert.Equal(minted - 30, parsed.Payload.NotBefore);
            Assert.Equal(minted + 600, parsed.Payload.Expiration);
            Assert.Equal(UnixTime.FromSeconds(minted - 30), token.IssuedAt);

            string noLeeway = Mint(key, deviceNow);
            Assert.Throws<SecurityTokenNotYetValidException>(() => ValidateLikeApiGateway(noLeeway, parameters));
        }

        [Fact]
        public void BearerHeader_ParsesAndValidates()
        {
            var (key, parameters) = Setup();
            var source = new JwtTokenSource(new JwtOptions(Issuer, "thing-42", Audience, 600) { KeyId = "device-key-1" }, new DotNetRsaSigner(key), new ManualClock(DateTime.UtcNow), new SystemRandomSource(6));
            HttpAuthorizationParts parts = new ApiGatewayJwtAuthorization(new ManualClock(DateTime.UtcNow)).Compose(source.GetToken(0));
            var header = AuthenticationHeaderValue.Parse(parts.GetHeaderValue(0));
            Assert.Equal("Authorization", parts.GetHeaderName(0));
            Assert.Equal("Bearer", header.Scheme);
            Validate(header.Parameter, parameters);
        }

        [Fact]
        public void Expired_IsRejected()
        {
            var (key, parameters) = Setup();
            string jwt = Mint(key, DateTime.UtcNow.AddSeconds(-700));
            Assert.Throws<SecurityTokenExpiredException>(() => Validate(jwt, parameters));
        }

        [Fact]
        public void NotYetValid_IsRejected()
        {
            var (key, parameters) = Setup();
            string jwt = Mint(key, DateTime.UtcNow.AddSeconds(300));
            Assert.Throws<SecurityTokenNotYetValidException>(() => Validate(jwt, parameters));
        }

        [Fact]
        public void WrongIssuer_IsRejected()
        {
            var (key, parameters) = Setup();
            Assert.Throws<SecurityTokenInvalidIssuerException>(() => Validate(Mint(key, DateTime.UtcNow, issuer: "https://other"), parameters));
        }

        [Fact]
        public void WrongAudience_IsRejected()
        {
            var (key, parameters) = Setup();
            Assert.Throws<SecurityTokenInvalidAudienceException>(() => Validate(Mint(key, DateTime.UtcNow, audience: "other"), parameters));
        }

        [Fact]
        public void WrongKey_IsRejected()
        {
            var (_, parameters) = Setup();
            using RSA other = RSA.Create(2048);
            Assert.ThrowsAny<SecurityTokenInvalidSignatureException>(() => Validate(Mint(other, DateTime.UtcNow), parameters));
        }

        [Fact]
        public void UnknownKid_IsRejected()
        {
            var (key, parameters) = Setup();
            Assert.ThrowsAny<SecurityTokenSignatureKeyNotFoundException>(() => Validate(Mint(key, DateTime.UtcNow, kid: "other-key"), parameters));
        }

        [Fact]
        public void TamperedPayload_IsRejected()
        {
            var (key, parameters) = Setup();
            string[] parts = Mint(key, DateTime.UtcNow).Split('.');
            string payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("thing-42", "thing-43");
            string forged = parts[0] + "." + Base64UrlEncoder.Encode(payload) + "." + parts[2];
            Assert.ThrowsAny<SecurityTokenInvalidSignatureException>(() => Validate(forged, parameters));
        }

        [Fact]
        public void Hs256_ValidatesWithTheSharedKey()
        {
            byte[] secret = RandomNumberGenerator.GetBytes(32);
            var options = new JwtOptions(Issuer, "thing-42", Audience, 600);
            string jwt = new JwtTokenSource(options, new DotNetHmacSigner(secret), new ManualClock(DateTime.UtcNow), new SystemRandomSource(7)).GetToken(0).Token;
            var parameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                IssuerSigningKey = new SymmetricSecurityKey(secret),
                ClockSkew = TimeSpan.Zero,
            };
            Validate(jwt, parameters);
        }
    }
}
