using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.Functions;

/// <summary>
/// A Node.js Lambda handler module (the repository's <c>lambdas/*.mjs</c> or any ESM handler) run
/// by a persistent <c>node</c> process, as the Lambda runtime runs it: the module is imported once,
/// invocations run one at a time, each gets the event and a context (<c>invokedFunctionArn</c>,
/// <c>functionName</c>, <c>awsRequestId</c>, <c>getRemainingTimeInMillis()</c>). An invocation
/// that outlives <see cref="Timeout"/> fails with <see cref="LambdaFailure.Timeout"/> and the
/// process is killed (the next invocation starts a fresh one, a cold start). The process sees only
/// <see cref="Environment"/> plus AWS_REGION and AWS_LAMBDA_FUNCTION_NAME, never the caller's
/// environment. Thread-safe.
/// </summary>
public sealed class NodeLambdaFunction : ILambdaFunction, IDisposable
{
    private const string Mark = "\u0001deviceauth-lambda ";
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private HostProcess _process;
    private string _functionArn = "arn:aws:lambda:us-east-1:123456789012:function:local";
    private bool _disposed;

    /// <summary>Creates the function; nothing runs until the first invocation.</summary>
    /// <param name="modulePath">Path of the handler module (an ES module, e.g. lambdas/iot-custom-authorizer.mjs).</param>
    /// <param name="handlerExport">The exported handler's name (the part after the '.' of Lambda's handler setting, e.g. "handler").</param>
    /// <param name="timeout">The function's timeout (the service gives custom authorizers 5 s); 1 ms to 15 min.</param>
    /// <exception cref="LocalCloudException">The module does not exist or the export name is not an identifier.</exception>
    public NodeLambdaFunction(string modulePath, string handlerExport, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(modulePath);
        ArgumentNullException.ThrowIfNull(handlerExport);
        if (!File.Exists(modulePath))
        {
            throw LocalCloudException.Invalid($"function code '{modulePath}' does not exist");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(handlerExport, "^[A-Za-z_$][A-Za-z0-9_$]*$"))
        {
            throw LocalCloudException.Invalid($"handler export '{handlerExport}' is not a JavaScript identifier");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, TimeSpan.FromMinutes(15));
        ModulePath = Path.GetFullPath(modulePath);
        HandlerExport = handlerExport;
        Timeout = timeout;
    }

    /// <summary>The full path of the handler module.</summary>
    public string ModulePath { get; }

    /// <summary>The exported handler's name.</summary>
    public string HandlerExport { get; }

    /// <summary>How long one invocation may run before it fails with <see cref="LambdaFailure.Timeout"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public string Name => Path.GetFileName(ModulePath) + "#" + HandlerExport;

    /// <summary>The function's environment variables (its configuration); empty by default. Changes apply from the next cold start.</summary>
    public IDictionary<string, string> Environment => _environment;

    /// <summary>context.invokedFunctionArn (and the region of AWS_REGION); default arn:aws:lambda:us-east-1:123456789012:function:local.</summary>
    /// <exception cref="ArgumentException">Not a Lambda function ARN.</exception>
    public string FunctionArn
    {
        get => _functionArn;
        set
        {
            if (value == null || !Iot.ServiceLimits.LambdaFunctionArnPattern().IsMatch(value))
            {
                throw new ArgumentException("FunctionArn must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>).", nameof(value));
            }

            _functionArn = value;
        }
    }

    /// <summary>
    /// When set, the handler's Date.now() and new Date() read this clock during each invocation (the
    /// local cloud's virtual time); null (default): the real time.
    /// </summary>
    public TimeProvider Clock { get; set; }

    /// <summary>Receives the handler's log lines (its console output, as CloudWatch Logs would); null: dropped.</summary>
    public Action<string> Log { get; set; }

    /// <summary>How many node processes were started (cold starts), for tests and stats.</summary>
    public int ColdStarts { get; private set; }

    /// <inheritdoc />
    public Task<JsonNode> InvokeAsync(JsonNode @event, CancellationToken cancellationToken) => InvokeAsync(@event, FunctionArn, cancellationToken);

