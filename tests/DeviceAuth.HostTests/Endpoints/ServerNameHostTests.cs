using System;
using DeviceAuth.Endpoints;
using Xunit;

namespace DeviceAuth.HostTests.Endpoints
{
    /// <summary>SNI validation cross-checked with .NET's Uri host-name classification.</summary>
    public class ServerNameHostTests
    {
        [Theory]
        [InlineData("a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com")]
        [InlineData("abc123.execute-api.us-east-1.amazonaws.com")]
        [InlineData("mqtt.devices.example.com")]
        [InlineData("xn--bcher-kva.example")]
        public void Accepted_AreDnsNamesForUri(string host)
        {
            Assert.True(ServerName.IsValid(host));
            Assert.Equal(UriHostNameType.Dns, Uri.CheckHostName(host));
            Assert.Equal(host, new Uri("https://" + host + ":443/").IdnHost);
        }

        [Theory]
        [InlineData("192.0.2.1", UriHostNameType.IPv4)]
        [InlineData("[2001:db8::1]", UriHostNameType.IPv6)]
        [InlineData("bad host", UriHostNameType.Unknown)]
        public void Rejected_IpLiteralsAndGarbage(string host, UriHostNameType type)
        {
            Assert.False(ServerName.IsValid(host));
            Assert.Equal(type, Uri.CheckHostName(host));
        }

        /// <summary>Random labels: everything accepted is also a DNS name for Uri.</summary>
        [Fact]
        public void RandomNames_AcceptedOnesAreDnsNames()
        {
            var random = new Random(8);
            const string alphabet = "abcXYZ019-._ \u00e9";
            int accepted = 0;
            for (int i = 0; i < 5000; i++)
            {
                char[] chars = new char[random.Next(1, 40)];
                for (int k = 0; k < chars.Length; k++)
                {
                    chars[k] = alphabet[random.Next(alphabet.Length)];
                }

                string host = new string(chars);
                if (ServerName.IsValid(host))
                {
                    accepted++;
                    Assert.Equal(UriHostNameType.Dns, Uri.CheckHostName(host));
                }
            }

            Assert.True(accepted > 100);
        }
    }
}
