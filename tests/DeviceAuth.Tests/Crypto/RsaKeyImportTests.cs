using System;
using DeviceAuth.Crypto;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Crypto
{
    /// <summary>
    /// Key import: both PEM forms and DER, and the bad-input table: every rejection has its own
    /// <see cref="RsaKeyError"/> and a message without key material.
    /// </summary>
    [TestClass]
    public class RsaKeyImportTests
    {
        // Offsets in the DER of rsa2048.pkcs1.pem (RSAPrivateKey, 1190 bytes).
        private const int VersionValue = 6;
        private const int ModulusSignByte = 11;
        private const int PublicExponentLastByte = 272;
        private const int QInvMiddle = 1100;

        private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        [TestMethod]
        public void Pkcs1AndPkcs8Pem_ImportTheSameKey()
        {
            RsaPrivateKey a = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem);
            RsaPrivateKey b = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs8Pem);
            Assert.AreEqual(2048, a.BitLength);
            Assert.AreEqual(256, a.ModulusLength);
            Assert.AreEqual(65537u, a.PublicExponent);
            Assert.AreEqual(CryptoVectors.Rsa2048PublicPem, a.ExportPublicKeyPem());
            Assert.AreEqual(CryptoVectors.Rsa2048PublicPem, b.ExportPublicKeyPem());
            CryptoTestHelpers.AssertBytes(CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048PublicPem), b.ExportSubjectPublicKeyInfo());
            a.Dispose();
            b.Dispose();
        }

        [TestMethod]
        public void Der_ImportsBothForms()
        {
            RsaPrivateKey a = RsaPrivateKey.FromPkcs1Der(CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs1Pem));
            RsaPrivateKey b = RsaPrivateKey.FromPkcs8Der(CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs8Pem));
            Assert.AreEqual(CryptoVectors.Rsa2048PublicPem, a.ExportPublicKeyPem());
            Assert.AreEqual(CryptoVectors.Rsa2048PublicPem, b.ExportPublicKeyPem());
            a.Dispose();
            b.Dispose();
        }

        // RFC 7468: text outside the armor is ignored; CRLF line ends are accepted.
        [TestMethod]
        public void Pem_SurroundingTextAndCrlf_Accepted()
        {
            string pem = "Bag Attributes\n    localKeyID: 01\n" + CryptoVectors.Rsa2048Pkcs8Pem + "trailing notes\n";
            RsaPrivateKey a = RsaPrivateKey.FromPem(pem);
            Assert.AreEqual(2048, a.BitLength);
            a.Dispose();

            System.Text.StringBuilder crlf = new System.Text.StringBuilder(CryptoVectors.Rsa2048Pkcs1Pem);
            crlf.Replace("\n", "\r\n");
            RsaPrivateKey b = RsaPrivateKey.FromPem(crlf.ToString());
            Assert.AreEqual(CryptoVectors.Rsa2048PublicPem, b.ExportPublicKeyPem());
            b.Dispose();
        }

        [TestMethod]
        public void EncryptedPkcs8_IsEncryptedKey()
        {
            string body = CryptoTestHelpers.PemBase64(CryptoVectors.Rsa2048EncryptedPkcs8Pem);
            CryptoTestHelpers.AssertError(RsaKeyError.EncryptedKey, CryptoTestHelpers.PemError(CryptoVectors.Rsa2048EncryptedPkcs8Pem), body);

            // The same DER given as PKCS#8, and relabelled as PRIVATE KEY.
            byte[] der = CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048EncryptedPkcs8Pem);
            CryptoTestHelpers.AssertError(RsaKeyError.EncryptedKey, CryptoTestHelpers.Pkcs8Error(der), body);
            CryptoTestHelpers.AssertError(RsaKeyError.EncryptedKey, CryptoTestHelpers.PemError(CryptoTestHelpers.ToPem("PRIVATE KEY", der)), body);
        }

        [TestMethod]
        public void LegacyEncryptedPkcs1_IsEncryptedKey()
        {
            string pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + CryptoTestHelpers.PemBase64(CryptoVectors.Rsa2048Pkcs1Pem) + "\n-----END RSA PRIVATE KEY-----\n";
            CryptoTestHelpers.AssertError(RsaKeyError.EncryptedKey, CryptoTestHelpers.PemError(pem), CryptoTestHelpers.PemBase64(CryptoVectors.Rsa2048Pkcs1Pem));
        }

        [TestMethod]
        public void EcKeys_BothForms_AreUnsupportedKeyType()
        {
            string sec1 = CryptoTestHelpers.PemBase64(CryptoVectors.EcP256Sec1Pem);
            string pkcs8 = CryptoTestHelpers.PemBase64(CryptoVectors.EcP256Pkcs8Pem);
            CryptoTestHelpers.AssertError(RsaKeyError.UnsupportedKeyType, CryptoTestHelpers.PemError(CryptoVectors.EcP256Sec1Pem), sec1);
            CryptoTestHelpers.AssertError(RsaKeyError.UnsupportedKeyType, CryptoTestHelpers.PemError(CryptoVectors.EcP256Pkcs8Pem), pkcs8);
            CryptoTestHelpers.AssertError(RsaKeyError.UnsupportedKeyType, CryptoTestHelpers.Pkcs1Error(CryptoTestHelpers.PemBody(CryptoVectors.EcP256Sec1Pem)), sec1);
            CryptoTestHelpers.AssertError(RsaKeyError.UnsupportedKeyType, CryptoTestHelpers.Pkcs8Error(CryptoTestHelpers.PemBody(CryptoVectors.EcP256Pkcs8Pem)), pkcs8);

            // The SEC1 body under an RSA label is still recognised as EC.
            CryptoTestHelpers.AssertError(RsaKeyError.UnsupportedKeyType, CryptoTestHelpers.PemError(CryptoTestHelpers.ToPem("RSA PRIVATE KEY", CryptoTestHelpers.PemBody(CryptoVectors.EcP256Sec1Pem))), sec1);
        }

        [TestMethod]
        public void PublicKeyPem_IsUnsupportedKeyType()
        {
            CryptoTestHelpers.AssertError(RsaKeyError.UnsupportedKeyType, CryptoTestHelpers.PemError(CryptoVectors.Rsa2048PublicPem), CryptoTestHelpers.PemBase64(CryptoVectors.Rsa2048PublicPem));
        }

        [TestMethod]
        public void Rsa1024_IsKeyTooSmall()
        {
            RsaKeyException e = CryptoTestHelpers.PemError(CryptoVectors.Rsa1024Pkcs1Pem);
            CryptoTestHelpers.AssertError(RsaKeyError.KeyTooSmall, e, CryptoTestHelpers.PemBase64(CryptoVectors.Rsa1024Pkcs1Pem));
            Assert.IsTrue(DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(e.Message, "1024") >= 0, "names the size");
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(10)]
        [DataRow(600)]
        [DataRow(1189)]
        public void TruncatedDer_IsTruncatedDer(int length)
        {
            byte[] der = CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs1Pem);
            byte[] cut = new byte[length];
            Array.Copy(der, cut, length);
            string body = DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(der);
            CryptoTestHelpers.AssertError(RsaKeyError.TruncatedDer, CryptoTestHelpers.Pkcs1Error(cut), body);
            CryptoTestHelpers.AssertError(RsaKeyError.TruncatedDer, CryptoTestHelpers.PemError(CryptoTestHelpers.ToPem("RSA PRIVATE KEY", cut)), body);
        }

        [TestMethod]
        public void CorruptDer_IsMalformedDer()
        {
            byte[] der = CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs1Pem);
            string body = DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(der);

            byte[] wrongTag = CryptoTestHelpers.Copy(der);
            wrongTag[0] = 0x31;
            CryptoTestHelpers.AssertError(RsaKeyError.MalformedDer, CryptoTestHelpers.Pkcs1Error(wrongTag), body);

            byte[] trailing = new byte[der.Length + 1];
            Array.Copy(der, trailing, der.Length);
            CryptoTestHelpers.AssertError(RsaKeyError.MalformedDer, CryptoTestHelpers.Pkcs1Error(trailing), body);

            byte[] indefinite = CryptoTestHelpers.Copy(der);
            indefinite[1] = 0x80;
            CryptoTestHelpers.AssertError(RsaKeyError.MalformedDer, CryptoTestHelpers.Pkcs1Error(indefinite), body);

            byte[] longLength = new byte[der.Length + 1];
            longLength[0] = 0x30;
            longLength[1] = 0x83;
            longLength[2] = 0x00;
            Array.Copy(der, 2, longLength, 3, der.Length - 2);
            CryptoTestHelpers.AssertError(RsaKeyError.MalformedDer, CryptoTestHelpers.Pkcs1Error(longLength), body);

            byte[] negative = CryptoTestHelpers.Copy(der);
            negative[ModulusSignByte] = 0x80;
            CryptoTestHelpers.AssertError(RsaKeyError.MalformedDer, CryptoTestHelpers.Pkcs1Error(negative), body);

            // version INTEGER encoded as 00 00 (not minimal).
            byte[] nonMinimal = new byte[] { 0x30, 0x04, 0x02, 0x02, 0x00, 0x00 };
            CryptoTestHelpers.AssertError(RsaKeyError.MalformedDer, CryptoTestHelpers.Pkcs1Error(nonMinimal), body);
        }

        [TestMethod]
        public void ModulusNotPTimesQ_IsInconsistentKey()
        {
            byte[] der = CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs1Pem);
            der[100] ^= 0x10;
            RsaKeyException e = CryptoTestHelpers.Pkcs1Error(der);
            CryptoTestHelpers.AssertError(RsaKeyError.InconsistentKey, e, DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(der));
            Assert.IsTrue(DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(e.Message, "p*q != n") >= 0, "says which check failed");
        }

        [TestMethod]
        public void WrongCoefficient_IsInconsistentKey()
        {
            byte[] der = CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs1Pem);
            der[QInvMiddle] ^= 0x01;
            CryptoTestHelpers.AssertError(RsaKeyError.InconsistentKey, CryptoTestHelpers.Pkcs1Error(der), DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(der));
        }

        [TestMethod]
        public void EvenPublicExponent_IsUnsupportedPublicExponent()
        {
            byte[] der = CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs1Pem);
            der[PublicExponentLastByte] = 0x02;
            CryptoTestHelpers.AssertError(RsaKeyError.UnsupportedPublicExponent, CryptoTestHelpers.Pkcs1Error(der), DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(der));
        }

        [TestMethod]
        public void MultiPrimeVersion_IsUnsupportedVersion()
        {
            byte[] der = CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs1Pem);
            der[VersionValue] = 1;
            CryptoTestHelpers.AssertError(RsaKeyError.UnsupportedVersion, CryptoTestHelpers.Pkcs1Error(der), DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(der));
        }

        [TestMethod]
        public void Pkcs8WithPssAlgorithm_IsUnsupportedKeyType()
        {
            byte[] der = CryptoTestHelpers.PemBody(CryptoVectors.Rsa2048Pkcs8Pem);

            // AlgorithmIdentifier OID 1.2.840.113549.1.1.1 ends at offset 19; .10 is RSASSA-PSS.
            Assert.AreEqual((byte)0x01, der[19]);
            der[19] = 0x0A;
            CryptoTestHelpers.AssertError(RsaKeyError.UnsupportedKeyType, CryptoTestHelpers.Pkcs8Error(der), DeviceAuth.Tests.Crypto.CryptoTestHelpers.RuntimeBase64(der));
        }

        [TestMethod]
        public void MissingArmor_IsMissingPemArmor()
        {
            string pem = CryptoVectors.Rsa2048Pkcs1Pem;
            string body = CryptoTestHelpers.PemBase64(pem);
            CryptoTestHelpers.AssertError(RsaKeyError.MissingPemArmor, CryptoTestHelpers.PemError(body), body);
            CryptoTestHelpers.AssertError(RsaKeyError.MissingPemArmor, CryptoTestHelpers.PemError(pem.Substring(0, DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(pem, "-----END"))), body);
            CryptoTestHelpers.AssertError(RsaKeyError.MissingPemArmor, CryptoTestHelpers.PemError(""), body);
            CryptoTestHelpers.AssertError(RsaKeyError.MissingPemArmor, CryptoTestHelpers.PemError("-----BEGIN RSA PRIVATE KEY\n" + body + "\n-----END RSA PRIVATE KEY-----\n"), body);
        }

        [TestMethod]
        public void MismatchedArmor_IsMismatchedPemArmor()
        {
            string pem = CryptoVectors.Rsa2048Pkcs1Pem;
            string mismatched = pem.Substring(0, DeviceAuth.Encoding.AsciiText.IndexOfOrdinal(pem, "-----END")) + "-----END PRIVATE KEY-----\n";
            CryptoTestHelpers.AssertError(RsaKeyError.MismatchedPemArmor, CryptoTestHelpers.PemError(mismatched), CryptoTestHelpers.PemBase64(pem));
        }

        [TestMethod]
        public void BadBase64_IsInvalidBase64()
        {
            string pem = CryptoVectors.Rsa2048Pkcs1Pem;
            string body = CryptoTestHelpers.PemBase64(pem);
            char[] text = pem.ToCharArray();
            int start = DeviceAuth.Encoding.AsciiText.IndexOf(text, '\n', 0, text.Length) + 1;

            // A character outside the alphabet.
            CryptoTestHelpers.AssertError(RsaKeyError.InvalidBase64, CryptoTestHelpers.PemError(pem.Substring(0, start + 10) + "!" + pem.Substring(start + 11)), body);

            // One character missing: not a multiple of 4.
            CryptoTestHelpers.AssertError(RsaKeyError.InvalidBase64, CryptoTestHelpers.PemError(pem.Substring(0, start + 10) + pem.Substring(start + 11)), body);

            // Padding in the middle.
            CryptoTestHelpers.AssertError(RsaKeyError.InvalidBase64, CryptoTestHelpers.PemError(pem.Substring(0, start + 10) + "=" + pem.Substring(start + 11)), body);

            // Empty body.
            CryptoTestHelpers.AssertError(RsaKeyError.InvalidBase64, CryptoTestHelpers.PemError("-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----\n"), body);

            // Non-zero bits after the last byte (the character before '=').
            int pad = DeviceAuth.Encoding.AsciiText.IndexOf(text, '=', 0, text.Length);
            char[] alphabet = Base64Alphabet.ToCharArray();
            int value = DeviceAuth.Encoding.AsciiText.IndexOf(alphabet, text[pad - 1], 0, alphabet.Length);
            Assert.AreEqual(0, value & 3, "canonical vector");
            string nonCanonical = pem.Substring(0, pad - 1) + new string(alphabet[value | 3], 1) + pem.Substring(pad);
            CryptoTestHelpers.AssertError(RsaKeyError.InvalidBase64, CryptoTestHelpers.PemError(nonCanonical), body);
        }

        [TestMethod]
        public void NullArguments_Throw()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => RsaPrivateKey.FromPem(null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => RsaPrivateKey.FromPkcs1Der(null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => RsaPrivateKey.FromPkcs8Der(null));
        }

        [TestMethod]
        public void DisposedKey_CannotExport()
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(CryptoVectors.Rsa2048Pkcs1Pem);
            key.Dispose();
            Assert.ThrowsException(typeof(ObjectDisposedException), () => key.ExportPublicKeyPem());
            Assert.ThrowsException(typeof(ObjectDisposedException), () => new RsaSha256Signer(key));
        }
    }
}
