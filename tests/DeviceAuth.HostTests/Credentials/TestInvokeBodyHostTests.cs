using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using DeviceAuth.Credentials;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Credentials
{
    /// <summary>TestInvokeAuthorizer bodies parsed with System.Text.Json and compared with what the device sends.</summary>
    public class TestInvokeBodyHostTests
    {
        private const long Now = 1748736000L;

        [Fact]
        public void MqttBody_MatchesTheComposedCredentials()
        {
            var random = new Random(31);
            for (int i = 0; i < 100; i++)
            {
                string token = CredentialParsingHostTests.RandomText(random, 120);
                byte[] sig = new byte[256];
                random.NextBytes(sig);
                string signature = Convert.ToBase64String(sig);
                byte[] password = new byte[random.Next(1, 40)];
                random.NextBytes(password);
                string clientId = "client-\u00e9-" + i;
                var composer = new AwsIotMqttAuthorization("my-authorizer", "token", false, new ManualClock(Now));
                composer.SetPassword(password);
                composer.AddUsernameParameter("SDK", CredentialParsingHostTests.RandomText(random, 10));
                var authToken = new AuthToken(token, signature, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 60));
                MqttConnectCredentials sent = composer.Compose(authToken, clientId);

                string body = TestInvokeAuthorizerRequest.ForMqtt(composer, authToken, clientId, "mqtt.devices.example.com");
                using JsonDocument doc = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
                JsonElement root = doc.RootElement;
                Assert.Equal(token, root.GetProperty("token").GetString());
                Assert.Equal(signature, root.GetProperty("tokenSignature").GetString());
                JsonElement mqtt = root.GetProperty("mqttContext");
                Assert.Equal(sent.Username, mqtt.GetProperty("username").GetString());
                Assert.Equal(password, mqtt.GetProperty("password").GetBytesFromBase64());
                Assert.Equal(clientId, mqtt.GetProperty("clientId").GetString());
                Assert.Equal("mqtt.devices.example.com", root.GetProperty("tlsContext").GetProperty("serverName").GetString());
                Assert.False(root.TryGetProperty("httpContext", out _));

                // Same structure as a body System.Text.Json builds from the same values.
                var expected = new JsonObject
                {
                    ["token"] = token,
                    ["tokenSignature"] = signature,
                    ["mqttContext"] = new JsonObject { ["username"] = sent.Username, ["password"] = Convert.ToBase64String(password), ["clientId"] = clientId },
                    ["tlsContext"] = new JsonObject { ["serverName"] = "mqtt.devices.example.com" },
                };
                Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(body)));
            }
        }

        [Fact]
        public void HttpBody_HeadersAndQueryString()
        {
            var random = new Random(32);
            for (int i = 0; i < 100; i++)
            {
                string token = CredentialParsingHostTests.RandomText(random, 120);
                var authToken = new AuthToken(token, "c2lnbmF0dXJl", DateTime.MinValue, AuthToken.NoExpiry);
                var query = new AwsIotHttpAuthorization("my-authorizer", "x-token", false, AwsIotHttpPlacement.QueryString, new ManualClock(Now));
                using JsonDocument q = JsonDocument.Parse(TestInvokeAuthorizerRequest.ForHttp(query, authToken, null));
                string queryString = q.RootElement.GetProperty("httpContext").GetProperty("queryString").GetString();
                Assert.StartsWith("?", queryString);
                var parsed = HttpUtility.ParseQueryString(queryString.Substring(1));
                Assert.Equal(token, parsed["x-token"]);
                Assert.Equal("c2lnbmF0dXJl", parsed["x-amz-customauthorizer-signature"]);
                Assert.Equal("my-authorizer", parsed["x-amz-customauthorizer-name"]);
            }

            var headers = new AwsIotHttpAuthorization("my-authorizer", "x-token", false, AwsIotHttpPlacement.Headers, new ManualClock(Now));
            var simple = new AuthToken("ds1.thing.1.2.abcdefgh", "c2lnbmF0dXJl", DateTime.MinValue, AuthToken.NoExpiry);
            using JsonDocument h = JsonDocument.Parse(TestInvokeAuthorizerRequest.ForHttp(headers, simple, "iot.example.com"));
            JsonElement hs = h.RootElement.GetProperty("httpContext").GetProperty("headers");
            Assert.Equal("my-authorizer", hs.GetProperty("x-amz-customauthorizer-name").GetString());
            Assert.Equal("c2lnbmF0dXJl", hs.GetProperty("x-amz-customauthorizer-signature").GetString());
            Assert.Equal("ds1.thing.1.2.abcdefgh", hs.GetProperty("x-token").GetString());
        }

        /// <summary>Every BMP character (except surrogates) and some astral ones survive the escaping.</summary>
        [Fact]
        public void Escaping_EveryCharacterRoundTrips()
        {
            var sb = new System.Text.StringBuilder();
            for (int c = 1; c < 0xFFFF; c++)
            {
                if (c >= 0xD800 && c <= 0xDFFF)
                {
                    continue;
                }

                sb.Append((char)c);
                if (sb.Length == 6000)
                {
                    Check(sb.ToString());
                    sb.Clear();
                }
            }

            sb.Append("\ud83d\ude00\udbff\udfff\0");
            Check(sb.ToString());

            static void Check(string token)
            {
                string body = TestInvokeAuthorizerRequest.Build(token, null, null, null, null);
                using JsonDocument doc = JsonDocument.Parse(body);
                Assert.Equal(token, doc.RootElement.GetProperty("token").GetString());
            }
        }
    }
}
