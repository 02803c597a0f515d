using DeviceAuth.Encoding;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Encoding
{
    [TestClass]
    public class AsciiTextTests
    {
        // A soft hyphen (U+00AD) is ignored by .NET's culture-sensitive comparisons and matched by the
        // device's ordinal ones: the ordinal helpers must treat it as the character it is on both builds.
        [TestMethod]
        public void SoftHyphen_IsACharacter_NotIgnored()
        {
            Assert.IsFalse(AsciiText.StartsWithOrdinal("https\u00AD://host", "https://"));
            Assert.IsFalse(AsciiText.EndsWithOrdinal("path/\u00AD", "/"));
            Assert.AreEqual(-1, AsciiText.IndexOfOrdinal("EN\u00ADCRYPTED", "ENCRYPTED"));
        }

        [TestMethod]
        [DataRow("https://host", "https://", true)]
        [DataRow("http://host", "https://", false)]
        [DataRow("", "", true)]
        [DataRow("ab", "abc", false)]
        public void StartsWithOrdinal_Cases(string s, string prefix, bool expected)
        {
            Assert.AreEqual(expected, AsciiText.StartsWithOrdinal(s, prefix));
        }

        [TestMethod]
        [DataRow("https://host/", "/", true)]
        [DataRow("https://host", "/", false)]
        [DataRow("a", "ab", false)]
        public void EndsWithOrdinal_Cases(string s, string suffix, bool expected)
        {
            Assert.AreEqual(expected, AsciiText.EndsWithOrdinal(s, suffix));
        }

        [TestMethod]
        public void IndexOfOrdinal_FindsFirstAtOrAfterStart()
        {
            string s = "--x--x--";
            Assert.AreEqual(0, AsciiText.IndexOfOrdinal(s, "--"));
            Assert.AreEqual(2, AsciiText.IndexOfOrdinal(s, "x"));
            Assert.AreEqual(5, AsciiText.IndexOfOrdinal(s, "x", 3));
            Assert.AreEqual(6, AsciiText.IndexOfOrdinal(s, "--", 4));
            Assert.AreEqual(-1, AsciiText.IndexOfOrdinal(s, "xx"));
            Assert.AreEqual(-1, AsciiText.IndexOfOrdinal("ab", "abc"));
        }
    }
}
