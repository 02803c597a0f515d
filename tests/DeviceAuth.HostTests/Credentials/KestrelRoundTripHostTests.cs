using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using DeviceAuth.Credentials;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace DeviceAuth.HostTests.Credentials
{
    /// <summary>
    /// The composed HTTP parts sent by HttpClient to a local Kestrel server, which parses them with
    /// ASP.NET Core's own header and query parsers and echoes what it received.
    /// </summary>
    public class KestrelRoundTripHostTests
    {
        private static async Task<(WebApplication App, string BaseUrl)> StartEchoServer()
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            WebApplication app = builder.Build();
            app.MapPost("/topics/{topic}", (HttpRequest request) =>
            {
                var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
                var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
                return Results.Json(new { headers, query });
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            return (app, app.Urls.First());
        }

        private static async Task<(Dictionary<string, string> Headers, Dictionary<string, string> Query)> Send(string baseUrl, HttpAuthorizationParts parts)
        {
            using var client = new HttpClient();
            string url = baseUrl + "/topics/telemetry?qos=1" + (parts.QueryParameterCount > 0 ? "&" + parts.ToQueryString() : string.Empty);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{}") };
            for (int i = 0; i < parts.HeaderCount; i++)
            {
                request.Headers.Add(parts.GetHeaderName(i), parts.GetHeaderValue(i));
            }

            using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var headers = doc.RootElement.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            var query = doc.RootElement.GetProperty("query").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            return (headers, query);
        }

        [Fact]
        public async Task AwsIotHeadersAndQuery_JwtBearer_RequestSources_ArriveIntact()
        {
            var (app, baseUrl) = await StartEchoServer();
            await using (app)
            {
                var clock = new ManualClock(1748736000L);
                var random = new Random(2024);
                string token = CredentialParsingHostTests.RandomText(random, 200);
                var signed = new AuthToken(token, "ab+/cd==", DateTime.MinValue, AuthToken.NoExpiry);

                var (_, q) = await Send(baseUrl, new AwsIotHttpAuthorization("my-authorizer", "x-token", false, AwsIotHttpPlacement.QueryString, clock).Compose(signed));
                Assert.Equal("1", q["qos"]);
                Assert.Equal("my-authorizer", q["x-amz-customauthorizer-name"]);
                Assert.Equal("ab+/cd==", q["x-amz-customauthorizer-signature"]);
                Assert.Equal(token, q["x-token"]);

                var headerToken = new AuthToken("ds1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL", "ab+/cd==", DateTime.MinValue, AuthToken.NoExpiry);
                var (h, _) = await Send(baseUrl, new AwsIotHttpAuthorization(null, "x-token", false, AwsIotHttpPlacement.Headers, clock).Compose(headerToken));
                Assert.False(h.ContainsKey("x-amz-customauthorizer-name"));
                Assert.Equal("ab+/cd==", h["x-amz-customauthorizer-signature"]);
                Assert.Equal(headerToken.Token, h["x-token"]);

                var jwt = new AuthToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkIn0.c2ln", null, DateTime.MinValue, AuthToken.NoExpiry);
                var (hj, _) = await Send(baseUrl, new ApiGatewayJwtAuthorization(clock).Compose(jwt));
                Assert.Equal("Bearer " + jwt.Token, hj["authorization"]);

                var request = new ApiGatewayRequestAuthorization(new[] { "$request.header.X-Device-Token", "$request.querystring.device id" }, clock);
                request.MapToken("$request.header.X-Device-Token");
                request.MapValue("$request.querystring.device id", "caf\u00e9 & co=1");
                var (hr, qr) = await Send(baseUrl, request.Compose(headerToken));
                Assert.Equal(headerToken.Token, hr["x-device-token"]);
                Assert.Equal("caf\u00e9 & co=1", qr["device id"]);
            }
        }
    }
}
