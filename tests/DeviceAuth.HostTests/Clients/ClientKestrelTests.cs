using System;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using DeviceAuth.Crypto;
using DeviceAuth.Endpoints;
using DeviceAuth.HostTests.Http;
using DeviceAuth.HostTests.Tokens;
using DeviceAuth.Http;
using DeviceAuth.Tests.Crypto;
using DeviceAuth.Tokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Clients
{
    /// <summary>
    /// The HTTP device clients against a real Kestrel HTTPS server (an HTTP parser nobody here wrote):
    /// the publish path decodes back to the topic, the custom-authorizer headers carry a token whose
    /// signature .NET's RSA verifies, the bearer JWT passes System.IdentityModel's validation, SNI is
    /// the endpoint's host name and one connection carries every request.
    /// </summary>
    public sealed class ClientKestrelTests : IAsyncLifetime
    {
        private KestrelTestServer _server;
        private HttpClient _http;

        public async ValueTask InitializeAsync()
        {
            _server = await KestrelTestServer.StartAsync();
            _http = _server.CreateClient();
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _server.DisposeAsync();
        }

        [Fact]
        public void IotPublish_PathHeadersAndSignature_AsTheServerParsesThem()
        {
            // The test server stands in for the AWS IoT data endpoint: the client sends to https://<host>/ on 443 and the test's connector reaches Kestrel.
            var options = CustomAuthHttpOptions.ForSignedTokens(ServiceEndpoint.IotDefaultDataEndpoint(KestrelTestServer.HostName), "thing-42", "device-authorizer", "token", new RsaSha256Signer(RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem)));
            var client = new CustomAuthHttpClient(options, _http);
            for (int i = 0; i < 3; i++)
            {
                using HttpResponseMessage response = client.Publish("dt/thing 42/\u00e9-x", System.Text.Encoding.UTF8.GetBytes("{\"n\":" + i + "}"), 1, "application/json");
                Assert.Equal(200, (int)response.StatusCode);
            }

            var requests = _server.Requests.ToList();
            Assert.Equal(3, requests.Count);
            AuthToken token = client.Tokens.GetToken(0);
            using RSA key = RSA.Create();
            key.ImportFromPem(CryptoVectors.Rsa2048Pkcs1Pem);
            foreach (SeenRequest r in requests)
            {
                Assert.Equal("POST", r.Method);
                Assert.Equal("/topics/dt/thing 42/\u00e9-x", r.Path);
                Assert.Equal("?qos=1", r.Query);
                Assert.Equal("device-authorizer", r.Headers["x-amz-customauthorizer-name"]);
                Assert.Equal(token.Token, r.Headers["token"]);
                Assert.True(HostCrypto.Verify(HostCrypto.PublicOnly(key), r.Headers["token"], r.Headers["x-amz-customauthorizer-signature"]));
                Assert.Equal(KestrelTestServer.HostName, r.Headers["Host"]);
                Assert.Equal("application/json", r.Headers["Content-Type"]);
            }

            Assert.StartsWith("ds1.thing-42.", token.Token, StringComparison.Ordinal);
            Assert.Equal(new[] { KestrelTestServer.HostName }, _server.ServerNames.ToArray());
            Assert.Single(requests.Select(r => r.ConnectionId).Distinct());
        }

        [Fact]
        public void ApiGatewayBearer_PassesJwtValidation_AsAnApiGatewayJwtAuthorizerDoes()
        {
            using RSA key = RSA.Create(2048);
            var claims = new JwtOptions("https://devices.example.com", "thing-42", "device-api", 600) { KeyId = "device-key-1" };
            var client = new ApiGatewayClient(ApiGatewayOptions.ForSignedJwts(ServiceEndpoint.ApiGateway(KestrelTestServer.HostName), claims, new DotNetRsaSigner(key)), _http);
            using (HttpResponseMessage response = client.Get("/config?device=thing-42"))
            {
                Assert.Equal(200, (int)response.StatusCode);
            }

            SeenRequest seen = _server.Requests.Single();
            Assert.Equal("/config", seen.Path);
            Assert.Equal("?device=thing-42", seen.Query);
            string authorization = seen.Headers["Authorization"];
            Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
            var parameters = new TokenValidationParameters
            {
                ValidIssuer = "https://devices.example.com",
                ValidAudience = "device-api",
                IssuerSigningKey = new RsaSecurityKey(HostCrypto.PublicOnly(key)) { KeyId = "device-key-1" },
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.Zero,
                ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                TryAllIssuerSigningKeys = false,
            };
            var principal = new JwtSecurityTokenHandler { MapInboundClaims = false }.ValidateToken(authorization.Substring("Bearer ".Length), parameters, out _);
            Assert.Equal("thing-42", principal.FindFirst("sub").Value);
        }
    }
}
