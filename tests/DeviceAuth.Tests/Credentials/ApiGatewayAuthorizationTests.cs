using System;
using DeviceAuth.Credentials;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Credentials
{
    [TestClass]
    public class ApiGatewayAuthorizationTests
    {
        private const long Now = 1748736000L;
        private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkIn0.c2lnbmF0dXJl";

        private static AuthToken JwtToken()
        {
            return new AuthToken(Jwt, null, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 600));
        }

        [TestMethod]
        public void Jwt_DefaultIsAuthorizationBearer()
        {
            HttpAuthorizationParts p = new ApiGatewayJwtAuthorization(new ManualClock(Now)).Compose(JwtToken());
            Assert.AreEqual(1, p.HeaderCount);
            Assert.AreEqual("Authorization", p.GetHeaderName(0));
            Assert.AreEqual("Bearer " + Jwt, p.GetHeaderValue(0));
        }

        [TestMethod]
        public void Jwt_OtherHeaderAndQuery_CarryTheRawJwt()
        {
            HttpAuthorizationParts h = new ApiGatewayJwtAuthorization("$request.header.X-Jwt", new ManualClock(Now)).Compose(JwtToken());
            Assert.AreEqual("X-Jwt", h.GetHeaderName(0));
            Assert.AreEqual(Jwt, h.GetHeaderValue(0));
            HttpAuthorizationParts q = new ApiGatewayJwtAuthorization("$request.querystring.access_token", new ManualClock(Now)).Compose(JwtToken());
            Assert.AreEqual("access_token=" + Jwt, q.ToQueryString());
        }

        [TestMethod]
        public void Jwt_RefusesNonJwtAndSplitForm()
        {
            ApiGatewayJwtAuthorization a = new ApiGatewayJwtAuthorization(new ManualClock(Now));
            CredentialAssert.Throws(CredentialFormatReason.NotAJwt, () => a.Compose(new AuthToken("SECRET-opaque", null, DateTime.MinValue, AuthToken.NoExpiry)), "SECRET");
            AuthToken split = JwtTokens.ToAwsIotToken(JwtToken());
            CredentialAssert.Throws(CredentialFormatReason.NotAJwt, () => a.Compose(split), split.Token);
        }

        [TestMethod]
        public void Jwt_RefusesExpiredAndServerSideSource()
        {
            ManualClock clock = new ManualClock(Now + 600);
            Assert.ThrowsException(typeof(TokenExpiredException), () => new ApiGatewayJwtAuthorization(clock).Compose(JwtToken()));
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => new ApiGatewayJwtAuthorization("$context.authorizer", clock), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => new ApiGatewayJwtAuthorization("Authorization", clock), null);
        }

        [TestMethod]
        public void Request_MapsEachSource()
        {
            ApiGatewayRequestAuthorization a = new ApiGatewayRequestAuthorization(new string[] { "$request.header.X-Device-Token", "$request.querystring.device", "$context.identity.sourceIp", "$request.header.X-Sig" }, new ManualClock(Now));
            a.MapToken("$request.header.x-device-token");
            a.MapValue("$request.querystring.device", "device 1");
            a.MapTokenSignature("$request.header.X-Sig");
            HttpAuthorizationParts p = a.Compose(new AuthToken("tok", "c2ln", DateTime.MinValue, AuthToken.NoExpiry));
            Assert.AreEqual(2, p.HeaderCount);
            Assert.AreEqual("X-Device-Token", p.GetHeaderName(0));
            Assert.AreEqual("tok", p.GetHeaderValue(0));
            Assert.AreEqual("X-Sig", p.GetHeaderName(1));
            Assert.AreEqual("c2ln", p.GetHeaderValue(1));
            Assert.AreEqual("device=device%201", p.ToQueryString());
        }

        [TestMethod]
        public void Request_UnmappedSource_IsMissing()
        {
            ApiGatewayRequestAuthorization a = new ApiGatewayRequestAuthorization(new string[] { "$request.header.X-Token", "$request.querystring.device" }, new ManualClock(Now));
            a.MapToken("$request.header.X-Token");
            CredentialAssert.Throws(CredentialFormatReason.MissingIdentitySource, () => a.Compose(new AuthToken("SECRET", null, DateTime.MinValue, AuthToken.NoExpiry)), "SECRET");
        }

        [TestMethod]
        public void Request_EmptyValues_AreMissing()
        {
            ApiGatewayRequestAuthorization a = new ApiGatewayRequestAuthorization(new string[] { "$request.header.X-Sig" }, new ManualClock(Now));
            CredentialAssert.Throws(CredentialFormatReason.MissingIdentitySource, () => a.MapValue("$request.header.X-Sig", ""), null);
            a.MapTokenSignature("$request.header.X-Sig");
            CredentialAssert.Throws(CredentialFormatReason.MissingIdentitySource, () => a.Compose(new AuthToken("SECRET", null, DateTime.MinValue, AuthToken.NoExpiry)), "SECRET");
        }

        [TestMethod]
        [DataRow("$request.header.")]
        [DataRow("$request.header.Bad Name")]
        [DataRow("$request.querystring.")]
        [DataRow("$request.body.token")]
        [DataRow("request.header.X")]
        [DataRow("$context.")]
        [DataRow("")]
        // A soft hyphen, which .NET's culture-sensitive StartsWith ignores: prefixes compare ordinally.
        [DataRow("$request.\u00ADheader.X")]
        [DataRow("$request.\u00ADquerystring.x")]
        [DataRow("$\u00ADcontext.a")]
        [DataRow("$\u00ADstageVariables.a")]
        public void Request_InvalidExpressions(string expression)
        {
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => new ApiGatewayRequestAuthorization(new string[] { "$request.header.X", expression }, new ManualClock(Now)), null);
        }

        // "$request.\u00ADheader.X" was accepted on .NET as a header named ".X" (culture-sensitive
        // StartsWith ignores the soft hyphen) but rejected on the device: both builds must reject it.
        [TestMethod]
        public void IdentitySource_SoftHyphenInPrefix_Rejected()
        {
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => IdentitySourceExpression.Parse("$request.\u00ADheader.X"), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => IdentitySourceExpression.Parse("$request.\u00ADquerystring.x"), null);
            IdentitySourceExpression ok = IdentitySourceExpression.Parse("$request.header.X");
            Assert.IsTrue(ok.IsHeader);
            Assert.AreEqual("X", ok.Name);
        }

        [TestMethod]
        public void Request_ConfigurationErrors()
        {
            ManualClock clock = new ManualClock(Now);
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => new ApiGatewayRequestAuthorization(new string[] { "$request.header.X", "$request.header.x" }, clock), null);
            new ApiGatewayRequestAuthorization(new string[] { "$request.querystring.q", "$request.querystring.Q" }, clock);
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => new ApiGatewayRequestAuthorization(new string[] { "$context.requestId" }, clock), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => new ApiGatewayRequestAuthorization(new string[0], clock), null);
            ApiGatewayRequestAuthorization a = new ApiGatewayRequestAuthorization(new string[] { "$request.header.X", "$stageVariables.key" }, clock);
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => a.MapToken("$request.header.Y"), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => a.MapToken("$stageVariables.key"), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidIdentitySource, () => a.MapToken("$request.querystring.X"), null);
        }

        [TestMethod]
        public void Request_HeaderUnsafeValue_Refused()
        {
            ApiGatewayRequestAuthorization a = new ApiGatewayRequestAuthorization(new string[] { "$request.header.X" }, new ManualClock(Now));
            a.MapToken("$request.header.X");
            CredentialAssert.Throws(CredentialFormatReason.InvalidHeaderValue, () => a.Compose(new AuthToken("SECRET\nX", null, DateTime.MinValue, AuthToken.NoExpiry)), "SECRET");
        }
    }
}
