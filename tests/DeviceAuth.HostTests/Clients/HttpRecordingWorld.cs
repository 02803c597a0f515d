using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DeviceAuth.Tests.Lifetime;

namespace DeviceAuth.HostTests.Clients
{
    /// <summary>
    /// An HTTP handler that writes every request it receives into one log (virtual instant, method,
    /// full URL, every request and content header sorted by name, body bytes) and answers from a script.
    /// </summary>
    public sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly VirtualTime _time;

        public RecordingHandler(VirtualTime time)
        {
            _time = time;
        }

        /// <summary>The status for request n (0-based).</summary>
        public Func<int, int> Answer = _ => 200;

        public readonly List<string> Log = new();

        public int Requests;

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value));
            if (request.Content != null)
            {
                headers = headers.Concat(request.Content.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value)));
            }

            string body = request.Content == null ? "(none)" : Convert.ToHexString(request.Content.ReadAsByteArrayAsync(cancellationToken).GetAwaiter().GetResult());
            int status = Answer(Requests++);
            Log.Add(_time.ElapsedMilliseconds + " " + request.Method + " " + request.RequestUri.OriginalString + " [" + string.Join(" | ", headers.OrderBy(h => h, StringComparer.Ordinal)) + "] body=" + body + " -> " + status);
            return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("ok") };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }

    /// <summary>A virtual clock and a recording handler behind an HttpClient: the world one device's HTTP client lives in.</summary>
    public sealed class HttpRecordingWorld
    {
        public static readonly DateTime Start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

        public readonly VirtualTime Time = new VirtualTime(Start, 1_000_000);
        public readonly RecordingHandler Handler;
        public readonly HttpClient Client;

        public HttpRecordingWorld()
        {
            Handler = new RecordingHandler(Time);
            Client = new HttpClient(Handler);
        }

        /// <summary>
        /// Every <paramref name="intervalSeconds"/> of virtual time: <paramref name="renewIfDue"/> (logged), then
        /// request i through <paramref name="send"/> (logged by the handler, retries included).
        /// </summary>
        public List<string> Run(int requests, int intervalSeconds, Func<bool> renewIfDue, Func<int, HttpResponseMessage> send)
        {
            for (int i = 0; i < requests; i++)
            {
                Handler.Log.Add(Time.ElapsedMilliseconds + " renewed=" + renewIfDue());
                using (HttpResponseMessage response = send(i))
                {
                    Handler.Log.Add(Time.ElapsedMilliseconds + " final " + (int)response.StatusCode);
                }

                Time.Advance(intervalSeconds * 1000L);
            }

            return Handler.Log.ToList();
        }
    }
}
