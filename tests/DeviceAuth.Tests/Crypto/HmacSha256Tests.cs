using System;
using DeviceAuth.Crypto;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Crypto
{
    [TestClass]
    public class HmacSha256Tests
    {
        // RFC 4231 section 4, HMAC-SHA-256 results; keys and data in hex.
        [TestMethod]
        [DataRow("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
        [DataRow("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
        [DataRow("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")]
        [DataRow("0102030405060708090a0b0c0d0e0f10111213141516171819", "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")]
        public void Rfc4231(string keyHex, string dataHex, string macHex)
        {
            byte[] mac = HmacSha256.Compute(CryptoTestHelpers.FromHex(keyHex), CryptoTestHelpers.FromHex(dataHex));
            Assert.AreEqual(macHex, CryptoTestHelpers.Hex(mac));
        }

        // RFC 4231 test case 5: the output truncated to 128 bits.
        [TestMethod]
        public void Rfc4231_Case5_Truncated()
        {
            byte[] mac = HmacSha256.Compute(CryptoTestHelpers.Repeat(0x0c, 20), CryptoTestHelpers.Utf8("Test With Truncation"));
            Assert.AreEqual("a3b6167473100ee06e0c796c2955552b", CryptoTestHelpers.Hex(mac).Substring(0, 32));
        }

        // RFC 4231 test cases 6 and 7: a 131-byte key, longer than the block, is hashed first.
        [TestMethod]
        [DataRow("Test Using Larger Than Block-Size Key - Hash Key First", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
        [DataRow("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")]
        public void Rfc4231_LongKey(string data, string macHex)
        {
            byte[] mac = HmacSha256.Compute(CryptoTestHelpers.Repeat(0xaa, 131), CryptoTestHelpers.Utf8(data));
            Assert.AreEqual(macHex, CryptoTestHelpers.Hex(mac));
        }

        [TestMethod]
        public void OffsetOverload_MatchesSlice()
        {
            byte[] key = CryptoTestHelpers.Utf8("key");
            byte[] data = CryptoTestHelpers.Utf8("--The quick brown fox--");
            byte[] slice = CryptoTestHelpers.Utf8("The quick brown fox");
            CryptoTestHelpers.AssertBytes(HmacSha256.Compute(key, slice), HmacSha256.Compute(key, data, 2, slice.Length));
        }

        [TestMethod]
        public void Signer_IsHs256AndDisposes()
        {
            byte[] key = CryptoTestHelpers.Utf8("Jefe");
            HmacSha256Signer signer = new HmacSha256Signer(key);
            Assert.AreEqual("HS256", signer.JwsAlgorithm);
            Assert.AreEqual(32, signer.SignatureLength);
            key[0] = 0; // the signer keeps its own copy
            byte[] mac = signer.Sign(CryptoTestHelpers.Utf8("what do ya want for nothing?"));
            Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", CryptoTestHelpers.Hex(mac));
            signer.Dispose();
            Assert.ThrowsException(typeof(ObjectDisposedException), () => signer.Sign(new byte[1], 0, 1));
        }

        [TestMethod]
        public void BadArguments_Throw()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => HmacSha256.Compute(null, new byte[1]));
            Assert.ThrowsException(typeof(ArgumentNullException), () => HmacSha256.Compute(new byte[1], null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => HmacSha256.Compute(new byte[1], new byte[2], 1, 2));
            Assert.ThrowsException(typeof(ArgumentException), () => new HmacSha256Signer(new byte[0]));
        }
    }
}
