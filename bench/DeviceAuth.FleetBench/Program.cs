using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;

namespace DeviceAuth.FleetBench
{
    /// <summary>
    /// Fleet-scale benchmark of the session scheduler (real MqttSession + Lifetime code, virtual clock).
    /// Usage: dotnet run -c Release --project bench/DeviceAuth.FleetBench [-- --devices N --ceiling R]
    /// </summary>
    public static class Program
    {
        private const long Day = 86400_000;

        public static int Main(string[] args)
        {
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
            int devices = Arg(args, "--devices", 10_000);
            double ceiling = Arg(args, "--ceiling", 1000);
            var total = Stopwatch.StartNew();
            Console.WriteLine($"DeviceAuth fleet benchmark: {devices} devices, refreshAfter = disconnectAfter = 86400 s, all connected at t = 0; virtual clock.");
            Console.WriteLine();

            // 1. Proactive reconnects over three disconnect windows.
            Console.WriteLine("1) Reconnects over 3 days after a synchronized start (connects at t > 0).");
            Console.WriteLine("   mean rate = reconnects / 3 days; peak = largest count in any sliding window of the given width, per second.");
            Console.WriteLine();
            Console.WriteLine("   | scheduler                                   | reconnects | cuts | peak/mean 1 s | 60 s  | 600 s | 3600 s | sim time |");
            Console.WriteLine("   |---------------------------------------------|-----------:|-----:|--------------:|------:|------:|-------:|---------:|");
            var rows = new List<(string, FleetConfig)>
            {
                ("naive: reconnect at disconnectAfter - 60 s", new FleetConfig { Devices = devices, Configure = o => { o.ReconnectJitterSeconds = 0; o.SpreadUnplannedConnections = false; } }),
                ("jitter window only (last hour, no spread)", new FleetConfig { Devices = devices, Configure = o => o.SpreadUnplannedConnections = false }),
                ("DeviceAuth default (jitter + spread)", new FleetConfig { Devices = devices }),
            };
            foreach (var (name, config) in rows)
            {
                FleetResult r = FleetSimulation.Run(config);
                var reconnects = r.Connects.Where(t => t > 0).ToList();
                PrintSpreadRow(name, reconnects, r.ServiceCuts, 1, 3 * Day, r.Elapsed);
            }

            // Reference: the same number of instants drawn independently and uniformly (no scheduler at all):
            // the Poisson floor that no uncoordinated fleet can beat.
            var random = new Random(7);
            var ideal = Enumerable.Range(0, 3 * devices).Select(_ => 1 + (long)(random.NextDouble() * (3 * Day - 1))).ToList();
            PrintSpreadRow("reference: independent uniform instants", ideal, 0, 1, 3 * Day, TimeSpan.Zero);
            Console.WriteLine();

            // 2. A 10-minute outage of the service in steady state.
            long outageStart = Day + 6 * 3600_000;
            Console.WriteLine($"2) Service outage of 600 s at t = {outageStart / 1000} s (every connection hung up, every attempt refused), then 2 more days.");
            var outage = FleetSimulation.Run(new FleetConfig { Devices = devices, OutageStartMs = outageStart });
            long outageEnd = outageStart + 600_000;
            int[] perSecond = FleetSimulation.Histogram(outage.Attempts, outageStart, outageEnd + 600_000, 1000);
            Console.WriteLine();
            Console.WriteLine("   | minute from outage start | attempts | mean/s | peak/s | peak/mean |");
            Console.WriteLine("   |-------------------------:|---------:|-------:|-------:|----------:|");
            for (int m = 0; m < 20; m++)
            {
                var slice = perSecond.Skip(m * 60).Take(60).ToArray();
                double mean = slice.Average();
                int peak = slice.Max();
                Console.WriteLine($"   | {m,2}{(m == 10 ? " (service back)" : string.Empty),-23} | {slice.Sum(),8} | {mean,6:F1} | {peak,6} | {(mean > 0 ? peak / mean : 0),9:F2} |");
            }

            int peakDuring = perSecond.Take(600).Max();
            var afterFirstMinute = perSecond.Skip(60).Take(540).ToArray();
            double waveIndex = afterFirstMinute.Select((c, i) => c / Math.Max(1.0, afterFirstMinute.Skip(Math.Max(0, i - 30)).Take(61).Average())).Max();
            var reconnected = FleetSimulation.FirstConnectAfter(outage, devices, outageEnd).Where(t => t >= 0).OrderBy(t => t).ToList();
            long t99 = reconnected.Count >= devices * 99 / 100 ? reconnected[devices * 99 / 100 - 1] - outageEnd : -1;
            long t100 = reconnected.Count >= devices ? reconnected[devices - 1] - outageEnd : -1;
            double peakRecovery = FleetSimulation.PeakRatePerSecond(reconnected, outageEnd, outageEnd + 900_000, 1000);
            Console.WriteLine();
            Console.WriteLine($"   peak attempts/s during the outage: {peakDuring} (configured ceiling {ceiling:F0}/s: {(peakDuring <= ceiling ? "under" : "OVER")}); mean {perSecond.Take(600).Average():F1}/s");
            Console.WriteLine($"   wave index (max over minutes 1-9 of a second's count / its +-30 s mean): {waveIndex:F2}");
            Console.WriteLine($"   reconnected after the service came back: 99% in {t99 / 1000.0:F0} s, 100% in {t100 / 1000.0:F0} s; peak {peakRecovery:F0} connects/s");
            var nextDays = outage.Connects.Where(t => t >= outageEnd + 900_000).ToList();
            Console.WriteLine($"   reconnects in the following {((3 * Day - outageEnd - 900_000) / 3600_000.0):F0} h: {nextDays.Count}, peak/mean over 600 s windows {PeakOverMean(nextDays, outageEnd + 900_000, 3 * Day, 600_000):F2}; service cuts {outage.ServiceCuts}; connected at end {outage.ConnectedAtEnd}/{devices}");
            Console.WriteLine($"   simulated in {outage.Elapsed.TotalSeconds:F1} s ({outage.Ticks} session ticks)");
            Console.WriteLine();

            // 3. An MQTT 5 incident: connections dropped, then a share of the CONNECTs refused with reason codes.
            bool incidentOk = PrintIncident(devices, outageStart);
            Console.WriteLine();
            Console.WriteLine($"total run time {total.Elapsed.TotalSeconds:F1} s");
            return peakDuring <= ceiling && outage.ServiceCuts == 0 && incidentOk ? 0 : 1;
        }

