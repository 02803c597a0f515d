using System;
using System.Collections.Specialized;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Web;
using DeviceAuth.Credentials;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Credentials
{
    /// <summary>
    /// Every produced username, query string and header parsed back with independent parsers
    /// (.NET HttpUtility.ParseQueryString, Uri, HttpRequestMessage header validation): the values
    /// come back exactly as given, over many random values.
    /// </summary>
    public class CredentialParsingHostTests
    {
        private const long Now = 1748736000L;

        /// <summary>Random text mixing unreserved, reserved, space, percent, non-ASCII and astral characters.</summary>
        public static string RandomText(Random random, int maxLength)
        {
            string[] pieces = { "a", "Z", "9", "-", ".", "_", "~", "+", "/", "=", "&", "?", "#", "%", "%25", " ", ":", "@", "!", "'", "(", "*", ";", ",", "\"", "\\", "\u00e9", "\u2713", "\ud83d\ude00", "\u00a0", "\t" };
            var sb = new StringBuilder();
            int length = random.Next(1, maxLength + 1);
            while (sb.Length < length)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }

            return sb.ToString();
        }

        private static string RandomBase64(Random random)
        {
            byte[] bytes = new byte[random.Next(1, 600)];
            random.NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }

        private static NameValueCollection ParseUsername(string username, out string prefix)
        {
            int q = username.IndexOf('?');
            Assert.True(q >= 0);
            Assert.Equal(-1, username.IndexOf('?', q + 1));
            prefix = username.Substring(0, q);
            return HttpUtility.ParseQueryString(username.Substring(q + 1));
        }

        // PercentEncoding.Encode (the same encoder the username composer writes with) equals .NET's
        // RFC 3986 Uri.EscapeDataString for valid text; an unpaired surrogate, which .NET silently
        // turns into U+FFFD, is refused.
        [Fact]
        public void PercentEncoding_MatchesUriEscapeDataString_RandomInputs()
        {
            var random = new Random(424242);
            for (int i = 0; i < 500; i++)
            {
                string text = RandomText(random, 100);
                Assert.Equal(Uri.EscapeDataString(text), DeviceAuth.Encoding.PercentEncoding.Encode(text));
                Assert.Equal(text, DeviceAuth.Encoding.PercentEncoding.Decode(DeviceAuth.Encoding.PercentEncoding.Encode(text)));
            }

            Assert.Throws<ArgumentException>(() => DeviceAuth.Encoding.PercentEncoding.Encode("a\ud800"));
        }

        [Fact]
        public void MqttUsername_ParsesBackToTheOriginalValues_RandomInputs()
        {
            var random = new Random(12345);
            for (int i = 0; i < 300; i++)
            {
                string token = RandomText(random, 200);
                string signature = RandomBase64(random);
                string prefix = RandomText(random, 20).Replace("?", string.Empty).Replace("\t", string.Empty); // no control characters in a prefix (issue 11)
                string metricsValue = RandomText(random, 30);
                var composer = new AwsIotMqttAuthorization("auth_" + i + "=,@-", "tokenKey", false, new ManualClock(Now)) { UsernamePrefix = prefix };
                composer.AddUsernameParameter("SDK", "DeviceAuth.nano");
                composer.AddUsernameParameter("Version", metricsValue);
                var token1 = new AuthToken(token, signature, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 60));
                MqttConnectCredentials c = composer.Compose(token1, "client-" + i);

                NameValueCollection query = ParseUsername(c.Username, out string parsedPrefix);
                Assert.Equal(prefix, parsedPrefix);
                Assert.Equal(5, query.Count);
                Assert.Equal("auth_" + i + "=,@-", query["x-amz-customauthorizer-name"]);
                Assert.Equal(signature, query["x-amz-customauthorizer-signature"]);
                Assert.Equal(token, query["tokenKey"]);
                Assert.Equal("DeviceAuth.nano", query["SDK"]);
                Assert.Equal(metricsValue, query["Version"]);

                // Uri's RFC 3986 unescaping agrees, value by value (one decode, never two).
                foreach (string pair in c.Username.Substring(c.Username.IndexOf('?') + 1).Split('&'))
                {
                    string[] kv = pair.Split('=');
                    Assert.Equal(2, kv.Length);
                    Assert.Equal(query[Uri.UnescapeDataString(kv[0])], Uri.UnescapeDataString(kv[1]));
                    Assert.Equal(Uri.EscapeDataString(Uri.UnescapeDataString(kv[1])), kv[1]);
                }

                Assert.True(System.Text.Encoding.UTF8.GetByteCount(c.Username) <= 65535);
            }
        }

        [Fact]
        public void MqttUsername_EqualsAnIndependentlyBuiltOne()
        {
            var random = new Random(777);
            for (int i = 0; i < 200; i++)
            {
                string token = RandomText(random, 100);
                string signature = RandomBase64(random);
                var composer = new AwsIotMqttAuthorization("authorizer", "tk", false, new ManualClock(Now));
                string expected = "?x-amz-customauthorizer-name=authorizer&x-amz-customauthorizer-signature=" + Uri.EscapeDataString(signature) + "&tk=" + Uri.EscapeDataString(token);
                Assert.Equal(expected, composer.Compose(new AuthToken(token, signature, DateTime.MinValue, AuthToken.NoExpiry), "c").Username);
            }
        }

        [Fact]
        public void HttpQueryString_ParsesBack_WithUriAndParseQueryString()
        {
            var random = new Random(4242);
            for (int i = 0; i < 200; i++)
            {
                string token = RandomText(random, 150);
                string signature = RandomBase64(random).Substring(0, 4);
                var composer = new AwsIotHttpAuthorization("authorizer", "x-token", false, AwsIotHttpPlacement.QueryString, new ManualClock(Now));
                HttpAuthorizationParts parts = composer.Compose(new AuthToken(token, signature, DateTime.MinValue, AuthToken.NoExpiry));
                var uri = new Uri("https://iot.example.com/topics/a%2Fb?qos=1&" + parts.ToQueryString());
                NameValueCollection query = HttpUtility.ParseQueryString(uri.Query);
                Assert.Equal("1", query["qos"]);
                Assert.Equal("authorizer", query["x-amz-customauthorizer-name"]);
                Assert.Equal(signature, query["x-amz-customauthorizer-signature"]);
                Assert.Equal(token, query["x-token"]);
            }
        }

        [Fact]
        public void HttpHeaders_AreAcceptedByTheHttpStack()
        {
            var random = new Random(99);
            var source = new DeviceSignedTokenSource("thing-1", FakeSigner.Rs256(), new ManualClock(Now), new CountingRandom(), 3600);
            var composer = new AwsIotHttpAuthorization("authorizer", "x-token", false, AwsIotHttpPlacement.Headers, new ManualClock(Now));
            HttpAuthorizationParts parts = composer.Compose(source.GetToken(0));
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://iot.example.com/topics/t");
            for (int i = 0; i < parts.HeaderCount; i++)
            {
                // Add (not TryAddWithoutValidation): the HTTP stack validates name and value.
                request.Headers.Add(parts.GetHeaderName(i), parts.GetHeaderValue(i));
            }

            Assert.Equal(source.GetToken(0).Token, request.Headers.GetValues("x-token").Single());
            Assert.Equal(source.GetToken(0).TokenSignature, request.Headers.GetValues("x-amz-customauthorizer-signature").Single());
        }

        [Fact]
        public void RequestAuthorizer_IdentitySources_ParseBack()
        {
            var random = new Random(5);
            for (int i = 0; i < 100; i++)
            {
                string device = RandomText(random, 40);
                var composer = new ApiGatewayRequestAuthorization(new[] { "$request.header.X-Device-Token", "$request.querystring.device id", "$context.identity.sourceIp" }, new ManualClock(Now));
                composer.MapToken("$request.header.X-Device-Token");
                composer.MapValue("$request.querystring.device id", device);
                HttpAuthorizationParts parts = composer.Compose(new AuthToken("ds1.d.1.2.abcdefgh", null, DateTime.MinValue, AuthToken.NoExpiry));
                Assert.Equal(device, HttpUtility.ParseQueryString(parts.ToQueryString())["device id"]);
                using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/?" + parts.ToQueryString());
                request.Headers.Add(parts.GetHeaderName(0), parts.GetHeaderValue(0));
                Assert.Equal("ds1.d.1.2.abcdefgh", request.Headers.GetValues("x-device-token").Single());
            }
        }
    }
}
