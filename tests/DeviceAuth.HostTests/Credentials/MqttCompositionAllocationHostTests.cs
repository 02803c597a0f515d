using System;
using DeviceAuth.Credentials;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Credentials
{
    /// <summary>
    /// Bytes allocated per MQTT credential composition, measured on the host with
    /// GC.GetAllocatedBytesForCurrentThread and reported in the test output. (bench/DeviceAuth.Benchmarks
    /// is the crypto benchmark's single program; this measurement stays here to avoid editing it.)
    /// The bound asserted is structural: the username's char buffer and string (2 bytes a char each),
    /// one char array of each variable input (token, signature, client id: each is read once with
    /// ToCharArray, since the device re-counts a string on every access), plus the credentials object,
    /// with 25% + 256 bytes of slack. No timing is asserted.
    /// </summary>
    public class MqttCompositionAllocationHostTests
    {
        private const long Now = 1748736000L;

        [Theory]
        [InlineData("device-signed 2048-bit", "ds1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL", 256, false)]
        [InlineData("JWT 2048-bit", "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoiZGV2aWNlLTEiLCJhdWQiOiJhcGkiLCJpYXQiOjE3NDg3MzYwMDAsIm5iZiI6MTc0ODczNjAwMCwiZXhwIjoxNzQ4NzM5NjAwLCJqdGkiOiJBQUVDQXdRRkJnY0lDUW9MREEwT0R3In0", 256, false)]
        [InlineData("device-signed 4096-bit + metrics", "ds1.device-1.1748736000.1748739600.AAECAwQFBgcICQoL", 512, true)]
        public void BytesPerComposition(string label, string token, int signatureBytes, bool metrics)
        {
            byte[] sig = new byte[signatureBytes];
            new Random(1).NextBytes(sig);
            var authToken = new AuthToken(token, Convert.ToBase64String(sig), UnixTime.FromSeconds(Now), UnixTime.FromSeconds(Now + 3600));
            var composer = new AwsIotMqttAuthorization("my-authorizer", "token", false, new ManualClock(Now));
            if (metrics)
            {
                composer.AddUsernameParameter("SDK", "DeviceAuth.nano");
                composer.AddUsernameParameter("Version", "1.0.0");
            }

            // Warm up (JIT, cached fixed parts).
            MqttConnectCredentials warm = null;
            for (int i = 0; i < 100; i++)
            {
                warm = composer.Compose(authToken, "device-1");
            }

            const int N = 2000;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                composer.Compose(authToken, "device-1");
            }

            long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / N;
            int length = warm.Username.Length;
            int inputs = authToken.Token.Length + authToken.TokenSignature.Length + "device-1".Length;
            long bound = (long)((4L * length + 2L * inputs + 120) * 1.25) + 256;
            TestContext.Current.TestOutputHelper?.WriteLine($"{label}: username {length} chars, {perCall} bytes allocated per Compose (bound {bound})");
            Console.WriteLine($"[alloc] {label}: username {length} chars, {perCall} bytes/Compose");
            Assert.True(perCall <= bound, $"{perCall} bytes per composition exceeds {bound}");
        }
    }
}
