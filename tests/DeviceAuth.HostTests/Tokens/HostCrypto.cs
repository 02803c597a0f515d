using System;
using System.IO;
using System.Security.Cryptography;
using DeviceAuth.Crypto;

namespace DeviceAuth.HostTests.Tokens
{
    /// <summary>RS256 with .NET's RSA (OpenSSL underneath): an independent signer for host cross-checks.</summary>
    public sealed class DotNetRsaSigner : ISigner
    {
        private readonly RSA _rsa;

        public DotNetRsaSigner(RSA rsa) => _rsa = rsa;

        public string JwsAlgorithm => "RS256";

        public byte[] Sign(byte[] data, int offset, int count) =>
            _rsa.SignData(data, offset, count, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>HS256 with .NET's HMACSHA256.</summary>
    public sealed class DotNetHmacSigner : ISigner
    {
        private readonly byte[] _key;

        public DotNetHmacSigner(byte[] key) => _key = key;

        public string JwsAlgorithm => "HS256";

        public byte[] Sign(byte[] data, int offset, int count) =>
            HMACSHA256.HashData(_key, data.AsSpan(offset, count));
    }

    public static class HostCrypto
    {
        /// <summary>An RSA key from ../shared/vectors/rsa (skipped when absent, failed in CI).</summary>
        public static RSA SharedKey(string file)
        {
            string dir = RepoPaths.SharedOrSkip("vectors/rsa");
            RSA rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(Path.Combine(dir, file)));
            return rsa;
        }

        /// <summary>The public half only, as a verifier would hold it.</summary>
        public static RSA PublicOnly(RSA rsa)
        {
            RSA pub = RSA.Create();
            pub.ImportSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), out _);
            return pub;
        }

        public static bool Verify(RSA publicKey, string token, string standardBase64Signature) =>
            publicKey.VerifyData(System.Text.Encoding.UTF8.GetBytes(token), Convert.FromBase64String(standardBase64Signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
