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

            // Computed independently: python3 -c "import sys;sys.stdout.buffer.write(bytes((i*37+11)%256 for i in range(150)))" | openssl dgst -sha256 -r
            string expected = "5a4dc528f77fb11e6e1490de3d476fb67f9a5ccd5f0c0d95e0db3fd99e85a887";
            Assert.AreEqual(expected, CryptoTestHelpers.Hex(Sha256.Hash(message)), "one-shot");
            Sha256 sha = new Sha256();
            for (int split = 0; split <= message.Length; split += 7)
            {
                sha.Append(message, 0, split);
                sha.Append(message, split, message.Length - split);
                Assert.AreEqual(expected, CryptoTestHelpers.Hex(sha.Finish()), "split " + split.ToString());
            }
        }

        // Lengths around the padding boundary (55/56/63/64 bytes), message bytes (i*7+3) mod 256, one-shot
        // and byte by byte, against digests computed independently with OpenSSL:
        // python3 -c "import sys;sys.stdout.buffer.write(bytes((i*7+3)%256 for i in range(N)))" | openssl dgst -sha256 -r
        // (Python's hashlib.sha256 gives the same values.)
        [TestMethod]
        [DataRow(55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b")]
        [DataRow(56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27")]
        [DataRow(63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055")]
        [DataRow(64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241")]
        [DataRow(65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e")]
        [DataRow(119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e")]
        [DataRow(120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5")]
        public void PaddingBoundaries_OneShotAndByteByByte_MatchOpenSsl(int length, string expectedHex)
        {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++)
            {
                message[i] = (byte)((i * 7) + 3);
            }

            Assert.AreEqual(expectedHex, CryptoTestHelpers.Hex(Sha256.Hash(message, 0, length)), "one-shot");
            Sha256 sha = new Sha256();
            for (int i = 0; i < length; i++)
            {
                sha.Append(message, i, 1);
            }

            Assert.AreEqual(expectedHex, CryptoTestHelpers.Hex(sha.Finish()), "byte by byte");
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
