using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Encoding;
using DeviceAuth.Http;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Security
{
    /// <summary>
    /// Issue 11: no exception of the key, token and credential code quotes input that could be secret. Every
    /// <see cref="RsaKeyError"/> is reached with inputs built from a fresh key, and every
    /// <see cref="CredentialFormatReason"/> a secret-carrying input can reach is reached with a marker secret in
    /// the token, signature, password and HMAC secret, then mutated; no 12-character window of the key's Base64
    /// nor the marker may appear in any Message, ToString() or inner exception.
    /// </summary>
    public class NoSecretInMessagesHostTests
    {
        private const string Marker = "S3CR3TMARKERx9Q7";
        private const long Now = 1780300000L;

        private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));

        private static string Pkcs1Base64 => Convert.ToBase64String(Key.Value.ExportRSAPrivateKey());

        /// <summary>Fails when any 12-character window of <paramref name="secret"/> is in the exception's text.</summary>
        internal static void AssertQuotesNothingOf(Exception e, string secret)
        {
            for (Exception x = e; x != null; x = x.InnerException)
            {
                foreach (string text in new[] { x.Message, x.ToString() })
                {
                    for (int i = 0; i + 12 <= secret.Length; i += 4)
                    {
                        Assert.False(text.Contains(secret.Substring(i, 12), StringComparison.Ordinal), $"{x.GetType().Name} quotes secret characters {i}-{i + 11} (its message is not shown here: it holds the secret)");
                    }
                }
            }
        }

        private static BigInteger U(byte[] b) => new(b, isUnsigned: true, isBigEndian: true);

        private static byte[] Pkcs1(int version, BigInteger n, BigInteger e, RSAParameters k)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteInteger(version);
                foreach (BigInteger v in new[] { n, e, U(k.D), U(k.P), U(k.Q), U(k.DP), U(k.DQ), U(k.InverseQ) })
                {
                    w.WriteInteger(v);
                }
            }

            return w.Encode();
        }

        /// <summary>One input per way a key import can fail, each carrying the key's own Base64 where it could leak.</summary>
        public static IEnumerable<(string Name, Func<object> Import)> KeyCases()
        {
            string b64 = Pkcs1Base64;
            byte[] der = Key.Value.ExportRSAPrivateKey();
            RSAParameters k = Key.Value.ExportParameters(true);
            string Pem(string label, string body) => "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
            yield return ("one-line PEM, BEGIN line without its closing dashes (issue 11)", () => RsaPrivateKey.FromPem("-----BEGIN RSA PRIVATE KEY " + b64 + " -----END RSA PRIVATE KEY-----"));
            yield return ("BEGIN <base64>----- and no END (issue 11)", () => RsaPrivateKey.FromPem("-----BEGIN " + b64 + "-----"));
            yield return ("END label is the key's Base64 (issue 11)", () => RsaPrivateKey.FromPem("-----BEGIN RSA PRIVATE KEY-----\n" + b64 + "\n-----END " + b64.Substring(0, 64) + "-----"));
            yield return ("BEGIN label is the key's Base64", () => RsaPrivateKey.FromPem(Pem(b64.Substring(0, 64), b64)));
            yield return ("no armor", () => RsaPrivateKey.FromPem(b64));
            yield return ("END line unterminated", () => RsaPrivateKey.FromPem("-----BEGIN RSA PRIVATE KEY-----\n" + b64 + "\n-----END RSA PRIVATE KEY"));
            yield return ("a character outside Base64", () => RsaPrivateKey.FromPem(Pem("RSA PRIVATE KEY", b64.Insert(700, "!"))));
            yield return ("Base64 not a multiple of 4", () => RsaPrivateKey.FromPem(Pem("RSA PRIVATE KEY", b64.Substring(0, b64.Length - 5))));
            yield return ("encrypted PKCS#8", () => RsaPrivateKey.FromPem(Pem("ENCRYPTED PRIVATE KEY", b64)));
            yield return ("legacy encrypted PEM", () => RsaPrivateKey.FromPem(Pem("RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n" + b64)));
            yield return ("public key label", () => RsaPrivateKey.FromPem(Pem("PUBLIC KEY", b64)));
            yield return ("truncated DER", () => RsaPrivateKey.FromPkcs1Der(der.AsSpan(0, der.Length - 7).ToArray()));
            yield return ("DER with a wrong tag", () => RsaPrivateKey.FromPkcs1Der(der.Select((b, i) => i == 4 ? (byte)0x04 : b).ToArray()));
            yield return ("version 2", () => RsaPrivateKey.FromPkcs1Der(Pkcs1(2, U(k.Modulus), U(k.Exponent), k)));
            yield return ("1024-bit key", () => { using RSA small = RSA.Create(1024); return RsaPrivateKey.FromPkcs1Der(small.ExportRSAPrivateKey()); });
            yield return ("4104-bit modulus", () => RsaPrivateKey.FromPkcs1Der(Pkcs1(0, U(k.Modulus) << 2056, U(k.Exponent), k)));
            yield return ("e = 1", () => RsaPrivateKey.FromPkcs1Der(Pkcs1(0, U(k.Modulus), 1, k)));
            yield return ("n + 2", () => RsaPrivateKey.FromPkcs1Der(Pkcs1(0, U(k.Modulus) + 2, U(k.Exponent), k)));
            yield return ("fault in a CRT half", () =>
            {
                var signer = new RsaSha256Signer(RsaPrivateKey.FromPkcs1Der(der));
                signer.FaultHook = (half, value) => value[0] ^= 1;
                return signer.Sign(new byte[] { 1, 2, 3 });
            });
        }

        [Fact]
        public void Every_RsaKeyError_is_reached_and_no_message_quotes_the_key()
        {
            string secret = Pkcs1Base64;
            var reached = new HashSet<RsaKeyError>();
            foreach (var (name, import) in KeyCases())
            {
                RsaKeyException e = Assert.Throws<RsaKeyException>(() => import());
                reached.Add(e.Error);
                AssertQuotesNothingOf(e, secret);
            }

            var all = Enum.GetValues<RsaKeyError>().Where(v => (int)v != 0).ToHashSet();
            Assert.Empty(all.Except(reached));
        }

        [Fact]
        public void Mutated_keys_never_throw_a_message_quoting_the_key()
        {
            string secret = Pkcs1Base64;
            string pem = "-----BEGIN RSA PRIVATE KEY-----\n" + secret + "\n-----END RSA PRIVATE KEY-----\n";
            var random = new Random(11);
            string[] pieces = { "-----", "-----BEGIN ", "-----END ", " ", "\n", "!", "=", "RSA PRIVATE KEY", string.Empty };
            int thrown = 0;
            for (int i = 0; i < 4000; i++)
            {
                string text = pem;
                for (int m = random.Next(1, 4); m > 0; m--)
                {
                    int at = random.Next(text.Length);
                    text = random.Next(2) == 0 ? text.Remove(at, Math.Min(random.Next(1, 30), text.Length - at)) : text.Insert(at, pieces[random.Next(pieces.Length)]);
                }

                try
                {
                    RsaPrivateKey.FromPem(text).Dispose();
                }
                catch (RsaKeyException e)
                {
                    thrown++;
                    AssertQuotesNothingOf(e, secret);
                }
            }

            Assert.True(thrown > 3000);
        }

        /// <summary>Credential and token code fed tokens, signatures, passwords and secrets that hold the marker.</summary>
        private static IEnumerable<Action> CredentialCases(string token, string signature)
        {
            var clock = new ManualClock(Now);
            var fresh = new AuthToken(token, signature, UnixTime.FromSeconds(Now - 10), UnixTime.FromSeconds(Now + 3600));
            var expired = new AuthToken(token, signature, UnixTime.FromSeconds(Now - 7200), UnixTime.FromSeconds(Now - 3600));
            var unsigned = new AuthToken(token, null, UnixTime.FromSeconds(Now - 10), UnixTime.FromSeconds(Now + 3600));
            var mqtt = new AwsIotMqttAuthorization("device-authorizer", "token", false, clock);
            var http = new AwsIotHttpAuthorization("device-authorizer", "token", false, AwsIotHttpPlacement.QueryString, clock);
            var headers = new AwsIotHttpAuthorization("device-authorizer", "token", false, AwsIotHttpPlacement.Headers, clock);
            var open = new AwsIotMqttAuthorization("device-authorizer", null, true, clock) { UsernamePrefix = "u" };
            yield return () => mqtt.Compose(fresh, "thing-42");
            yield return () => mqtt.Compose(expired, "thing-42");
            yield return () => mqtt.Compose(unsigned, "thing-42");
            yield return () => mqtt.Compose(fresh, token);
            yield return () => open.Compose(unsigned, "thing-42");
            yield return () => new AwsIotMqttAuthorization("device-authorizer", "token", false, clock).SetPassword(System.Text.Encoding.UTF8.GetBytes(token + new string('x', 65536)));
            yield return () =>
            {
                var big = new AwsIotMqttAuthorization("device-authorizer", "token", false, clock);
                big.AddUsernameParameter("Version", token + new string('v', 60000));
                big.Compose(fresh, "thing-42");
            };
            yield return () => mqtt.UsernamePrefix = token;
            yield return () => mqtt.AddUsernameParameter("SDK", token);
            yield return () => http.Compose(fresh);
            yield return () => headers.Compose(fresh);
            yield return () => headers.Compose(unsigned);
            yield return () => new ApiGatewayJwtAuthorization(clock).Compose(fresh);
            yield return () => new ApiGatewayJwtAuthorization(clock).Compose(unsigned);
            yield return () => TestInvokeAuthorizerRequest.ForMqtt(mqtt, fresh, "thing-42", "iot.example.com");
            yield return () => TestInvokeAuthorizerRequest.ForHttp(http, fresh, "iot.example.com");
            yield return () => TestInvokeAuthorizerRequest.Build(token, signature, null, null, token);
            yield return () => AwsIotCustomAuth.ValidateTokenSignature(signature);
            yield return () => AwsIotCustomAuth.ValidateClientId(token);
            yield return () => new StaticTokenSource(expired, clock).GetToken(60);
            yield return () => new StaticTokenSource(token, signature).GetToken(0);
            yield return () => JwtTokens.ToAwsIotToken(unsigned);
            yield return () => JwtTokens.ToAwsIotToken(fresh);
            yield return () => CompactClaims.Parse(token);
            yield return () => HmacToken.Verify(token, System.Text.Encoding.UTF8.GetBytes(Marker + Marker), UnixTime.FromSeconds(Now), 3600, 60);
            yield return () => HmacToken.PeekDeviceId(token);
            yield return () => VendedTokenResponse.Parse("{\"token\":\"" + token + "\",\"tokenSignature\":\"" + signature + "\",\"expiresAt\":1}", UnixTime.FromSeconds(Now));
            yield return () => VendedTokenResponse.Parse("{\"token\":\"" + token + "\",\"tokenSignature\":" + signature + "}", UnixTime.FromSeconds(Now));
            yield return () => Base64Url.Decode(token);
            yield return () => Base64Url.ToStandardBase64(signature);
            yield return () => PercentEncoding.Decode(token);
            yield return () => new Json.JsonReader(token).Read();
        }

        [Fact]
        public void Credential_and_token_errors_never_quote_the_token_signature_password_or_secret()
        {
            // The token, signature and secret shapes below reach the limits and patterns of every composer.
            string[] tokens =
            {
                Marker, Marker + new string('t', 4000), Marker + "%zz", Marker + "\ud800", Marker + new string('t', 6200), "ds1." + Marker + ".1.2.AAAAAAAAAAAAAAAA",
                "eyJ" + Marker + "." + Marker + "." + Marker, Marker + "\u0000\n", Marker + "\"}", "{\"" + Marker,
            };
            string[] signatures = { Marker + "==", Marker.ToLowerInvariant() + "-_", Marker + "%2B", Marker + new string('A', 2600), "AAAA" };
            var reasons = new HashSet<CredentialFormatReason>();
            var types = new HashSet<string>();
            foreach (string token in tokens)
            {
                foreach (string signature in signatures)
                {
                    foreach (Action call in CredentialCases(token, signature))
                    {
                        try
                        {
                            call();
                        }
                        catch (Exception e)
                        {
                            types.Add(e.GetType().Name);
                            if (e is CredentialFormatException c)
                            {
                                reasons.Add(c.Reason);
                            }

                            AssertQuotesNothingOf(e, Marker);
                            AssertQuotesNothingOf(e, Marker.ToLowerInvariant());
                        }
                    }
                }
            }

            // Every reason a secret-carrying value can trigger was reached (the others concern names and
            // endpoints only: authorizer and key names, identity sources, header names, server names).
            CredentialFormatReason[] secretBearing =
            {
                CredentialFormatReason.InvalidTokenLength, CredentialFormatReason.InvalidTokenCharacters, CredentialFormatReason.InvalidTokenSignature,
                CredentialFormatReason.MissingTokenSignature, CredentialFormatReason.UsernameTooLong, CredentialFormatReason.InvalidUsernamePrefix,
                CredentialFormatReason.InvalidUsernameParameter, CredentialFormatReason.InvalidPasswordLength, CredentialFormatReason.InvalidClientId,
                CredentialFormatReason.QueryStringTooLong, CredentialFormatReason.NotAJwt,
            };
            Assert.Empty(secretBearing.Except(reasons));
            foreach (string t in new[] { "TokenExpiredException", "FormatException" })
            {
                Assert.Contains(t, types);
            }
        }
    }
}
