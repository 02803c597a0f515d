using System.Linq;
using DeviceAuth.FleetBench;
using DeviceAuth.Mqtt;
using Xunit;

namespace DeviceAuth.HostTests.Fleet
{
    /// <summary>
    /// A smaller run of the fleet benchmark's simulation (real MqttSession code, virtual clock) with
    /// assertions: the scheduler never lets the service cut a connection, spreads a synchronized fleet
    /// like independent uniform instants would, and keeps the retry rate of a whole fleet bounded
    /// through an outage while recovering within the backoff cap.
    /// </summary>
    public class FleetSimulationTests
    {
        private const long Day = 86400_000;

        [Fact]
        public void SynchronizedStart_SpreadsReconnects_NoServiceCuts()
        {
            FleetResult r = FleetSimulation.Run(new FleetConfig { Devices = 2000, DurationMs = 2 * Day });
            Assert.Equal(0, r.ServiceCuts);
            Assert.Equal(2000, r.ConnectedAtEnd);
            var reconnects = r.Connects.Where(t => t > 0).ToList();
            Assert.InRange(reconnects.Count, 3900, 4200);
            double mean = reconnects.Count / (2.0 * 86400);
            double peakHour = FleetSimulation.PeakRatePerSecond(reconnects, 1, 2 * Day, 3600_000);
            Assert.True(peakHour / mean <= 1.6, "hourly peak/mean " + (peakHour / mean));

            // The naive scheduler (no jitter, no spread) reconnects the whole fleet in one second.
            FleetResult naive = FleetSimulation.Run(new FleetConfig
            {
                Devices = 2000,
                DurationMs = 2 * Day,
                Configure = o => { o.ReconnectJitterSeconds = 0; o.SpreadUnplannedConnections = false; },
            });
            var naiveReconnects = naive.Connects.Where(t => t > 0).ToList();
            Assert.Equal(2000, FleetSimulation.Histogram(naiveReconnects, 1, 2 * Day, 1000).Max());
        }

        [Fact]
        public void TenMinuteOutage_FleetRetryRateStaysBounded_AndEveryDeviceRecovers()
        {
            long start = 6 * 3600_000;
            FleetResult r = FleetSimulation.Run(new FleetConfig { Devices = 2000, DurationMs = Day, OutageStartMs = start });
            int[] perSecond = FleetSimulation.Histogram(r.Attempts, start, start + 600_000, 1000);

            // First retries spread over the 30 s base window: about N / 29 per second, never the whole fleet at once.
            Assert.True(perSecond.Max() <= 2000 / 10, "peak " + perSecond.Max() + " attempts/s");

            // Per device, never more than the per-minute cap.
            Assert.True(r.Attempts.Count(t => t >= start && t < start + 600_000) <= 2000 * 6 * 10);
            long back = start + 600_000;
            long[] first = FleetSimulation.FirstConnectAfter(r, 2000, back);
            Assert.All(first, t => Assert.InRange(t - back, 0, 330_000));
            Assert.Equal(0, r.ServiceCuts);
            Assert.Equal(2000, r.ConnectedAtEnd);
        }

        [Fact]
        public void Mqtt5Incident_RefusalsWithReasonCodes_CostFewerAttemptsThanHangUps_RenewAtMostOncePerDevice_AllRecover()
        {
            long start = 6 * 3600_000;
            FleetResult Run(bool hangUps) => FleetSimulation.Run(new FleetConfig
            {
                Devices = 2000,
                DurationMs = start + 4 * 3600_000,
                IncidentStartMs = start,
                IncidentCodes = new[] { MqttReasonCodes.ConnectionRateExceeded, MqttReasonCodes.ServerBusy, MqttReasonCodes.NotAuthorized },
                IncidentProbabilities = new[] { 0.4, 0.2, 0.1 },
                IncidentAsHangUps = hangUps,
                ProtocolLevel = MqttProtocolLevel.Mqtt5,
            });

            FleetResult coded = Run(false);
            FleetResult plain = Run(true);
            int Attempts(FleetResult r) => r.Attempts.Count(t => t >= start && t < start + 600_000);
            Assert.True(Attempts(coded) < Attempts(plain), Attempts(coded) + " attempts with codes, " + Attempts(plain) + " as hang-ups");

            // 0x87 renews the credentials once per refusal streak: at most once per device here; hang-ups never renew.
            Assert.InRange(coded.Renewals, 1, 2000);
            Assert.Equal(0, plain.Renewals);

            // Everyone is back within the incident plus two throttled caps (10 min each), and nobody was cut.
            long[] back = FleetSimulation.FirstConnectAfter(coded, 2000, start);
            Assert.All(back, t => Assert.InRange(t - start, 0, 600_000 + 2 * 600_000));
            Assert.Equal(0, coded.ServiceCuts);
            Assert.Equal(2000, coded.ConnectedAtEnd);
        }
    }
}
