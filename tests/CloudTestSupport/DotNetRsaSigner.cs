using System.Security.Cryptography;

namespace DeviceAuth.CloudTestSupport;

/// <summary>An ISigner over .NET's RSA, for tests that need the library's token formats before its own signer is involved.</summary>
public sealed class DotNetRsaSigner(RSA key) : DeviceAuth.Crypto.ISigner, IDisposable
{
    public string JwsAlgorithm => "RS256";

    public byte[] Sign(byte[] data, int offset, int count) => key.SignData(data, offset, count, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose()
    {
    }
}
