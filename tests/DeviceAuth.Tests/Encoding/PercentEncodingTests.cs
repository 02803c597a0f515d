using System;
using DeviceAuth.Encoding;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Encoding
{
    [TestClass]
    public class PercentEncodingTests
    {
        // RFC 3986 section 2.3: unreserved characters are never encoded.
        [TestMethod]
        public void Unreserved_PassThrough()
        {
            string unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
            Assert.AreEqual(unreserved, PercentEncoding.Encode(unreserved));
        }

        // RFC 3986 section 2.1 (upper-case hex) and 2.5 (UTF-8 octets); '+', '/', '=' of a
        // Base64 signature must be encoded (CUSTOM-AUTH pitfall 3).
        [TestMethod]
        [DataRow("a b", "a%20b")]
        [DataRow("+/=", "%2B%2F%3D")]
        [DataRow("?&#%", "%3F%26%23%25")]
        [DataRow("\u00fc", "%C3%BC")]
        [DataRow("\u2713", "%E2%9C%93")]
        [DataRow("\ud83d\ude00", "%F0%9F%98%80")]
        public void Reserved_AndNonAscii_AreEncoded(string plain, string encoded)
        {
            Assert.AreEqual(encoded, PercentEncoding.Encode(plain));
            Assert.AreEqual(plain, PercentEncoding.Decode(encoded));
        }

        [TestMethod]
        public void Decode_AcceptsLowerCaseHex_AndKeepsPlusLiteral()
        {
            Assert.AreEqual("a+b/c", PercentEncoding.Decode("a+b%2fc"));
        }

        [TestMethod]
        [DataRow("%")]
        [DataRow("%2")]
        [DataRow("%G0")]
        [DataRow("%C3")]
        [DataRow("%C0%AF")]
        public void Decode_RejectsMalformedEscapes(string text)
        {
            Assert.ThrowsException(typeof(FormatException), () => PercentEncoding.Decode(text));
        }

        // An unpaired surrogate has no UTF-8 form; .NET's UTF8.GetBytes would turn it into U+FFFD and
        // the device's encoder into something else, so both builds reject it. (Code literals, not
        // DataRows: attribute strings are stored as UTF-8, which loses an unpaired surrogate.)
        [TestMethod]
        public void Encode_RejectsUnpairedSurrogates()
        {
            string[] texts = new string[] { "\ud800", "a\udc00b", "ab\ud83d", "\ude00\ud83d", "\ud83d\ude00\ud83d" };
            for (int i = 0; i < texts.Length; i++)
            {
                string text = texts[i];
                Assert.ThrowsException(typeof(ArgumentException), () => PercentEncoding.Encode(text), "case " + i.ToString());
            }
        }

        [TestMethod]
        public void Decode_RejectsUnpairedSurrogates()
        {
            Assert.ThrowsException(typeof(FormatException), () => PercentEncoding.Decode("%41\ud800"));
        }

        [TestMethod]
        public void EncodingTwiceIsDetectable()
        {
            string once = PercentEncoding.Encode("sig+/=");
            string twice = PercentEncoding.Encode(once);
            Assert.AreNotEqual(once, twice);
            Assert.AreEqual("sig+/=", PercentEncoding.Decode(once));
        }
    }
}
