using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeviceAuth.HostTests.Http
{
    /// <summary>A request as the server saw it.</summary>
    public sealed class SeenRequest
    {
        public string Method;
        public string Path;
        public string Query;
        public Dictionary<string, string> Headers;
        public string Body;
        public string ConnectionId;
    }

    /// <summary>What the server answers: status, optional Retry-After, body.</summary>
    public sealed class Answer
    {
        public int Status = 200;
        public string RetryAfter;

        /// <summary>The Date header to send instead of Kestrel's own (the real wall clock), or null.</summary>
        public string Date;
        public string Body = "ok";
        public string ContentType = "text/plain";
    }

    /// <summary>
    /// A real Kestrel HTTPS server on 127.0.0.1 (ephemeral port) with a certificate the test makes for
    /// <see cref="HostName"/>. It counts TCP connections, records the SNI of every TLS handshake and
    /// every request, and answers through a handler the test sets.
    /// </summary>
    public sealed class KestrelTestServer : IAsyncDisposable
    {
        public const string HostName = "device-api.example.test";

        private readonly WebApplication _app;
        private int _connections;

        public readonly X509Certificate2 Certificate;
        public readonly ConcurrentQueue<string> ServerNames = new();
        public readonly ConcurrentQueue<SeenRequest> Requests = new();
        public Func<SeenRequest, Answer> Handler = _ => new Answer();

        private KestrelTestServer(X509Certificate2 certificate)
        {
            Certificate = certificate;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(o =>
            {
                o.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.Use(next => context =>
                    {
                        Interlocked.Increment(ref _connections);
                        return next(context);
                    });
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificateSelector = (context, name) =>
                        {
                            ServerNames.Enqueue(name ?? "(none)");
                            return Certificate;
                        },
                    });
                });
            });
            _app = builder.Build();
            _app.Run(async context =>
            {
                using var reader = new System.IO.StreamReader(context.Request.Body);
                var seen = new SeenRequest
                {
                    Method = context.Request.Method,
                    Path = context.Request.Path.Value,
                    Query = context.Request.QueryString.Value,
                    Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    Body = await reader.ReadToEndAsync(),
                    ConnectionId = context.Connection.Id,
                };
                Requests.Enqueue(seen);
                Answer answer = Handler(seen);
                context.Response.StatusCode = answer.Status;
                if (answer.RetryAfter != null)
                {
                    context.Response.Headers["Retry-After"] = answer.RetryAfter;
                }

                if (answer.Date != null)
                {
                    context.Response.Headers["Date"] = answer.Date;
                }

                context.Response.ContentType = answer.ContentType;
                await context.Response.WriteAsync(answer.Body);
            });
        }

        public int Port { get; private set; }

        public int Connections => Volatile.Read(ref _connections);

        public string Endpoint => "https://" + HostName + ":" + Port;

        public static async Task<KestrelTestServer> StartAsync()
        {
            using RSA key = RSA.Create(2048);
            var request = new CertificateRequest("CN=" + HostName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(HostName);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            using X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
            var server = new KestrelTestServer(certificate);
            await server._app.StartAsync();
            var addresses = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses;
            server.Port = new Uri(addresses.First()).Port;
            return server;
        }

        /// <summary>
        /// A .NET HttpClient that resolves <see cref="HostName"/> to this server (127.0.0.1) while
        /// keeping the host name for the URL, the Host header and the TLS SNI, and trusts exactly the
        /// test certificate.
        /// </summary>
        public HttpClient CreateClient()
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, token) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), token);
                    return new NetworkStream(socket, ownsSocket: true);
                },
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (sender, cert, chain, errors) =>
                        cert != null && cert.GetCertHashString() == Certificate.GetCertHashString(),
                },
            };
            // Generous: on a loaded machine a loopback request took over 20 s once, and a timeout there reads
            // as a transport failure that changes the request counts these tests assert (virtual time is unaffected).
            return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(90) };
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Certificate.Dispose();
        }
    }
}
