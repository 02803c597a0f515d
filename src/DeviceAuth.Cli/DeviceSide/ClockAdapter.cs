namespace DeviceAuth.Cli.DeviceSide;

/// <summary>The library's <see cref="IClock"/> over a <see cref="TimeProvider"/> (so the tool's virtual clocks drive the library too).</summary>
internal sealed class ClockAdapter(TimeProvider time) : IClock
{
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
}
