using System;
using DeviceAuth.Credentials;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Credentials
{
    [TestClass]
    public class AwsIotHttpAuthorizationTests
    {
        private const long Now = 1748736000L;
        private const string Token = "ds1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL";
        private const string Signature = "ab+/cd==";

        private static AuthToken Signed()
        {
            return new AuthToken(Token, Signature, UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 3600));
        }

        [TestMethod]
        public void Headers()
        {
            HttpAuthorizationParts p = new AwsIotHttpAuthorization("my-authorizer", "x-token", false, AwsIotHttpPlacement.Headers, new ManualClock(Now)).Compose(Signed());
            Assert.AreEqual(3, p.HeaderCount);
            Assert.AreEqual(0, p.QueryParameterCount);
            Assert.AreEqual("x-amz-customauthorizer-name", p.GetHeaderName(0));
            Assert.AreEqual("my-authorizer", p.GetHeaderValue(0));
            Assert.AreEqual("x-amz-customauthorizer-signature", p.GetHeaderName(1));
            Assert.AreEqual(Signature, p.GetHeaderValue(1));
            Assert.AreEqual("x-token", p.GetHeaderName(2));
            Assert.AreEqual(Token, p.GetHeaderValue(2));
        }

        [TestMethod]
        public void QueryString()
        {
            HttpAuthorizationParts p = new AwsIotHttpAuthorization("my-authorizer", "x-token", false, AwsIotHttpPlacement.QueryString, new ManualClock(Now)).Compose(Signed());
            Assert.AreEqual(0, p.HeaderCount);
            Assert.AreEqual("x-amz-customauthorizer-name=my-authorizer&x-amz-customauthorizer-signature=ab%2B%2Fcd%3D%3D&x-token=" + Token, p.ToQueryString());
        }

        [TestMethod]
        public void DefaultAuthorizer_AndSigningDisabled()
        {
            HttpAuthorizationParts p = new AwsIotHttpAuthorization(null, "x-token", true, AwsIotHttpPlacement.Headers, new ManualClock(Now)).Compose(Signed());
            Assert.AreEqual(1, p.HeaderCount);
            Assert.AreEqual("x-token", p.GetHeaderName(0));
        }

        [TestMethod]
        public void HeaderUnsafeToken_Refused_QueryFormWorks()
        {
            AuthToken token = new AuthToken("SECRET\r\nX: y", null, DateTime.MinValue, AuthToken.NoExpiry);
            AwsIotHttpAuthorization headers = new AwsIotHttpAuthorization("a", "k", true, AwsIotHttpPlacement.Headers, new ManualClock(Now));
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenCharacters, () => headers.Compose(token), "SECRET");
            AwsIotHttpAuthorization query = new AwsIotHttpAuthorization("a", "k", true, AwsIotHttpPlacement.QueryString, new ManualClock(Now));
            Assert.AreEqual("x-amz-customauthorizer-name=a&k=SECRET%0D%0AX%3A%20y", query.Compose(token).ToQueryString());
        }

        [TestMethod]
        public void QueryStringTooLong_Refused()
        {
            AwsIotHttpAuthorization query = new AwsIotHttpAuthorization("a", "k", false, AwsIotHttpPlacement.QueryString, new ManualClock(Now));
            // 82 characters precede the token: name, signature (encoded) and "&k=".
            AuthToken fits = new AuthToken(new string('t', 4096 - 82), Signature, DateTime.MinValue, AuthToken.NoExpiry);
            Assert.AreEqual(4096, query.Compose(fits).ToQueryString().Length);
            AuthToken tooLong = new AuthToken(new string('t', 4096 - 81), Signature, DateTime.MinValue, AuthToken.NoExpiry);
            CredentialAssert.Throws(CredentialFormatReason.QueryStringTooLong, () => query.Compose(tooLong), "tttttttt");
        }

        [TestMethod]
        public void MissingSignature_And_Expired()
        {
            ManualClock clock = new ManualClock(Now);
            AwsIotHttpAuthorization a = new AwsIotHttpAuthorization("a", "k", false, AwsIotHttpPlacement.Headers, clock);
            CredentialAssert.Throws(CredentialFormatReason.MissingTokenSignature, () => a.Compose(new AuthToken("t", null, DateTime.MinValue, AuthToken.NoExpiry)), null);
            clock.AdvanceSeconds(3600);
            Assert.ThrowsException(typeof(TokenExpiredException), () => a.Compose(Signed()));
        }

        [TestMethod]
        public void ConfigurationValidated()
        {
            ManualClock clock = new ManualClock(Now);
            CredentialAssert.Throws(CredentialFormatReason.InvalidAuthorizerName, () => new AwsIotHttpAuthorization("bad name", "k", false, AwsIotHttpPlacement.Headers, clock), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenKeyName, () => new AwsIotHttpAuthorization("a", null, true, AwsIotHttpPlacement.Headers, clock), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenKeyName, () => new AwsIotHttpAuthorization("a", "k:", true, AwsIotHttpPlacement.Headers, clock), null);
        }
    }
}
