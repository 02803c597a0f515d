using System.Security.Cryptography;
using DeviceAuth.Crypto;

namespace DeviceAuth.Cli.DeviceSide;

/// <summary>
/// The signers the device uses, built from the tool's inputs. Errors become <see cref="CliException"/>s
/// naming the file, never the key material.
/// </summary>
internal static class DeviceSigners
{
    /// <summary>An RS256 signer from a PEM private key file (PKCS#8 or PKCS#1).</summary>
    public static ISigner Rsa(string privateKeyPath)
    {
        string pem = FileInput.ReadText(privateKeyPath, "private key");
        return RsaFromPem(pem, privateKeyPath);
    }

    public static ISigner RsaFromPem(string pem, string origin)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw CliException.Invalid($"{origin}: not a readable unencrypted RSA private key PEM (PKCS#8 'PRIVATE KEY' or PKCS#1 'RSA PRIVATE KEY')");
        }

        return new NetRsa(rsa);
    }

    /// <summary>An HS256 signer over a shared secret.</summary>
    public static ISigner Hmac(byte[] secret)
    {
        if (secret == null || secret.Length < 16)
        {
            throw CliException.Invalid("the HMAC secret must be at least 16 bytes");
        }

        return new NetHmac(secret);
    }

    private sealed class NetRsa(RSA rsa) : ISigner
    {
        public string JwsAlgorithm => "RS256";

        public byte[] Sign(byte[] data, int offset, int count) => rsa.SignData(data, offset, count, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private sealed class NetHmac(byte[] key) : ISigner
    {
        public string JwsAlgorithm => "HS256";

        public byte[] Sign(byte[] data, int offset, int count) => HMACSHA256.HashData(key, data.AsSpan(offset, count));
    }
}
