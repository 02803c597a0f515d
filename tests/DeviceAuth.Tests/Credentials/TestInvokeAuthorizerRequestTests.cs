using System;
using DeviceAuth.Credentials;
using DeviceAuth.Json;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Credentials
{
    [TestClass]
    public class TestInvokeAuthorizerRequestTests
    {
        private const long Now = 1748736000L;
        private const string Token = "ds1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL";
        private const string Signature = "ab+/cd==";

        private static AuthToken Signed()
        {
            return new AuthToken(Token, Signature, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 3600));
        }

        [TestMethod]
        public void Path_EncodesTheName()
        {
            Assert.AreEqual("/authorizer/my-authorizer/test", TestInvokeAuthorizerRequest.Path("my-authorizer"));
            Assert.AreEqual("/authorizer/a%3D%2C%40/test", TestInvokeAuthorizerRequest.Path("a=,@"));
            CredentialAssert.Throws(CredentialFormatReason.InvalidAuthorizerName, () => TestInvokeAuthorizerRequest.Path("a/b"), null);
        }

        [TestMethod]
        public void ForMqtt_ExactBody()
        {
            AwsIotMqttAuthorization a = new AwsIotMqttAuthorization("my-authorizer", "token", false, new ManualClock(Now));
            a.SetPassword(new byte[] { 0x74, 0x65, 0x73, 0x74 });
            string body = TestInvokeAuthorizerRequest.ForMqtt(a, Signed(), "device-1", "iot.example.com");
            Assert.AreEqual(
                "{\"token\":\"" + Token + "\",\"tokenSignature\":\"ab+/cd==\",\"mqttContext\":{\"username\":\"?x-amz-customauthorizer-name=my-authorizer&x-amz-customauthorizer-signature=ab%2B%2Fcd%3D%3D&token=" + Token + "\",\"password\":\"dGVzdA==\",\"clientId\":\"device-1\"},\"tlsContext\":{\"serverName\":\"iot.example.com\"}}",
                body);
        }

        [TestMethod]
        public void ForMqtt_TokenInPassword_NoTokenField()
        {
            AwsIotMqttAuthorization a = AwsIotMqttAuthorization.ForDefaultAuthorizer(null, true, new ManualClock(Now));
            a.UsernamePrefix = "dev";
            string body = TestInvokeAuthorizerRequest.ForMqtt(a, new AuthToken("tok", null, DateTime.MinValue, AuthToken.NoExpiry), "c", null);
            Assert.AreEqual("{\"mqttContext\":{\"username\":\"dev\",\"password\":\"dG9r\",\"clientId\":\"c\"}}", body);
        }

        [TestMethod]
        public void ForHttp_ExactBody_Headers()
        {
            AwsIotHttpAuthorization a = new AwsIotHttpAuthorization("my-authorizer", "x-token", false, AwsIotHttpPlacement.Headers, new ManualClock(Now));
            string body = TestInvokeAuthorizerRequest.ForHttp(a, Signed(), "iot.example.com");
            Assert.AreEqual(
                "{\"token\":\"" + Token + "\",\"tokenSignature\":\"ab+/cd==\",\"httpContext\":{\"headers\":{\"x-amz-customauthorizer-name\":\"my-authorizer\",\"x-amz-customauthorizer-signature\":\"ab+/cd==\",\"x-token\":\"" + Token + "\"}},\"tlsContext\":{\"serverName\":\"iot.example.com\"}}",
                body);
        }

        [TestMethod]
        public void ForHttp_ExactBody_QueryString()
        {
            AwsIotHttpAuthorization a = new AwsIotHttpAuthorization(null, "x-token", true, AwsIotHttpPlacement.QueryString, new ManualClock(Now));
            string body = TestInvokeAuthorizerRequest.ForHttp(a, Signed(), null);
            Assert.AreEqual("{\"token\":\"" + Token + "\",\"httpContext\":{\"queryString\":\"?x-token=" + Token + "\"}}", body);
        }

        // Careful escaping: a token full of JSON metacharacters survives a strict reader unchanged.
        [TestMethod]
        public void Build_EscapesEverything()
        {
            string nasty = "q\"b\\s/n\nr\rt\tu\u0001\u001f\u007f\u2028\u2029\u00e9\ud83d\ude00<>&'";
            string body = TestInvokeAuthorizerRequest.Build(nasty, null, null, new MqttConnectCredentials(nasty, nasty, null), null);
            Assert.AreEqual(-1, DeviceAuth.Tests.Encoding.TextOf.IndexOf(body, '\n'));
            Assert.AreEqual(-1, DeviceAuth.Tests.Encoding.TextOf.IndexOf(body, '\u2028'));
            JsonReader r = new JsonReader(body);
            Assert.IsTrue(r.Read());
            Assert.IsTrue(r.Read());
            Assert.AreEqual("token", r.GetString());
            Assert.IsTrue(r.Read());
            Assert.AreEqual(nasty, r.GetString());
            Assert.IsTrue(r.Read());
            Assert.AreEqual("mqttContext", r.GetString());
            Assert.IsTrue(r.Read());
            Assert.IsTrue(r.Read());
            Assert.AreEqual("username", r.GetString());
            Assert.IsTrue(r.Read());
            Assert.AreEqual(nasty, r.GetString());
            Assert.IsTrue(r.Read());
            Assert.AreEqual("clientId", r.GetString());
            Assert.IsTrue(r.Read());
            Assert.AreEqual(nasty, r.GetString());
        }

        [TestMethod]
        public void Build_ValidatesLimits()
        {
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenLength, () => TestInvokeAuthorizerRequest.Build("", null, null, null, null), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenSignature, () => TestInvokeAuthorizerRequest.Build("t", "SECRET-SIG", null, null, null), "SECRET");
            CredentialAssert.Throws(CredentialFormatReason.InvalidServerName, () => TestInvokeAuthorizerRequest.Build("t", null, null, null, "10.0.0.1"), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidPasswordLength, () => TestInvokeAuthorizerRequest.Build("t", null, null, new MqttConnectCredentials("c", "u", new byte[0]), null), null);
            HttpAuthorizationParts dup = new HttpAuthorizationParts();
            dup.AddHeader("X-A", "1");
            dup.AddHeader("x-a", "2");
            CredentialAssert.Throws(CredentialFormatReason.InvalidHeaderName, () => TestInvokeAuthorizerRequest.Build("t", null, dup, null, null), null);
            HttpAuthorizationParts bad = new HttpAuthorizationParts();
            bad.AddHeader("X-A", "SECRET\n");
            CredentialAssert.Throws(CredentialFormatReason.InvalidHeaderValue, () => TestInvokeAuthorizerRequest.Build("t", null, bad, null, null), "SECRET");
            HttpAuthorizationParts longQuery = new HttpAuthorizationParts();
            longQuery.AddQueryParameter("q", new string('v', 4094));
            CredentialAssert.Throws(CredentialFormatReason.QueryStringTooLong, () => TestInvokeAuthorizerRequest.Build("t", null, longQuery, null, null), "vvvvvvvv");
        }
    }
}
