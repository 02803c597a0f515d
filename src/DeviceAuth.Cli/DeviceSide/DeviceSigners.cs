using DeviceAuth.Crypto;

namespace DeviceAuth.Cli.DeviceSide;

/// <summary>
/// The signers the device uses, built by the device library itself (its managed RSA-SHA256 and
/// HMAC-SHA256, host build), so the tool signs exactly as the device would. Errors become
/// <see cref="CliException"/>s naming the input, never the key material.
/// </summary>
internal static class DeviceSigners
{
    /// <summary>An RS256 signer from a PEM private key file (PKCS#8 or PKCS#1), read by the library's PEM/DER reader.</summary>
    public static ISigner Rsa(string privateKeyPath)
    {
        string pem = FileInput.ReadText(privateKeyPath, "private key");
        return RsaFromPem(pem, privateKeyPath);
    }

    /// <summary>An RS256 signer from PEM text.</summary>
    public static ISigner RsaFromPem(string pem, string origin)
    {
        try
        {
            return new RsaSha256Signer(RsaPrivateKey.FromPem(pem));
        }
        catch (RsaKeyException e)
        {
            throw CliException.Invalid($"{origin}: {e.Message} ({e.Error})");
        }
        catch (ArgumentException e)
        {
            throw CliException.Invalid($"{origin}: {e.Message}");
        }
    }

    /// <summary>An HS256 signer over a shared secret (the library's HMAC-SHA256).</summary>
    public static ISigner Hmac(byte[] secret)
    {
        if (secret == null || secret.Length < 16)
        {
            throw CliException.Invalid("the HMAC secret must be at least 16 bytes");
        }

        return new HmacSha256Signer(secret);
    }
}
