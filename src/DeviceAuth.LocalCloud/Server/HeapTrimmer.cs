using DeviceAuth.LocalCloud.Iot;

namespace DeviceAuth.LocalCloud.Server;

/// <summary>
/// Every few seconds of real time, if connections came and went since the last look, hands the
/// native heap's free pages back to the system (<see cref="NativeHeap.Trim"/>): after a burst of
/// TLS connections resident memory returns near its earlier level instead of staying at the peak.
/// </summary>
internal sealed class HeapTrimmer : IDisposable
{
    /// <summary>How often the counters are looked at.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    private readonly ServerStats _stats;
    private readonly Timer _timer;
    private long _seen;

    public HeapTrimmer(ServerStats stats)
    {
        _stats = stats;
        _timer = new Timer(_ => Tick(), null, Period, Period);
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        long connections = Interlocked.Read(ref _stats.HttpConnections) + Interlocked.Read(ref _stats.MqttConnections);
        if (connections != Interlocked.Exchange(ref _seen, connections))
        {
            NativeHeap.Trim();
        }
    }
}
