using System.Security.Cryptography;
using DeviceAuth.Crypto;

namespace DeviceAuth.LocalCloud.Iot;

/// <summary>The verifier side's HMAC-SHA256 (.NET's own, independent of the device library's implementation) behind the library's <see cref="ISigner"/>.</summary>
internal sealed class DotNetHmacSigner : ISigner
{
    private readonly byte[] _key;

    public DotNetHmacSigner(byte[] key) => _key = key ?? throw new ArgumentNullException(nameof(key));

    public string JwsAlgorithm => "HS256";

    public byte[] Sign(byte[] data, int offset, int count) => HMACSHA256.HashData(_key, data.AsSpan(offset, count));
}
