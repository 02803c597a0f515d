using System;
using DeviceAuth.Crypto;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Crypto
{
    /// <summary>
    /// RSASSA-PKCS1-v1_5 SHA-256 signatures against the shared vectors (produced by OpenSSL), the
    /// fixed operation count, verification before release under an injected CRT fault, and Dispose.
    /// </summary>
    [TestClass]
    public class RsaSha256SignerTests
    {
        // In dP of rsa2048.pkcs1.pem's DER (INTEGER at 797, 128-byte value from 800).
        private const int DpMiddle = 860;

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        public void TokenSignatureVectors_Pkcs1(int index)
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem);
            RsaSha256Signer signer = new RsaSha256Signer(key);
            Assert.AreEqual(CryptoVectors.Rsa2048Signatures[index], signer.SignToBase64(CryptoVectors.Rsa2048Token(index)));
            signer.Dispose();
            key.Dispose();
        }

        [TestMethod]
        public void TokenSignatureVectors_Pkcs8()
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs8Pem);
            RsaSha256Signer signer = new RsaSha256Signer(key);
            key.Dispose(); // the signer holds its own copy
            Assert.AreEqual(CryptoVectors.Rsa2048Signatures[0], signer.SignToBase64(CryptoVectors.Rsa2048Token(0)));
            Assert.AreEqual(CryptoVectors.Rsa2048Signatures[2], signer.SignToBase64(CryptoVectors.Rsa2048Token(2)));
            signer.Dispose();
        }

        [TestMethod]
        public void SignerShape_AndOffsetOverload()
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem);
            RsaSha256Signer signer = new RsaSha256Signer(key);
            ISigner asInterface = signer;
            Assert.AreEqual("RS256", asInterface.JwsAlgorithm);
            Assert.AreEqual(256, signer.SignatureLength);

            byte[] token = CryptoTestHelpers.Utf8(CryptoVectors.Rsa2048Token(4));
            byte[] padded = new byte[token.Length + 7];
            Array.Copy(token, 0, padded, 3, token.Length);
            byte[] signature = asInterface.Sign(padded, 3, token.Length);
            Assert.AreEqual(256, signature.Length);
            Assert.AreEqual(CryptoVectors.Rsa2048Signatures[4], DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(signature));
            CryptoTestHelpers.AssertBytes(signature, signer.Sign(token));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => signer.Sign(padded, 5, padded.Length));
            Assert.ThrowsException(typeof(ArgumentNullException), () => signer.SignToBase64(null));
            signer.Dispose();
            key.Dispose();
        }

        // The work is fixed by the key size: the same counts for every message, within the budget
        // of 2,700 Montgomery products and squarings per 2048-bit signature.
        [TestMethod]
        public void OperationCount_IsFixedAndWithinBudget()
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem);
            RsaSha256Signer signer = new RsaSha256Signer(key);
            signer.SignToBase64("a");
            int products = signer.LastMontgomeryProducts;
            int squarings = signer.LastMontgomerySquarings;
            signer.SignToBase64("a different message");
            Assert.AreEqual(products, signer.LastMontgomeryProducts);
            Assert.AreEqual(squarings, signer.LastMontgomerySquarings);
            Assert.IsTrue(products + squarings <= 2700, "products + squarings = " + (products + squarings).ToString());
            Assert.IsTrue(squarings > 2 * 1000, "two 1024-bit exponentiations square about 1,020 times each");
            signer.Dispose();
            key.Dispose();
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        public void FaultInOneCrtHalf_NeverLeaves(int half)
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem);
            RsaSha256Signer signer = new RsaSha256Signer(key);
            signer.FaultHook = half == 0 ? new RsaSha256Signer.CrtHook(FlipInHalf0) : new RsaSha256Signer.CrtHook(FlipInHalf1);
            string result = null;
            RsaKeyException caught = null;
            try
            {
                result = signer.SignToBase64(CryptoVectors.Rsa2048Token(0));
            }
            catch (RsaKeyException e)
            {
                caught = e;
            }

            Assert.IsNull(result, "no signature may leave");
            Assert.IsNotNull(caught);
            Assert.AreEqual((int)RsaKeyError.FaultDetected, (int)caught.Error);
            AssertScratchCleared(signer);

            // Without the fault the same signer signs correctly again.
            signer.FaultHook = null;
            Assert.AreEqual(CryptoVectors.Rsa2048Signatures[0], signer.SignToBase64(CryptoVectors.Rsa2048Token(0)));
            signer.Dispose();
            key.Dispose();
        }

        // Any exception inside Sign (here thrown by the hook after both CRT halves are computed)
        // clears the intermediates before it propagates, and the signer still works afterwards.
        [TestMethod]
        public void ExceptionDuringSign_ClearsScratch()
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem);
            RsaSha256Signer signer = new RsaSha256Signer(key);
            signer.FaultHook = new RsaSha256Signer.CrtHook(ThrowInHook);
            Assert.ThrowsException(typeof(InvalidOperationException), () => signer.SignToBase64(CryptoVectors.Rsa2048Token(0)));
            AssertScratchCleared(signer);
            signer.FaultHook = null;
            Assert.AreEqual(CryptoVectors.Rsa2048Signatures[0], signer.SignToBase64(CryptoVectors.Rsa2048Token(0)));
            signer.Dispose();
            key.Dispose();
        }

        // dP that does not belong to the key passes import (it cannot be checked cheaply) but every
        // signature fails the check with e and is withheld.
        [TestMethod]
        public void WrongCrtExponent_IsCaughtAtSigning()
        {
            byte[] der = CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs1Pem);
            der[DpMiddle] ^= 0x04;
            RsaPrivateKey key = RsaPrivateKey.FromPkcs1Der(der);
            RsaSha256Signer signer = new RsaSha256Signer(key);
            Assert.ThrowsException(typeof(RsaKeyException), () => signer.SignToBase64("allow"));
            signer.Dispose();
            key.Dispose();
        }

        [TestMethod]
        public void Dispose_ClearsKeyMaterial()
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem);
            RsaSha256Signer signer = new RsaSha256Signer(key);
            signer.SignToBase64("allow");
            ulong[][] buffers = signer.SecretBuffers();
            object[] others = signer.SecretByteAndWordBuffers();
            ulong before = 0;
            for (int i = 0; i < buffers.Length; i++)
            {
                for (int j = 0; j < buffers[i].Length; j++)
                {
                    before |= buffers[i][j];
                }
            }

            Assert.IsTrue(before != 0, "buffers hold values before Dispose");
            signer.Dispose();
            for (int i = 0; i < buffers.Length; i++)
            {
                for (int j = 0; j < buffers[i].Length; j++)
                {
                    Assert.AreEqual(0UL, buffers[i][j], "buffer " + i.ToString() + " cleared");
                }
            }

            uint[] dp = (uint[])others[0];
            uint[] dq = (uint[])others[1];
            for (int j = 0; j < dp.Length; j++)
            {
                Assert.AreEqual(0u, dp[j] | dq[j], "exponents cleared");
            }

            byte[] em = (byte[])others[2];
            byte[] sig = (byte[])others[3];
            for (int j = 0; j < em.Length; j++)
            {
                Assert.AreEqual((byte)0, (byte)(em[j] | sig[j]), "byte buffers cleared");
            }

            Assert.ThrowsException(typeof(ObjectDisposedException), () => signer.SignToBase64("allow"));
            signer.Dispose(); // twice is fine
            key.Dispose();
        }

        /// <summary>Every intermediate of the failed signature (the CRT halves, the table, each Montgomery object's scratch, the encoded message and the withheld signature) is zero.</summary>
        public static void AssertScratchCleared(RsaSha256Signer signer)
        {
            ulong[][] scratch = signer.ScratchBuffers();
            for (int i = 0; i < scratch.Length; i++)
            {
                for (int j = 0; j < scratch[i].Length; j++)
                {
                    Assert.AreEqual(0UL, scratch[i][j], "scratch buffer " + i.ToString() + " cleared after the fault");
                }
            }

            object[] others = signer.SecretByteAndWordBuffers();
            byte[] em = (byte[])others[2];
            byte[] sig = (byte[])others[3];
            for (int j = 0; j < em.Length; j++)
            {
                Assert.AreEqual((byte)0, (byte)(em[j] | sig[j]), "encoded message and withheld signature cleared after the fault");
            }
        }

        private static void ThrowInHook(int half, ulong[] value)
        {
            throw new InvalidOperationException("injected");
        }

        private static void FlipInHalf0(int half, ulong[] value)
        {
            if (half == 0)
            {
                value[3] ^= 1;
            }
        }

        private static void FlipInHalf1(int half, ulong[] value)
        {
            if (half == 1)
            {
                value[value.Length - 2] ^= 0x100;
            }
        }
    }
}
