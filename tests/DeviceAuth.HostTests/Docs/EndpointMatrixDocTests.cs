using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeviceAuth.Endpoints;
using Xunit;

namespace DeviceAuth.HostTests.Docs
{
    /// <summary>docs/endpoints.md's matrix, row by row, against ServiceEndpoint.Resolve.</summary>
    public class EndpointMatrixDocTests
    {
        private const string Host = "d-abcdef0123-ats.iot.eu-west-1.amazonaws.com";

        private static List<string[]> Rows()
        {
            string[] lines = File.ReadAllLines(RepoPaths.InRepo("docs", "endpoints.md"));
            int header = Array.FindIndex(lines, l => l.StartsWith("| Endpoint | authenticationType", StringComparison.Ordinal));
            Assert.True(header >= 0, "docs/endpoints.md has no matrix");
            return lines.Skip(header + 2).TakeWhile(l => l.StartsWith("|", StringComparison.Ordinal))
                .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray()).ToList();
        }

        [Fact]
        public void EveryMatrixRow_AgreesWithServiceEndpointResolve()
        {
            List<string[]> rows = Rows();
            Assert.True(rows.Count >= 15, "the matrix looks truncated: " + rows.Count + " rows");
            foreach (string[] c in rows)
            {
                string row = string.Join(" | ", c.Take(6));
                ServiceEndpoint endpoint = c[0] switch
                {
                    "Default data endpoint" => ServiceEndpoint.IotDefaultDataEndpoint(Host),
                    "API Gateway HTTP API" => ServiceEndpoint.ApiGateway(Host),
                    "Domain configuration" => ServiceEndpoint.IotDomainConfiguration(Host, Auth(c[1]), Protocol(c[2])),
                    _ => throw new InvalidOperationException("unknown endpoint kind: " + c[0]),
                };
                TransportProtocol transport = c[3] switch
                {
                    "MQTT" => TransportProtocol.Mqtt,
                    "MQTT over WebSockets" => TransportProtocol.MqttOverWebSockets,
                    "HTTPS" => TransportProtocol.Https,
                    _ => throw new InvalidOperationException("unknown transport: " + c[3]),
                };
                int port = int.Parse(c[4]);
                ConnectionTarget target = null;
                UnsupportedEndpointException refused = null;
                try
                {
                    target = endpoint.Resolve(transport, port);
                }
                catch (UnsupportedEndpointException e)
                {
                    refused = e;
                }

                switch (c[5])
                {
                    case "works":
                        Assert.True(target != null, row + ": the doc says it works, the library refuses: " + refused?.Message);
                        Assert.False(target.RequiresClientCertificate, row + ": the library requires a client certificate");
                        Assert.False(target.RequiresAlpn, row);
                        Assert.Equal(Host, target.ServerName);
                        break;
                    case "works (client certificate)":
                        Assert.True(target != null && target.RequiresClientCertificate, row + ": the doc says it works with a client certificate");
                        break;
                    case "refused":
                        Assert.True(refused != null, row + ": the doc says refused, the library resolves " + target);
                        Assert.Equal(port, refused.Port);
                        Assert.Equal(transport, refused.Transport);
                        break;
                    default:
                        throw new InvalidOperationException("unknown verdict: " + c[5]);
                }
            }
        }

        private static IotAuthenticationType Auth(string s) => s switch
        {
            "DEFAULT" => IotAuthenticationType.Default,
            "CUSTOM_AUTH" => IotAuthenticationType.CustomAuth,
            "CUSTOM_AUTH_X509" => IotAuthenticationType.CustomAuthX509,
            "AWS_X509" => IotAuthenticationType.AwsX509,
            "AWS_SIGV4" => IotAuthenticationType.AwsSigV4,
            _ => throw new InvalidOperationException("unknown authenticationType: " + s),
        };

        private static IotApplicationProtocol Protocol(string s) => s switch
        {
            "DEFAULT" => IotApplicationProtocol.Default,
            "SECURE_MQTT" => IotApplicationProtocol.SecureMqtt,
            "MQTT_WSS" => IotApplicationProtocol.MqttWss,
            "HTTPS" => IotApplicationProtocol.Https,
            _ => throw new InvalidOperationException("unknown applicationProtocol: " + s),
        };
    }
}
