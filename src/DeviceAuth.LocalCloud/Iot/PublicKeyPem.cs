using System.Security.Cryptography;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>
/// Reads and checks a value for <c>tokenSigningPublicKeys</c>: exactly one PEM
/// <c>-----BEGIN PUBLIC KEY-----</c> block (SubjectPublicKeyInfo) holding an RSA key of at least
/// 2048 bits, at most 5120 characters once normalised. Parsing uses .NET's own ASN.1 readers,
/// independent of the device library. Messages name the file and the problem, never the key bytes.
/// </summary>
internal static class PublicKeyPem
{
    /// <summary>Parses <paramref name="pemText"/>; returns the canonical PEM (64-column base64, '\n' line ends) and the key size.</summary>
    /// <param name="pemText">The file's text.</param>
    /// <param name="origin">How to name the input in messages (a file path or a key name).</param>
    /// <exception cref="LocalCloudException">The text is not an acceptable public key.</exception>
    public static (string Pem, int Bits, RSA Key) Parse(string pemText, string origin)
    {
        if (string.IsNullOrWhiteSpace(pemText))
        {
            throw LocalCloudException.Invalid($"{origin}: empty; expected a PEM '-----BEGIN PUBLIC KEY-----' block");
        }

        if (!PemEncoding.TryFind(pemText, out PemFields fields))
        {
            throw LocalCloudException.Invalid($"{origin}: no PEM block found; expected '-----BEGIN PUBLIC KEY-----' (SPKI)");
        }

        string label = pemText[fields.Label];
        string rest = pemText[fields.Location.End..];
        if (PemEncoding.TryFind(rest, out _))
        {
            throw LocalCloudException.Invalid($"{origin}: holds more than one PEM block; give one public key per file");
        }

        switch (label)
        {
            case "PUBLIC KEY":
                break;
            case "PRIVATE KEY":
            case "RSA PRIVATE KEY":
            case "ENCRYPTED PRIVATE KEY":
            case "EC PRIVATE KEY":
                throw LocalCloudException.Invalid($"{origin}: is a PRIVATE key ('{label}'). Never upload it: tokenSigningPublicKeys takes the public key (keygen writes it to the .pub.pem file; or: openssl pkey -in key.pem -pubout)");
            case "RSA PUBLIC KEY":
                throw LocalCloudException.Invalid($"{origin}: is a PKCS#1 'RSA PUBLIC KEY'; the service expects SubjectPublicKeyInfo '-----BEGIN PUBLIC KEY-----' (convert: openssl rsa -RSAPublicKey_in -in {origin} -pubout)");
            case "CERTIFICATE":
                throw LocalCloudException.Invalid($"{origin}: is a CERTIFICATE; tokenSigningPublicKeys takes a bare public key (openssl x509 -in cert.pem -pubkey -noout)");
            default:
                throw LocalCloudException.Invalid($"{origin}: PEM label '{label}' is not 'PUBLIC KEY'");
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(pemText[fields.Base64Data]);
        }
        catch (FormatException)
        {
            throw LocalCloudException.Invalid($"{origin}: the PEM body is not valid Base64");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(der, out int read);
            if (read != der.Length)
            {
                throw LocalCloudException.Invalid($"{origin}: trailing bytes after the SubjectPublicKeyInfo structure");
            }
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            string algorithm = TryAlgorithmName(der);
            throw LocalCloudException.Invalid(algorithm != null
                ? $"{origin}: is a {algorithm} public key; the service verifies token signatures with RSA (SHA-256) keys only"
                : $"{origin}: is not a readable SubjectPublicKeyInfo RSA public key");
        }

        if (rsa.KeySize < ServiceLimits.MinRsaBits)
        {
            int bits = rsa.KeySize;
            rsa.Dispose();
            throw LocalCloudException.Invalid($"{origin}: RSA key of {bits} bits; the service requires at least {ServiceLimits.MinRsaBits}");
        }

        string canonical = rsa.ExportSubjectPublicKeyInfoPem();
        if (canonical.Length > ServiceLimits.PublicKeyValueMax)
        {
            int length = canonical.Length;
            rsa.Dispose();
            throw LocalCloudException.Invalid($"{origin}: the PEM is {length} characters long; the service accepts at most {ServiceLimits.PublicKeyValueMax}");
        }

        return (canonical, rsa.KeySize, rsa);
    }

    /// <summary>The name of the key algorithm of an SPKI blob when it is not RSA (e.g. "EC"), or null.</summary>
    private static string TryAlgorithmName(byte[] der)
    {
        try
        {
            using var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(der, out _);
            return "EC (ECDSA)";
        }
        catch (CryptographicException)
        {
        }

        try
        {
            var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER);
            var spki = reader.ReadSequence();
            var algId = spki.ReadSequence();
            string oid = algId.ReadObjectIdentifier();
            return oid == "1.2.840.113549.1.1.1" ? null : "non-RSA (algorithm " + oid + ")";
        }
        catch (Exception)
        {
            return null;
        }
    }
}
