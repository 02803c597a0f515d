using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeviceAuth.Credentials;
using DeviceAuth.Encoding;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Tokens
{
    /// <summary>Signatures and MACs produced by the token sources, checked with .NET's own crypto and the shared vectors.</summary>
    public class TokenSignatureHostTests
    {
        private const long Now = 1748736000L;

        [Theory]
        [InlineData("rsa2048.pkcs8.pem")]
        [InlineData("rsa3072.pkcs8.pem")]
        [InlineData("rsa4096.pkcs8.pem")]
        public void DeviceSignedToken_VerifiesWithThePublicKey(string keyFile)
        {
            using RSA key = HostCrypto.SharedKey(keyFile);
            using RSA pub = HostCrypto.PublicOnly(key);
            var source = new DeviceSignedTokenSource("thing-42", new DotNetRsaSigner(key), new ManualClock(Now), new SystemRandomSource(1), 3600);
            AuthToken token = source.GetToken(0);
            Assert.True(HostCrypto.Verify(pub, token.Token, token.TokenSignature));
            Assert.Equal(Convert.ToBase64String(Convert.FromBase64String(token.TokenSignature)), token.TokenSignature);
            AwsIotCustomAuth.ValidateTokenSignature(token.TokenSignature);
            Assert.False(HostCrypto.Verify(pub, token.Token + "x", token.TokenSignature));
        }

        /// <summary>The library's own managed signer (the one the device runs), checked by .NET's RSA verifier.</summary>
        [Theory]
        [InlineData("rsa2048.pkcs1.pem")]
        [InlineData("rsa3072.pkcs8.pem")]
        [InlineData("rsa4096.pkcs1.pem")]
        public void DeviceSignedToken_WithTheLibrarySigner_VerifiesWithDotNet(string keyFile)
        {
            using RSA dotnet = HostCrypto.SharedKey(keyFile);
            string pem = File.ReadAllText(Path.Combine(RepoPaths.SharedOrSkip("vectors/rsa"), keyFile));
            using var signer = new DeviceAuth.Crypto.RsaSha256Signer(DeviceAuth.Crypto.RsaPrivateKey.FromPem(pem));
            var source = new DeviceSignedTokenSource("thing-42", signer, new ManualClock(Now), new SystemRandomSource(9), 3600);
            AuthToken token = source.GetToken(0);
            Assert.True(HostCrypto.Verify(HostCrypto.PublicOnly(dotnet), token.Token, token.TokenSignature));
            byte[] data = System.Text.Encoding.UTF8.GetBytes(token.Token);
            Assert.Equal(Convert.ToBase64String(new DotNetRsaSigner(dotnet).Sign(data, 0, data.Length)), token.TokenSignature);
        }

        /// <summary>The shared vectors (produced with openssl) go through the library's validation and composition unchanged.</summary>
        [Fact]
        public void SharedVectors_PassValidation_AndVerify()
        {
            string dir = RepoPaths.SharedOrSkip("vectors/rsa");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "token-signatures.json")));
            int n = 0;
            foreach (JsonElement v in doc.RootElement.GetProperty("vectors").EnumerateArray())
            {
                string token = v.GetProperty("token").GetString();
                string signature = v.GetProperty("tokenSignature").GetString();
                using RSA key = HostCrypto.SharedKey(v.GetProperty("key").GetString());
                Assert.True(HostCrypto.Verify(key, token, signature));

                // RSASSA-PKCS1-v1_5 is deterministic: signing through ISigner reproduces openssl's bytes.
                var source = new StaticTokenSource(token, signature);
                AuthToken t = source.GetToken(0);
                byte[] data = System.Text.Encoding.UTF8.GetBytes(token);
                Assert.Equal(signature, Convert.ToBase64String(new DotNetRsaSigner(key).Sign(data, 0, data.Length)));
                AwsIotCustomAuth.ValidateToken(t.Token);
                AwsIotCustomAuth.ValidateTokenSignature(t.TokenSignature);
                n++;
            }

            Assert.True(n >= 3);
        }

        [Fact]
        public void HmacToken_MacIsHmacSha256OfTheClaims_PerTheDocument()
        {
            byte[] secret = RandomNumberGenerator.GetBytes(32);
            var source = new HmacTokenSource("thing-42", new DotNetHmacSigner(secret), new ManualClock(Now), new SystemRandomSource(2), 900);
            string token = source.GetToken(0).Token;

            // An independent verifier written from docs/token-formats.md with .NET only.
            Match m = Regex.Match(token, "^(hm1\\.([A-Za-z0-9:_-]{1,128})\\.(0|[1-9][0-9]{0,11})\\.(0|[1-9][0-9]{0,11})\\.([A-Za-z0-9_-]{8,64}))\\.([A-Za-z0-9_-]{43})$");
            Assert.True(m.Success);
            byte[] mac = HMACSHA256.HashData(secret, System.Text.Encoding.ASCII.GetBytes(m.Groups[1].Value));
            string expected = Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            Assert.Equal(expected, m.Groups[6].Value);
            Assert.Equal("thing-42", m.Groups[2].Value);
            Assert.Equal(Now, long.Parse(m.Groups[3].Value));
            Assert.Equal(Now + 900, long.Parse(m.Groups[4].Value));

            TokenVerificationResult r = HmacToken.Verify(token, new DotNetHmacSigner(secret), UnixTime.FromSeconds(Now + 1), 900, 0);
            Assert.Equal(TokenVerificationStatus.Valid, r.Status);
            byte[] other = (byte[])secret.Clone();
            other[0] ^= 1;
            Assert.Equal(TokenVerificationStatus.BadSignature, HmacToken.Verify(token, new DotNetHmacSigner(other), UnixTime.FromSeconds(Now + 1), 900, 0).Status);
        }

        /// <summary>Flipping any single character of an HMAC token never yields a Valid verification.</summary>
        [Fact]
        public void HmacToken_EverySingleCharacterChange_IsRejected()
        {
            byte[] secret = RandomNumberGenerator.GetBytes(32);
            string token = HmacToken.Create(new DotNetHmacSigner(secret), "thing-42", Now, Now + 900, "AAECAwQFBgcICQoL");
            var signer = new DotNetHmacSigner(secret);
            for (int i = 0; i < token.Length; i++)
            {
                foreach (char c in "A0_-.z")
                {
                    if (token[i] == c)
                    {
                        continue;
                    }

                    string changed = token.Substring(0, i) + c + token.Substring(i + 1);
                    Assert.NotEqual(TokenVerificationStatus.Valid, HmacToken.Verify(changed, signer, UnixTime.FromSeconds(Now + 1), 7200, 0).Status);
                }
            }
        }

        /// <summary>CUSTOM-AUTH pitfall 5: the JWT signature re-encoded for AWS IoT verifies for every key size (signature lengths 256, 384, 512 bytes: three padding cases).</summary>
        [Theory]
        [InlineData("rsa2048.pkcs8.pem", 344, 2)]
        [InlineData("rsa3072.pkcs8.pem", 512, 0)]
        [InlineData("rsa4096.pkcs8.pem", 684, 1)]
        public void Pitfall5_JwtSignatureAsAwsIotTokenSignature_EveryKeySize(string keyFile, int base64Length, int padding)
        {
            using RSA key = HostCrypto.SharedKey(keyFile);
            using RSA pub = HostCrypto.PublicOnly(key);
            var options = new JwtOptions("https://issuer.example", "thing-42", "iot", 3600) { Form = JwtTokenForm.AwsIotSigned };
            AuthToken token = new JwtTokenSource(options, new DotNetRsaSigner(key), new ManualClock(Now), new SystemRandomSource(3)).GetToken(0);
            Assert.Equal(base64Length, token.TokenSignature.Length);
            Assert.Equal(padding, token.TokenSignature.Length - token.TokenSignature.TrimEnd('=').Length);
            Assert.True(HostCrypto.Verify(pub, token.Token, token.TokenSignature));
            AwsIotCustomAuth.ValidateTokenSignature(token.TokenSignature);

            // The same JWT in compact form converts to the same pair.
            options.Form = JwtTokenForm.Compact;
            AuthToken compact = new JwtTokenSource(options, new DotNetRsaSigner(key), new ManualClock(Now), new SystemRandomSource(3)).GetToken(0);
            AuthToken converted = JwtTokens.ToAwsIotToken(compact);
            Assert.Equal(token.Token, converted.Token);
            Assert.Equal(token.TokenSignature, converted.TokenSignature);
        }

        /// <summary>An odd key size (2056 bits, 257-byte signature) too: padding is derived from the length, not assumed.</summary>
        [Fact]
        public void Pitfall5_OddKeySize()
        {
            using RSA key = RSA.Create(2056);
            var options = new JwtOptions("i", "s", "a", 600) { Form = JwtTokenForm.AwsIotSigned };
            AuthToken token = new JwtTokenSource(options, new DotNetRsaSigner(key), new ManualClock(Now), new SystemRandomSource(4)).GetToken(0);
            Assert.Equal(257, Convert.FromBase64String(token.TokenSignature).Length);
            Assert.EndsWith("=", token.TokenSignature);
            Assert.True(HostCrypto.Verify(key, token.Token, token.TokenSignature));
        }
    }
}
