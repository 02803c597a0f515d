using System;
using DeviceAuth.Encoding;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Encoding
{
    [TestClass]
    public class Base64UrlTests
    {
        // RFC 4648 section 10 test vectors (base64url without padding).
        [TestMethod]
        [DataRow("", "")]
        [DataRow("f", "Zg")]
        [DataRow("fo", "Zm8")]
        [DataRow("foo", "Zm9v")]
        [DataRow("foob", "Zm9vYg")]
        [DataRow("fooba", "Zm9vYmE")]
        [DataRow("foobar", "Zm9vYmFy")]
        public void Rfc4648Vectors_EncodeAndDecode(string plain, string encoded)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(plain);
            Assert.AreEqual(encoded, Base64Url.Encode(bytes));
            byte[] back = Base64Url.Decode(encoded);
            Assert.AreEqual(bytes.Length, back.Length);
            for (int i = 0; i < bytes.Length; i++)
            {
                Assert.AreEqual(bytes[i], back[i]);
            }
        }

        // RFC 7515 appendix C: the bytes 3, 236, 255, 224, 193 use both URL-safe characters.
        [TestMethod]
        public void Rfc7515AppendixC_UsesUrlSafeAlphabet()
        {
            byte[] bytes = new byte[] { 3, 236, 255, 224, 193 };
            Assert.AreEqual("A-z_4ME", Base64Url.Encode(bytes));
            byte[] back = Base64Url.Decode("A-z_4ME");
            Assert.AreEqual(5, back.Length);
            Assert.AreEqual((byte)193, back[4]);
        }

        // The runtime's Convert is the oracle for 1-7 bytes; for none the library returns "" (the device's
        // Convert.ToBase64String of an empty array returns garbage, so it is no oracle there).
        [TestMethod]
        public void EncodeStandard_MatchesConvert()
        {
            byte[] bytes = new byte[] { 3, 236, 255, 224, 193, 0, 250 };
            Assert.AreEqual(string.Empty, Base64Url.EncodeStandard(bytes, 0, 0));
            Assert.AreEqual(string.Empty, Base64Url.Encode(new byte[0]));
            for (int n = 1; n <= bytes.Length; n++)
            {
                byte[] slice = new byte[n];
                Array.Copy(bytes, slice, n);
                Assert.AreEqual(DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(slice), Base64Url.EncodeStandard(bytes, 0, n));
            }
        }

        // A JWT signature converted for AWS IoT: padding follows from the length alone,
        // for each of the three possible remainders (2048/3072/4096-bit keys give 256/384/512 bytes).
        [TestMethod]
        [DataRow("A-z_4ME", "A+z/4ME=")]
        [DataRow("Zg", "Zg==")]
        [DataRow("Zm9v", "Zm9v")]
        public void ToStandardBase64_AddsTheRightPadding(string url, string standard)
        {
            Assert.AreEqual(standard, Base64Url.ToStandardBase64(url));
        }

        [TestMethod]
        public void ToStandardBase64_AgreesWithConvertForEverySignatureLength()
        {
            int[] lengths = new int[] { 256, 384, 512, 255, 257 };
            for (int k = 0; k < lengths.Length; k++)
            {
                byte[] sig = new byte[lengths[k]];
                for (int i = 0; i < sig.Length; i++)
                {
                    sig[i] = (byte)(i * 7 + 251);
                }

                string converted = Base64Url.ToStandardBase64(Base64Url.Encode(sig));
                Assert.AreEqual(DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(sig), converted, "length " + lengths[k].ToString());
            }
        }

        [TestMethod]
        [DataRow("Zg==")]
        [DataRow("Z")]
        [DataRow("Zh")]
        [DataRow("Zm9+")]
        [DataRow("Zm9/")]
        [DataRow("Zm 9")]
        public void Decode_RejectsNonCanonicalInput(string text)
        {
            Assert.ThrowsException(typeof(FormatException), () => Base64Url.Decode(text));
        }

        [TestMethod]
        public void Decode_RejectsNull()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => Base64Url.Decode(null));
        }
    }
}
