using System;
using DeviceAuth.Crypto;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Crypto
{
    [TestClass]
    public class Sha256Tests
    {
        // FIPS 180-4 / NIST CSRC examples (SHA256.pdf, SHA2_Additional): empty, "abc", the 448-bit
        // and 896-bit two-block messages.
        [TestMethod]
        [DataRow("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        [DataRow("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [DataRow("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
        [DataRow("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
        public void FipsExamples(string message, string expectedHex)
        {
            Assert.AreEqual(expectedHex, CryptoTestHelpers.Hex(Sha256.Hash(CryptoTestHelpers.Utf8(message))));
        }

        [TestMethod]
        public void OneMillionA_Streamed()
        {
            byte[] chunk = CryptoTestHelpers.Repeat((byte)'a', 1000);
            Sha256 sha = new Sha256();
            for (int i = 0; i < 1000; i++)
            {
                sha.Append(chunk);
            }

            Assert.AreEqual("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", CryptoTestHelpers.Hex(sha.Finish()));
        }

        // Every split point of a message crossing two block boundaries gives the one-shot digest.
        [TestMethod]
        public void AnySplit_MatchesOneShot()
        {
            byte[] message = new byte[150];
            for (int i = 0; i < message.Length; i++)
            {
                message[i] = (byte)((i * 37) + 11);
            }

            string expected = CryptoTestHelpers.Hex(Sha256.Hash(message));
            Sha256 sha = new Sha256();
            for (int split = 0; split <= message.Length; split += 7)
            {
                sha.Append(message, 0, split);
                sha.Append(message, split, message.Length - split);
                Assert.AreEqual(expected, CryptoTestHelpers.Hex(sha.Finish()), "split " + split.ToString());
            }
        }

        // Lengths around the padding boundary (55/56/63/64 bytes) against byte-by-byte appends.
        [TestMethod]
        [DataRow(55)]
        [DataRow(56)]
        [DataRow(63)]
        [DataRow(64)]
        [DataRow(65)]
        [DataRow(119)]
        [DataRow(120)]
        public void PaddingBoundaries_ByteByByteEqualsOneShot(int length)
        {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++)
            {
                message[i] = (byte)(255 - i);
            }

            Sha256 sha = new Sha256();
            for (int i = 0; i < length; i++)
            {
                sha.Append(message, i, 1);
            }

            Assert.AreEqual(CryptoTestHelpers.Hex(Sha256.Hash(message, 0, length)), CryptoTestHelpers.Hex(sha.Finish()));
        }

        [TestMethod]
        public void Finish_WritesAtOffsetAndResets()
        {
            Sha256 sha = new Sha256();
            sha.Append(CryptoTestHelpers.Utf8("abc"));
            byte[] output = new byte[40];
            sha.Finish(output, 5);
            Assert.AreEqual((byte)0, output[4]);
            Assert.AreEqual((byte)0xba, output[5]);
            Assert.AreEqual((byte)0xad, output[36]);
            Assert.AreEqual((byte)0, output[37]);

            // After Finish the instance hashes a new message from scratch.
            Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CryptoTestHelpers.Hex(sha.Finish()));
            sha.Append(CryptoTestHelpers.Utf8("xyz"));
            sha.Reset();
            sha.Append(CryptoTestHelpers.Utf8("abc"));
            Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CryptoTestHelpers.Hex(sha.Finish()));
        }

        [TestMethod]
        public void BadArguments_Throw()
        {
            Sha256 sha = new Sha256();
            Assert.ThrowsException(typeof(ArgumentNullException), () => sha.Append(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => sha.Append(new byte[4], 2, 3));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => sha.Append(new byte[4], -1, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => sha.Finish(new byte[40], 9));
            Assert.AreEqual(32, Sha256.HashSize);
        }
    }
}
