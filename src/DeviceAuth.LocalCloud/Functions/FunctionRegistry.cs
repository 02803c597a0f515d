namespace DeviceAuth.LocalCloud.Functions;

/// <summary>
/// Which code runs for a function ARN: an explicit mapping (authorizerFunctionArn to a function), else
/// <see cref="Default"/>, else nothing (the caller falls back to its built-in behaviour). Disposing it
/// disposes the functions it holds (stops their node processes). Thread-safe.
/// </summary>
internal sealed class FunctionRegistry : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ILambdaFunction> _byArn = new(StringComparer.Ordinal);
    private ILambdaFunction _default;

    /// <summary>The function for every ARN without its own mapping; null (default): none.</summary>
    public ILambdaFunction Default
    {
        get
        {
            lock (_lock)
            {
                return _default;
            }
        }

        set
        {
            lock (_lock)
            {
                _default = value;
            }
        }
    }

    /// <summary>Runs <paramref name="function"/> for <paramref name="functionArn"/>.</summary>
    public void Map(string functionArn, ILambdaFunction function)
    {
        ArgumentNullException.ThrowIfNull(functionArn);
        ArgumentNullException.ThrowIfNull(function);
        lock (_lock)
        {
            _byArn[functionArn] = function;
        }
    }

    /// <summary>The function for <paramref name="functionArn"/>, or null when nothing is mapped and there is no default.</summary>
    public ILambdaFunction Resolve(string functionArn)
    {
        lock (_lock)
        {
            return functionArn != null && _byArn.TryGetValue(functionArn, out var f) ? f : _default;
        }
    }

    public void Dispose()
    {
        ILambdaFunction[] all;
        lock (_lock)
        {
            all = _byArn.Values.Append(_default).Where(f => f != null).Distinct().ToArray();
        }

        foreach (var f in all.OfType<IDisposable>())
        {
            f.Dispose();
        }
    }
}
