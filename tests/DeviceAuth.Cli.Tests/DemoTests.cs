namespace DeviceAuth.Cli.Tests;

/// <summary>`deviceauth demo`, the README's main job: in-process (with and without MQTT) and as a process.</summary>
public class DemoTests
{
    [Fact]
    public async Task Demo_passes_every_check_without_mqtt_in_process()
    {
        var r = await CliRunner.InProcess("demo", "--no-mqtt", "--hours", "6");
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.Contains("Demo passed", r.Out);
        Assert.Contains("[MQTT] skipped: --no-mqtt", r.Out);
        Assert.Contains("proactive reconnect", r.Out);
        Assert.Contains("token renewed by the session", r.Out);
        Assert.Contains("HTTP 401 (SignatureMismatch); authorizer invocations: 0", r.Out);
        Assert.DoesNotContain("[FAILED]", r.Out);
        Assert.DoesNotContain("ds1.demo-device.", r.Out); // never prints a token
    }

    [Fact]
    public async Task Demo_adds_an_mqtt_leg_with_mosquitto()
    {
        ExternalPrograms.Require("mosquitto", "mosquitto");
        var r = await CliRunner.InProcess("demo", "--hours", "2");
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.Contains("CONNACK 0, publish delivered by mosquitto to a subscriber", r.Out);
        Assert.Contains("CONNACK 5", r.Out);
    }

    [Fact]
    public async Task Demo_runs_as_a_process_in_well_under_a_minute()
    {
        using var dir = new TempDir();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = await CliRunner.AsProcess(dir.Path, "demo", "--no-mqtt");
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.Contains("Demo passed", r.Out);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"demo took {watch.Elapsed}");
    }
}
