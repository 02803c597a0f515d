using System.IO;
using System.Security.Cryptography.X509Certificates;
using DeviceAuth.Crypto;

namespace DeviceAuth.Samples
{
    /// <summary>
    /// Key, secret and CA files from the device's internal storage (nanoFramework.System.IO.FileSystem).
    /// They are deployed per device with nanoff, so one application image serves the whole fleet and
    /// no key or secret is ever compiled into code.
    /// </summary>
    internal static class DeviceFiles
    {
        /// <summary>The text of a deployed file.</summary>
        internal static string ReadText(string path)
        {
            return File.ReadAllText(Require(path));
        }

        /// <summary>The bytes of a deployed file (an HMAC secret: raw random bytes).</summary>
        internal static byte[] ReadBytes(string path)
        {
            return File.ReadAllBytes(Require(path));
        }

        /// <summary>
        /// The RSA signer for the device's private key (PEM, PKCS#8 or PKCS#1). The key object is
        /// disposed at once: the signer keeps its own copy of what it needs.
        /// </summary>
        internal static ISigner LoadRsaSigner(string path)
        {
            RsaPrivateKey key = RsaPrivateKey.FromPem(ReadText(path));
            try
            {
                return new TimedSigner(new RsaSha256Signer(key), "RSA-" + key.BitLength.ToString());
            }
            finally
            {
                key.Dispose();
            }
        }

        /// <summary>The CA that signed the server's certificate, or null to use the device CA store.</summary>
        internal static X509Certificate LoadCaOrNull(string path)
        {
            return File.Exists(path) ? new X509Certificate(File.ReadAllBytes(path)) : null;
        }

        private static string Require(string path)
        {
            if (!File.Exists(path))
            {
                throw new IOException("Missing " + path + ": deploy it with nanoff (see the sample README).");
            }

            return path;
        }
    }
}
