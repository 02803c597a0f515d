namespace DeviceAuth.Cli.Tests;

/// <summary>Help, exit codes and error handling of the command tree, in-process and as a process.</summary>
public class CliBehaviourTests
{
    [Fact]
    public async Task Help_lists_every_command()
    {
        var r = await CliRunner.InProcess("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string c in new[] { "keygen", "authorizer", "token", "test-invoke", "verify", "serve", "demo" })
        {
            Assert.Contains(c, r.Out);
        }
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("keygen", "--bits")]
    [InlineData("authorizer", "create-json")]
    [InlineData("verify", "--port", "abc")]
    public async Task Usage_errors_exit_2_with_a_hint_and_no_stack_trace(params string[] args)
    {
        var r = await CliRunner.InProcess(args);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("--help' for usage", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public async Task Missing_input_file_is_invalid_input_without_stack_trace()
    {
        var r = await CliRunner.InProcess("verify", "--public-key", "k=/nonexistent/key.pem", "--mqtt-username", "u");
        Assert.Equal(ExitCodes.InvalidInput, r.ExitCode);
        Assert.Contains("not found: /nonexistent/key.pem", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public async Task As_a_process_keygen_help_and_errors_behave_the_same()
    {
        using var dir = new TempDir();
        var help = await CliRunner.AsProcess(dir.Path, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("deviceauth", help.Out);
        var keygen = await CliRunner.AsProcess(dir.Path, "keygen");
        Assert.Equal(0, keygen.ExitCode);
        Assert.True(File.Exists(dir.File("device.key.pem")));
        Assert.True(File.Exists(dir.File("device.pub.pem")));
        var again = await CliRunner.AsProcess(dir.Path, "keygen");
        Assert.Equal(ExitCodes.Environment, again.ExitCode);
        Assert.StartsWith("error: ", again.Err);
        var usage = await CliRunner.AsProcess(dir.Path, "nope");
        Assert.Equal(ExitCodes.Usage, usage.ExitCode);
    }
}
