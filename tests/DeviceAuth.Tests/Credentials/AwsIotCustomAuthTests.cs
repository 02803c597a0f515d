using System;
using DeviceAuth.Credentials;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Credentials
{
    [TestClass]
    public class AwsIotCustomAuthTests
    {
        [TestMethod]
        [DataRow("a")]
        [DataRow("My_Authorizer-1")]
        [DataRow("a=b,c@d")]
        public void AuthorizerName_Valid(string name)
        {
            AwsIotCustomAuth.ValidateAuthorizerName(name);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("has space")]
        [DataRow("slash/")]
        [DataRow("q?")]
        [DataRow("amp&")]
        [DataRow("d\u00e9j\u00e0")]
        public void AuthorizerName_Invalid(string name)
        {
            CredentialAssert.Throws(CredentialFormatReason.InvalidAuthorizerName, () => AwsIotCustomAuth.ValidateAuthorizerName(name), null);
        }

        [TestMethod]
        public void AuthorizerName_Length()
        {
            AwsIotCustomAuth.ValidateAuthorizerName(new string('a', 128));
            CredentialAssert.Throws(CredentialFormatReason.InvalidAuthorizerName, () => AwsIotCustomAuth.ValidateAuthorizerName(new string('a', 129)), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidAuthorizerName, () => AwsIotCustomAuth.ValidateAuthorizerName(null), null);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("a=b")]
        [DataRow("a,b")]
        [DataRow("a@b")]
        [DataRow("a.b")]
        [DataRow("x-amz-customauthorizer-name")]
        [DataRow("X-Amz-CustomAuthorizer-Signature")]
        public void TokenKeyName_Invalid(string name)
        {
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenKeyName, () => AwsIotCustomAuth.ValidateTokenKeyName(name), null);
        }

        [TestMethod]
        public void TokenKeyName_ValidAndLength()
        {
            AwsIotCustomAuth.ValidateTokenKeyName("Token_Key-1");
            AwsIotCustomAuth.ValidateTokenKeyName(new string('k', 128));
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenKeyName, () => AwsIotCustomAuth.ValidateTokenKeyName(new string('k', 129)), null);
        }

        [TestMethod]
        public void Token_Length()
        {
            AwsIotCustomAuth.ValidateToken("t");
            AwsIotCustomAuth.ValidateToken(new string('t', 6144));
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenLength, () => AwsIotCustomAuth.ValidateToken(""), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenLength, () => AwsIotCustomAuth.ValidateToken(new string('t', 6145)), "tttttttttt");

            // Emoji are valid token characters on both builds; an unpaired surrogate, refused on the host
            // (HostTests DeviceStrings/HostOnlyStringInputTests), is U+FFFD in a device string: valid too.
            AwsIotCustomAuth.ValidateToken("t\ud83d\ude00k");
            AwsIotCustomAuth.ValidateToken("SECRET\ufffd");
            string emoji = "\ud83d\ude00";
            AwsIotCustomAuth.ValidateToken(new string('t', 6142) + emoji);
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenLength, () => AwsIotCustomAuth.ValidateToken(new string('t', 6143) + emoji), null);
        }

        [TestMethod]
        [DataRow("AAAA")]
        [DataRow("AA==")]
        [DataRow("AAA=")]
        [DataRow("ab+/")]
        public void Signature_Valid(string signature)
        {
            AwsIotCustomAuth.ValidateTokenSignature(signature);
        }

        // Pitfalls 3 and 5: base64url, naively (un)padded and percent-encoded signatures are refused.
        [TestMethod]
        [DataRow("")]
        [DataRow("ab-_")]
        [DataRow("AAA")]
        [DataRow("AA")]
        [DataRow("AAAAA")]
        [DataRow("A===")]
        [DataRow("====")]
        [DataRow("AA=A")]
        [DataRow("ab%2B")]
        [DataRow("ab%2B%2F%3D")]
        [DataRow("AA AA")]
        [DataRow("AAAA\n")]
        public void Signature_Invalid(string signature)
        {
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenSignature, () => AwsIotCustomAuth.ValidateTokenSignature(signature), signature.Length > 3 ? signature : null);
        }

        [TestMethod]
        public void Signature_Length()
        {
            AwsIotCustomAuth.ValidateTokenSignature(new string('A', 2560));
            CredentialAssert.Throws(CredentialFormatReason.InvalidTokenSignature, () => AwsIotCustomAuth.ValidateTokenSignature(new string('A', 2564)), null);
        }

        [TestMethod]
        public void ClientId()
        {
            AwsIotCustomAuth.ValidateClientId("c");
            AwsIotCustomAuth.ValidateClientId(new string('c', 128));
            CredentialAssert.Throws(CredentialFormatReason.InvalidClientId, () => AwsIotCustomAuth.ValidateClientId(""), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidClientId, () => AwsIotCustomAuth.ValidateClientId(new string('c', 129)), null);
            CredentialAssert.Throws(CredentialFormatReason.InvalidClientId, () => AwsIotCustomAuth.ValidateClientId(new string('\u00e9', 65)), null);

            // A client id with emoji is valid (4 UTF-8 bytes each: 32 fit in 128 bytes, 33 do not).
            string emoji = "\ud83d\ude00";
            string thirtyTwo = emoji + emoji + emoji + emoji + emoji + emoji + emoji + emoji;
            thirtyTwo = thirtyTwo + thirtyTwo + thirtyTwo + thirtyTwo;
            AwsIotCustomAuth.ValidateClientId("device-" + emoji);
            AwsIotCustomAuth.ValidateClientId(thirtyTwo);
            CredentialAssert.Throws(CredentialFormatReason.InvalidClientId, () => AwsIotCustomAuth.ValidateClientId(thirtyTwo + emoji), null);
        }

        [TestMethod]
        [DataRow("x-token", true)]
        [DataRow("Authorization", true)]
        [DataRow("a!#$%&'*+-.^_`|~9", true)]
        [DataRow("", false)]
        [DataRow("has space", false)]
        [DataRow("colon:", false)]
        [DataRow("new\nline", false)]
        [DataRow("\u00e9", false)]
        public void HeaderName(string name, bool valid)
        {
            Assert.AreEqual(valid, AwsIotCustomAuth.IsHeaderName(name));
        }

        [TestMethod]
        [DataRow("abc", true)]
        [DataRow("Bearer a.b.c", true)]
        [DataRow("", true)]
        [DataRow("a\r\nInjected: 1", false)]
        [DataRow("a\nb", false)]
        [DataRow(" lead", false)]
        [DataRow("trail ", false)]
        [DataRow("\u00e9", false)]
        [DataRow("del\u007f", false)]
        public void HeaderValue(string value, bool valid)
        {
            Assert.AreEqual(valid, AwsIotCustomAuth.IsHeaderValue(value));
        }

        [TestMethod]
        public void HeaderValue_Length()
        {
            Assert.IsTrue(AwsIotCustomAuth.IsHeaderValue(new string('v', 8192)));
            Assert.IsFalse(AwsIotCustomAuth.IsHeaderValue(new string('v', 8193)));
        }

        [TestMethod]
        [DataRow("", 0)]
        [DataRow("abc", 3)]
        [DataRow("\u00e9", 2)]
        [DataRow("\u2713", 3)]
        [DataRow("\ud83d\ude00", 4)]
        public void Utf8Length(string s, int expected)
        {
            Assert.AreEqual(expected, AwsIotCustomAuth.Utf8Length(s));
        }

        // Unpaired surrogates (-1) are host-only (HostTests DeviceStrings/HostOnlyStringInputTests): a
        // device string holds U+FFFD instead, 3 bytes. Pairs count 4 bytes wherever they are.
        [TestMethod]
        public void Utf8Length_ReplacementCharacter_AndPairsAnywhere()
        {
            Assert.AreEqual(3, AwsIotCustomAuth.Utf8Length("\ufffd"));
            Assert.AreEqual(6, AwsIotCustomAuth.Utf8Length("a\ud83d\ude00b"));
            Assert.AreEqual(14, AwsIotCustomAuth.Utf8Length("\ud83d\ude00\u00e9\u2713\ud83d\ude00a"));
        }
    }
}
