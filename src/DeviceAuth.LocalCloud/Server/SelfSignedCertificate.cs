using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>A throwaway self-signed TLS certificate for the local endpoint (loopback names plus any given host names).</summary>
internal static class SelfSignedCertificate
{
    public static X509Certificate2 Create(IEnumerable<string> extraNames, TimeProvider time)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=deviceauth local authorizer endpoint", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (string name in extraNames ?? Array.Empty<string>())
        {
            if (IPAddress.TryParse(name, out IPAddress ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // Real time, not the (possibly virtual) server clock: TLS clients check validity against their own clock.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 cert = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public static string ToPem(X509Certificate2 cert) => cert.ExportCertificatePem() + "\n";
}
