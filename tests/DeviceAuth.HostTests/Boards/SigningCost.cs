using System;
using System.Collections.Concurrent;
using System.IO;
using System.Security.Cryptography;
using DeviceAuth.Credentials;
using DeviceAuth.Crypto;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;

namespace DeviceAuth.HostTests.Boards
{
    /// <summary>
    /// What one device-signed credential costs with the library's real code, measured on the host:
    /// bytes allocated (GC.GetAllocatedBytesForCurrentThread) by each phase a device goes through, for the fixed keys of ../shared/vectors/rsa
    /// (key import from PEM, signer set-up, minting one token through DeviceSignedTokenSource, composing
    /// the MQTT CONNECT credentials), and the Montgomery operation counts the signer reports. Each
    /// signature is verified with .NET's RSA, so a number is never taken from a signer that is wrong.
    /// </summary>
    /// <remarks>
    /// Host bytes are a proxy for device bytes: the arrays and their element types are the same; a
    /// host object header (16-24 bytes) is a little larger than nanoCLR's, and host strings are UTF-16
    /// where nanoFramework's are UTF-8, so the host figure errs high. The sum of all phases is an upper
    /// bound of the extra live heap at the peak, since part of it is garbage before the next phase.
    /// </remarks>
    public sealed class SigningCost
    {
        private static readonly ConcurrentDictionary<int, SigningCost> Cache = new();

        private SigningCost(int bits)
        {
            Bits = bits;
        }

        /// <summary>Modulus size.</summary>
        public int Bits { get; }

        /// <summary>Bytes allocated by RsaPrivateKey.FromPem.</summary>
        public long ImportBytes { get; private set; }

        /// <summary>Bytes allocated by the RsaSha256Signer constructor.</summary>
        public long SetupBytes { get; private set; }

        /// <summary>Bytes allocated by DeviceSignedTokenSource.GetToken (claims, nonce, one signature, Base64).</summary>
        public long MintBytes { get; private set; }

        /// <summary>Bytes allocated by AwsIotMqttAuthorization.Compose.</summary>
        public long ComposeBytes { get; private set; }

        /// <summary>All phases.</summary>
        public long TotalBytes => ImportBytes + SetupBytes + MintBytes + ComposeBytes;

        /// <summary>Montgomery multiplications (and reductions) of one signature, as the signer reports them.</summary>
        public int Products { get; private set; }

        /// <summary>Montgomery squarings of one signature, as the signer reports them.</summary>
        public int Squarings { get; private set; }

        /// <summary>Limbs of a CRT half (the operand size of nearly all the operations).</summary>
        public int HalfLimbs { get; private set; }

        /// <summary>Inner-loop steps of one signature: K² per product, 0.75·K² per squaring (the Montgomery class's own figure), K = limbs of a CRT half.</summary>
        public double InnerSteps => (Products + (0.75 * Squarings)) * HalfLimbs * (double)HalfLimbs;

        /// <summary>The measurement for <paramref name="bits"/> (computed once per test run).</summary>
        public static SigningCost For(int bits) => Cache.GetOrAdd(bits, Measure);

        /// <summary>The estimate: steps × IL per step × cycles per IL / clock, in seconds, to 0.1 s.</summary>
        public double EstimateSeconds(int ilPerStep, int cyclesPerIl, int cpuMHz) =>
            Math.Round(InnerSteps * ilPerStep * cyclesPerIl / (cpuMHz * 1e6), 1, MidpointRounding.AwayFromZero);

        private static SigningCost Measure(int bits)
        {
            // Fixed keys (the shared vectors) and a fixed token make every figure reproducible: the
            // composed username's length depends on how many '+', '/', '=' the signature holds.
            string pem = File.ReadAllText(Path.Combine(RepoPaths.SharedOrSkip("vectors/rsa"), "rsa" + bits + ".pkcs8.pem"));
            using RSA rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            var cost = new SigningCost(bits);

            // Warm up every path once (JIT, static tables), then measure a fresh run.
            Run(pem, rsa, null);
            Run(pem, rsa, cost);
            int halfBits = bits / 2;
            cost.HalfLimbs = Montgomery.LimbCount(halfBits, Montgomery.LimbBits(halfBits));
            return cost;
        }

        private static void Run(string pem, RSA verifier, SigningCost into)
        {
            var clock = new ManualClock(1748736000L);
            long t0 = GC.GetAllocatedBytesForCurrentThread();
            RsaPrivateKey key = RsaPrivateKey.FromPem(pem);
            long t1 = GC.GetAllocatedBytesForCurrentThread();
            var signer = new RsaSha256Signer(key);
            long t2 = GC.GetAllocatedBytesForCurrentThread();
            key.Dispose();
            var source = new DeviceSignedTokenSource("thing-42", signer, clock, new CountingRandom(), 3600);
            var composer = new AwsIotMqttAuthorization("device-authorizer", "token", false, clock);
            long t3 = GC.GetAllocatedBytesForCurrentThread();
            AuthToken token = source.GetToken(60);
            long t4 = GC.GetAllocatedBytesForCurrentThread();
            MqttConnectCredentials credentials = composer.Compose(token, "thing-42");
            long t5 = GC.GetAllocatedBytesForCurrentThread();

            byte[] data = System.Text.Encoding.UTF8.GetBytes(token.Token);
            if (!verifier.VerifyData(data, Convert.FromBase64String(token.TokenSignature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                throw new InvalidOperationException("The library's signature does not verify with .NET RSA: no cost figure is taken from a wrong signer.");
            }

            if (credentials.Username.IndexOf('?') < 0)
            {
                throw new InvalidOperationException("Composition produced no authorizer parameters.");
            }

            if (into != null)
            {
                into.ImportBytes = t1 - t0;
                into.SetupBytes = t2 - t1;
                into.MintBytes = t4 - t3;
                into.ComposeBytes = t5 - t4;
                into.Products = signer.LastMontgomeryProducts;
                into.Squarings = signer.LastMontgomerySquarings;
            }

            signer.Dispose();
        }
    }
}