        /// <summary>Section 3: the same incident seen through MQTT 5 reason codes and as plain hang-ups.</summary>
        private static bool PrintIncident(int devices, long start)
        {
            long end = start + 600_000;
            int[] codes = { MqttReasonCodes.ConnectionRateExceeded, MqttReasonCodes.ServerBusy, MqttReasonCodes.NotAuthorized };
            double[] shares = { 0.4, 0.2, 0.1 };
            Console.WriteLine($"3) Incident of 600 s at t = {start / 1000} s: every connection hung up, then each CONNECT refused with");
            Console.WriteLine("   0x9F connection rate exceeded (40 %), 0x89 server busy (20 %), 0x87 not authorized (10 %), accepted (30 %).");
            Console.WriteLine("   attempts and rates over the 600 s incident; reconnected = first accepted CONNECT after the hang-up.");
            Console.WriteLine();
            Console.WriteLine("   | device sees                              | attempts | refused | peak/s | mean/s | renewals | connected at end of incident | 99% reconnected | 100% |");
            Console.WriteLine("   |------------------------------------------|---------:|--------:|-------:|-------:|---------:|-----------------------------:|----------------:|-----:|");
            bool ok = true;
            foreach (bool hangUps in new[] { false, true })
            {
                FleetResult r = FleetSimulation.Run(new FleetConfig
                {
                    Devices = devices,
                    DurationMs = end + 3 * 3600_000,
                    IncidentStartMs = start,
                    IncidentCodes = codes,
                    IncidentProbabilities = shares,
                    IncidentAsHangUps = hangUps,
                    ProtocolLevel = MqttProtocolLevel.Mqtt5,
                });
                int[] perSecond = FleetSimulation.Histogram(r.Attempts, start, end, 1000);
                var back = FleetSimulation.FirstConnectAfter(r, devices, start).Where(t => t >= 0).OrderBy(t => t).ToList();
                int connectedAtEnd = back.Count(t => t < end);
                string T(int n) => back.Count >= n ? ((back[n - 1] - start) / 1000.0).ToString("F0") + " s" : "never";
                string name = hangUps ? "the same refusals as hang-ups (no code)" : "MQTT 5 reason codes (library table)";
                Console.WriteLine($"   | {name,-40} | {perSecond.Sum(),8} | {r.Refusals,7} | {perSecond.Max(),6} | {perSecond.Average(),6:F1} | {r.Renewals,8} | {connectedAtEnd,28} | {T(devices * 99 / 100),15} | {T(devices),4} |");
                ok &= back.Count == devices && r.ServiceCuts == 0;
            }

            return ok;
        }

        private static double PeakOverMean(List<long> instants, long from, long to, long windowMs)
        {
            double mean = instants.Count(t => t >= from && t < to) / ((to - from) / 1000.0);
            return mean == 0 ? 0 : FleetSimulation.PeakRatePerSecond(instants, from, to, windowMs) / mean;
        }

        private static void PrintSpreadRow(string name, List<long> instants, int cuts, long from, long to, TimeSpan elapsed)
        {
            string Ratio(long w) => PeakOverMean(instants, from, to, w).ToString("F2");
            Console.WriteLine($"   | {name,-43} | {instants.Count,10} | {cuts,4} | {Ratio(1000),13} | {Ratio(60_000),5} | {Ratio(600_000),5} | {Ratio(3600_000),6} | {elapsed.TotalSeconds,6:F1} s |");
        }

        private static int Arg(string[] args, string name, int fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}
