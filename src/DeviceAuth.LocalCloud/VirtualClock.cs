using DeviceAuth.Lifetime;

namespace DeviceAuth.LocalCloud;

/// <summary>
/// Compressed time for the demo (and tests): one virtual clock seen by the local endpoint (as a
/// <see cref="TimeProvider"/>) and by the library (wall clock, monotonic ticks, and a sleeper that
/// advances the clock instead of blocking).
/// </summary>
public sealed class VirtualClock : TimeProvider, IClock, ITickSource, ISleeper
{
    private readonly long _originTicks;
    private long _ticks;

    /// <summary>Creates a clock reading <paramref name="start"/>.</summary>
    /// <param name="start">The initial time.</param>
    public VirtualClock(DateTimeOffset start)
    {
        _originTicks = start.UtcTicks;
        _ticks = start.UtcTicks;
    }

    /// <inheritdoc />
    public DateTime UtcNow => new(Interlocked.Read(ref _ticks), DateTimeKind.Utc);

    /// <summary>Milliseconds since the clock was created (the library's monotonic tick source).</summary>
    public long ElapsedMilliseconds => (Interlocked.Read(ref _ticks) - _originTicks) / TimeSpan.TicksPerMillisecond;

    /// <summary>Time since the clock was created.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks) - _originTicks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>The library's waits advance virtual time at once.</summary>
    /// <param name="milliseconds">How long the library wanted to wait.</param>
    public void Sleep(int milliseconds) => Advance(TimeSpan.FromMilliseconds(Math.Max(0, milliseconds)));
}
