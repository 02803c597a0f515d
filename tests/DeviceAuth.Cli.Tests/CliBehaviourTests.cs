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
        Assert.Contains("Usage:\n  deviceauth [command] [options]", help.Out.Replace("\r", string.Empty));
        Assert.DoesNotContain("DeviceAuth.Cli", help.Out);
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

    /// <summary>Help names the tool as users type it, in every command's usage line (not the assembly or the test host).</summary>
    [Theory]
    [InlineData("--help")]
    [InlineData("token", "--help")]
    [InlineData("authorizer", "create-json", "--help")]
    public async Task Help_usage_names_deviceauth(params string[] args)
    {
        var r = await CliRunner.InProcess(args);
        Assert.Equal(0, r.ExitCode);
        string usage = r.Out.Replace("\r", string.Empty).Split("Usage:\n")[1].Split('\n')[0].Trim();
        Assert.StartsWith("deviceauth ", usage);
        Assert.Contains(string.Join(' ', args.Where(a => a != "--help")), usage);
        Assert.DoesNotContain("DeviceAuth.Cli", r.Out);
        Assert.DoesNotContain("testhost", r.Out);
    }

    /// <summary>A value the library refuses is reported under the option the user typed, never as the library's parameter.</summary>
    [Theory]
    [InlineData("--lifetime", "token", "--lifetime", "10")]
    [InlineData("--device-id", "token", "--device-id", "bad id")]
    [InlineData("--client-id", "token", "--client-id", "")]
    [InlineData("--authorizer-name", "token", "--authorizer-name", "bad/name")]
    [InlineData("--token-key-name", "token", "--token-key-name", "bad key")]
    [InlineData("--issuer", "token", "--kind", "jwt", "--issuer", "")]
    [InlineData("--authorizer-name", "token", "--format", "json", "--authorizer-name", "bad/name")]
    [InlineData("--authorizer-name", "test-invoke", "--authorizer-name", "bad/name")]
    [InlineData("--lifetime", "test-invoke", "--lifetime", "0")]
    [InlineData("--authorizer-name", "verify", "--signing-disabled", "--mqtt-username", "u", "--authorizer-name", "bad/name")]
    [InlineData("--token-key-name", "serve", "--signing-disabled", "--duration", "1", "--token-key-name", "bad key")]
    public async Task Errors_name_the_users_option_not_the_librarys_parameter(string option, params string[] args)
    {
        using var dir = new TempDir();
        TestKeys.WriteKeyFiles(dir, out string priv, out _);
        bool mints = args[0] is "token" or "test-invoke";
        var r = await CliRunner.InProcess(mints ? args.Concat(new[] { "--private-key", priv }).ToArray() : args);
        Assert.Equal(ExitCodes.InvalidInput, r.ExitCode);
        Assert.StartsWith($"error: {option}: ", r.Err);
        Assert.DoesNotContain("(Parameter", r.Err);
        Assert.Equal(string.Empty, r.Out); // nothing half-printed before the error
    }

    [Fact]
    public void Json_output_prints_quotes_plainly_and_escapes_control_and_invisible_characters()
    {
        var node = new System.Text.Json.Nodes.JsonObject { ["a"] = "say \"hi\" é \u001b[31m \n \u200b \u202e end" };
        string json = CliJson.Compact(node);
        Assert.Equal("{\"a\":\"say \\\"hi\\\" é \\u001B[31m \\n \\u200b \\u202e end\"}", json);
        Assert.Equal(node["a"]!.GetValue<string>(), System.Text.Json.Nodes.JsonNode.Parse(json)!["a"]!.GetValue<string>());
        Assert.Equal("{\"p\":[\"{\\\"Version\\\":1}\"]}", CliJson.Reprint("{\"p\":[\"{\\u0022Version\\u0022:1}\"]}"));
        Assert.Equal("not json", CliJson.Reprint("not json"));
    }
}