    /// <summary>Invokes the handler as the function <paramref name="invokedFunctionArn"/> (context.invokedFunctionArn), as a service does for the ARN it was configured with.</summary>
    /// <param name="event">The event, exactly as the service would send it.</param>
    /// <param name="invokedFunctionArn">A Lambda function ARN.</param>
    /// <param name="cancellationToken">Cancels the invocation (the process is stopped).</param>
    /// <returns>The handler's result (a JSON value).</returns>
    /// <exception cref="LambdaInvocationException">The handler threw, timed out or returned something that is not JSON.</exception>
    public async Task<JsonNode> InvokeAsync(JsonNode @event, string invokedFunctionArn, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (invokedFunctionArn == null || !Iot.ServiceLimits.LambdaFunctionArnPattern().IsMatch(invokedFunctionArn))
        {
            invokedFunctionArn = FunctionArn;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            HostProcess host = _process is { Exited: false } ? _process : await StartAsync().ConfigureAwait(false);
            string id = Guid.NewGuid().ToString();
            var request = new JsonObject
            {
                ["id"] = id,
                ["event"] = @event?.DeepClone(),
                ["context"] = new JsonObject
                {
                    ["invokedFunctionArn"] = invokedFunctionArn,
                    ["functionName"] = invokedFunctionArn.Split(':')[6],
                    ["awsRequestId"] = id,
                    ["timeoutMs"] = (long)Timeout.TotalMilliseconds,
                },
                ["nowMs"] = Clock == null ? null : Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            JsonObject answer;
            try
            {
                answer = await host.ExchangeAsync(request.ToJsonString(), id, Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill();
                throw;
            }

            if (answer == null)
            {
                Kill();
                throw new LambdaInvocationException(LambdaFailure.Timeout, $"function {Name} did not answer within {Timeout.TotalMilliseconds:F0} ms (the process was stopped)");
            }

            if (answer["ok"]?.GetValue<bool>() == true)
            {
                return answer["result"];
            }

            if (answer["invalidResult"] != null)
            {
                throw new LambdaInvocationException(LambdaFailure.InvalidResult, $"function {Name} returned a value that is not JSON");
            }

            throw new LambdaInvocationException(LambdaFailure.Error, $"function {Name} failed: {answer["errorType"]?.GetValue<string>() ?? "error"}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the node process.</summary>
    public void Dispose()
    {
        _disposed = true;
        Kill();
    }

    private void Kill()
    {
        _process?.Dispose();
        _process = null;
    }

    private async Task<HostProcess> StartAsync()
    {
        Kill();
        var psi = new ProcessStartInfo(NodeRuntime.Find())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(ModulePath),
        };
        psi.ArgumentList.Add(NodeRuntime.HostScript());
        psi.ArgumentList.Add(ModulePath);
        psi.ArgumentList.Add(HandlerExport);
        psi.Environment.Clear();
        psi.Environment["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        psi.Environment["AWS_REGION"] = FunctionArn.Split(':')[3];
        psi.Environment["AWS_LAMBDA_FUNCTION_NAME"] = FunctionArn.Split(':')[6];
        foreach (var (name, value) in _environment)
        {
            psi.Environment[name] = value;
        }

        ColdStarts++;
        var host = new HostProcess(Process.Start(psi), Mark, Log);
        JsonObject init = await host.ReadInitAsync(InitTimeout).ConfigureAwait(false);
        if (init?["init"]?.GetValue<bool>() != true)
        {
            host.Dispose();
            throw new LambdaInvocationException(LambdaFailure.Error, init == null
                ? $"function {Name} did not finish loading within {InitTimeout.TotalSeconds} s"
                : $"function {Name} could not be loaded: {init["errorType"]?.GetValue<string>() ?? "error"} (see its log)");
        }

        _process = host;
        return host;
    }

    /// <summary>One node process: requests on stdin, answers (marked lines) on stdout, logs on stderr.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;
        private readonly string _mark;
        private readonly System.Threading.Channels.Channel<JsonObject> _answers = System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();

        public HostProcess(Process process, string mark, Action<string> log)
        {
            _process = process;
            _mark = mark;
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    log?.Invoke(e.Data);
                }
            };
            _process.BeginErrorReadLine();
            _ = Task.Run(() => PumpAnswersAsync(log));
        }

        public bool Exited => _process.HasExited;

        public Task<JsonObject> ReadInitAsync(TimeSpan timeout) => ReadAnswerAsync(null, timeout, CancellationToken.None);

        public async Task<JsonObject> ExchangeAsync(string requestLine, string id, TimeSpan timeout, CancellationToken ct)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync(requestLine.AsMemory(), ct).ConfigureAwait(false);
                await _process.StandardInput.FlushAsync(ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                throw new LambdaInvocationException(LambdaFailure.Error, "the function's process exited");
            }

            return await ReadAnswerAsync(id, timeout, ct).ConfigureAwait(false);
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(2000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
        }

        /// <summary>The answer to request <paramref name="id"/> (null: the init message), or null after <paramref name="timeout"/>.</summary>
        private async Task<JsonObject> ReadAnswerAsync(string id, TimeSpan timeout, CancellationToken ct)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                while (true)
                {
                    JsonObject answer = await _answers.Reader.ReadAsync(limit.Token).ConfigureAwait(false);
                    if (id == null || answer["id"]?.GetValue<string>() == id || answer["id"] == null)
                    {
                        return answer;
                    }
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return null;
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                throw new LambdaInvocationException(LambdaFailure.Error, "the function's process exited");
            }
        }

        private async Task PumpAnswersAsync(Action<string> log)
        {
            try
            {
                string line;
                while ((line = await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false)) != null)
                {
                    if (!line.StartsWith(_mark, StringComparison.Ordinal))
                    {
                        log?.Invoke(line);
                        continue;
                    }

                    JsonObject answer;
                    try
                    {
                        answer = JsonNode.Parse(line[_mark.Length..]) as JsonObject;
                    }
                    catch (JsonException)
                    {
                        answer = new JsonObject { ["invalidResult"] = true };
                    }

                    _answers.Writer.TryWrite(answer ?? new JsonObject { ["invalidResult"] = true });
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
            }

            _answers.Writer.TryComplete();
        }
    }
}
