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

        // A device string cannot hold an unpaired surrogate: it stores U+FFFD instead, which has a
        // UTF-8 form, so on the device such text is encoded as U+FFFD. The host build, whose strings can
        // hold one, rejects it (host-only tests: HostTests DeviceStrings/HostOnlyStringInputTests).
        [TestMethod]
        public void ReplacementCharacter_WhatTheDeviceHoldsForALoneSurrogate_IsEncodedAsUtf8()
        {
            Assert.AreEqual("a%EF%BF%BDb%F0%9F%98%80", PercentEncoding.Encode("a\ufffdb\ud83d\ude00"));
            Assert.AreEqual("a\ufffdb\ud83d\ude00", PercentEncoding.Decode("a%EF%BF%BDb%F0%9F%98%80"));
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
