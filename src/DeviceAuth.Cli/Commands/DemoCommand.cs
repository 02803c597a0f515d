using System.CommandLine;
using DeviceAuth.Cli.Demo;

namespace DeviceAuth.Cli.Commands;

/// <summary><c>deviceauth demo</c>: the README's main job.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext ctx)
    {
        var hours = new Option<int>("--hours") { Description = "Simulated hours of publishing (1-24).", DefaultValueFactory = _ => 6 };
        var noMqtt = new Option<bool>("--no-mqtt") { Description = "Skip the MQTT leg even when mosquitto is installed." };
        var command = new Command("demo", "Run a device's life against a local custom-authorizer endpoint on loopback in compressed time (built-in throwaway key): mint and sign, publish over keep-alive HTTPS with the library's session, authorizer invocations vs requests, token renewal, proactive reconnect, a refused bad signature, and an MQTT leg through mosquitto when it is installed. Exit 0 when every check passes.")
        {
            hours, noMqtt,
        };
        command.SetAction(async (parse, ct) =>
        {
            int h = parse.GetValue(hours);
            if (h is < 1 or > 24)
            {
                throw CliException.Invalid("--hours must be 1-24");
            }

            DemoResult result = await DemoRunner.RunAsync(new DemoOptions
            {
                Hours = h,
                Mqtt = !parse.GetValue(noMqtt),
                DisconnectAfterInSeconds = Math.Clamp(h * 2400, 900, 86400),
                TokenLifetimeSeconds = Math.Clamp(h * 1200, 600, 7200),
            }, ctx.Out, ct);
            return result.AllPassed ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }
}
