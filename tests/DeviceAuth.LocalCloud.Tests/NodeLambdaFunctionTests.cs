using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.Functions;

namespace DeviceAuth.LocalCloud.Tests;

/// <summary>NodeLambdaFunction runs handler modules as the Node.js Lambda runtime does; each failure kind is provoked by a small module.</summary>
public class NodeLambdaFunctionTests
{
    private static NodeLambdaFunction Function(TempDir dir, string source, int timeoutMs = 5000, string export = "handler")
    {
        LambdaCode.RequireNode();
        string path = dir.File("fn.mjs");
        File.WriteAllText(path, source);
        return new NodeLambdaFunction(path, export, TimeSpan.FromMilliseconds(timeoutMs));
    }

    [Fact]
    public async Task The_handler_gets_the_event_and_a_context_and_its_result_comes_back()
    {
        using var dir = new TempDir();
        using var fn = Function(dir, "export const handler = async (event, context) => ({ echo: event, arn: context.invokedFunctionArn, name: context.functionName, left: context.getRemainingTimeInMillis() > 0 });");
        fn.FunctionArn = "arn:aws:lambda:eu-west-1:210987654321:function:my-authorizer:live";
        JsonNode result = await fn.InvokeAsync(new JsonObject { ["a"] = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(1, result!["echo"]!["a"]!.GetValue<int>());
        Assert.Equal("arn:aws:lambda:eu-west-1:210987654321:function:my-authorizer:live", result["arn"]!.GetValue<string>());
        Assert.Equal("my-authorizer", result["name"]!.GetValue<string>());
        Assert.True(result["left"]!.GetValue<bool>());
        JsonNode second = await fn.InvokeAsync(new JsonObject { ["a"] = 2 }, TestContext.Current.CancellationToken);
        Assert.Equal(2, second!["echo"]!["a"]!.GetValue<int>());
        Assert.Equal(1, fn.ColdStarts);
    }

    [Fact]
    public async Task Callback_style_handlers_and_console_output_do_not_mix_with_the_answer()
    {
        using var dir = new TempDir();
        var log = new List<string>();
        using var fn = Function(dir, "export function handler(event, context, callback) { console.log('hello from the handler'); process.stdout.write('stray stdout\\n'); callback(null, { ok: true }); }");
        fn.Log = line => { lock (log) { log.Add(line); } };
        JsonNode result = await fn.InvokeAsync(new JsonObject(), TestContext.Current.CancellationToken);
        Assert.True(result!["ok"]!.GetValue<bool>());
        await WaitUntil(() => { lock (log) { return log.Contains("hello from the handler") && log.Contains("stray stdout"); } });
    }

    [Fact]
    public async Task A_throwing_handler_is_an_Error_naming_the_error_type_only()
    {
        using var dir = new TempDir();
        using var fn = Function(dir, "export const handler = async (event) => { throw new RangeError('secret-token-value'); };");
        var e = await Assert.ThrowsAsync<LambdaInvocationException>(() => fn.InvokeAsync(new JsonObject(), TestContext.Current.CancellationToken));
        Assert.Equal(LambdaFailure.Error, e.Failure);
        Assert.Contains("RangeError", e.Message);
        Assert.DoesNotContain("secret-token-value", e.Message);
    }

    [Fact]
    public async Task A_handler_slower_than_the_timeout_fails_and_the_next_invocation_is_a_cold_start()
    {
        using var dir = new TempDir();
        using var fn = Function(dir, "export const handler = async (event) => { if (event.hang) { await new Promise(() => setInterval(() => {}, 1000)); } return { fine: true }; };", timeoutMs: 500);
        var e = await Assert.ThrowsAsync<LambdaInvocationException>(() => fn.InvokeAsync(new JsonObject { ["hang"] = true }, TestContext.Current.CancellationToken));
        Assert.Equal(LambdaFailure.Timeout, e.Failure);
        JsonNode result = await fn.InvokeAsync(new JsonObject(), TestContext.Current.CancellationToken);
        Assert.True(result!["fine"]!.GetValue<bool>());
        Assert.Equal(2, fn.ColdStarts);
    }

    [Fact]
    public async Task A_result_that_is_not_JSON_is_InvalidResult()
    {
        using var dir = new TempDir();
        using var fn = Function(dir, "export const handler = async () => ({ n: 10n });");
        var e = await Assert.ThrowsAsync<LambdaInvocationException>(() => fn.InvokeAsync(new JsonObject(), TestContext.Current.CancellationToken));
        Assert.Equal(LambdaFailure.InvalidResult, e.Failure);
    }

    [Fact]
    public async Task A_module_without_the_export_fails_to_load()
    {
        using var dir = new TempDir();
        using var fn = Function(dir, "export const other = async () => 1;");
        var e = await Assert.ThrowsAsync<LambdaInvocationException>(() => fn.InvokeAsync(new JsonObject(), TestContext.Current.CancellationToken));
        Assert.Equal(LambdaFailure.Error, e.Failure);
        Assert.Contains("could not be loaded", e.Message);
    }

    [Fact]
    public async Task The_process_sees_only_its_own_environment_and_the_given_clock()
    {
        using var dir = new TempDir();
        using var fn = Function(dir, "export const handler = async () => ({ home: process.env.HOME ?? null, mine: process.env.MY_SETTING, region: process.env.AWS_REGION, now: Date.now(), date: new Date().toISOString() });");
        fn.Environment["MY_SETTING"] = "42";
        var clock = new VirtualTime(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));
        fn.Clock = clock;
        JsonNode result = await fn.InvokeAsync(new JsonObject(), TestContext.Current.CancellationToken);
        Assert.Null(result!["home"]);
        Assert.Equal("42", result["mine"]!.GetValue<string>());
        Assert.Equal("us-east-1", result["region"]!.GetValue<string>());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), result["now"]!.GetValue<long>());
        Assert.Equal("2030-06-01T12:00:00.000Z", result["date"]!.GetValue<string>());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Log lines travel on another pipe than the answer; poll briefly for them (not a timing assertion).
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
