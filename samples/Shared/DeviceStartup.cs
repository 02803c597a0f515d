using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using DeviceAuth.Tokens;
using nanoFramework.Networking;

namespace DeviceAuth.Samples
{
    /// <summary>Device I/O every sample does first: its settings, Wi-Fi, then a clock that can be trusted.</summary>
    internal static class DeviceStartup
    {
        /// <summary>
        /// What every sample does before anything else: reads <c>I:\deviceauth\settings.json</c>, joins
        /// Wi-Fi (<see cref="ConnectWifi"/>) and makes sure the clock is set (<see cref="EnsureClock"/>).
        /// </summary>
        internal static SampleSettings Begin()
        {
            SampleSettings settings = SampleSettings.Load();
            ConnectWifi(settings);
            EnsureClock();
            return settings;
        }

        /// <summary>
        /// Joins the Wi-Fi network named in settings.json (DHCP) and waits, up to a minute, until the
        /// network helper reports an IP address and a valid date and time (the firmware runs SNTP).
        /// </summary>
        internal static void ConnectWifi(SampleSettings settings)
        {
            Debug.WriteLine("wifi: connecting");
            CancellationTokenSource timeout = new CancellationTokenSource(60000);
            bool connected = WifiNetworkHelper.ConnectDhcp(settings.Text("wifiSsid"), settings.Text("wifiPassword"), requiresDateTime: true, token: timeout.Token);
            if (!connected)
            {
                throw new IOException("Wi-Fi not ready (NetworkHelperStatus " + ((int)WifiNetworkHelper.Status).ToString() + ").");
            }

            Debug.WriteLine("wifi: connected, clock " + DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        }

        /// <summary>
        /// Makes sure the clock is set before any token is minted: tokens carry iat/exp, and a clock
        /// reading 1970 makes every token look expired (the library refuses to mint then).
        /// </summary>
        internal static void EnsureClock()
        {
            if (ClockGuard.IsPlausible(DateTime.UtcNow))
            {
                return;
            }

            Sntp.Start();
            Sntp.UpdateNow();
            for (int i = 0; i < 30 && !ClockGuard.IsPlausible(DateTime.UtcNow); i++)
            {
                Thread.Sleep(1000);
            }

            // Throws ClockNotSetException (with the clock reading) when SNTP did not answer.
            ClockGuard.ReadUtc(SystemClock.Instance);
        }

        /// <summary>Seconds since boot (Environment.TickCount64).</summary>
        internal static long UptimeSeconds()
        {
            return Environment.TickCount64 / 1000;
        }

        /// <summary>Free managed heap in bytes (runs the GC first).</summary>
        internal static uint FreeHeap()
        {
            return nanoFramework.Runtime.Native.GC.Run(false);
        }
    }
}
