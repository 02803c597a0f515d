using System.Collections.Concurrent;
using DeviceAuth.LocalCloud.Functions;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// The Lambda functions REQUEST authorizers can invoke locally, found by the function ARN inside
/// AuthorizerUri: registered under a full ARN (matched exactly) or a bare function name (matched by
/// the ARN's function name, any region, account or qualifier).
/// </summary>
internal sealed class LambdaFunctionRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, ILambdaFunction> _functions = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="function"/> under a function ARN or a function name.</summary>
    public void Register(string arnOrName, ILambdaFunction function)
    {
        ArgumentException.ThrowIfNullOrEmpty(arnOrName);
        _functions[arnOrName] = function ?? throw new ArgumentNullException(nameof(function));
    }

    /// <summary>The function for <paramref name="functionArn"/>, or null (the service would answer 500: it cannot invoke it).</summary>
    public ILambdaFunction Find(string functionArn)
    {
        if (_functions.TryGetValue(functionArn, out ILambdaFunction exact))
        {
            return exact;
        }

        string[] parts = functionArn.Split(':');
        return parts.Length >= 7 && _functions.TryGetValue(parts[6], out ILambdaFunction byName) ? byName : null;
    }

    public IReadOnlyCollection<string> Names => _functions.Keys.ToArray();

    /// <summary>Disposes the registered functions that hold resources (a Node.js process).</summary>
    public void Dispose()
    {
        foreach (IDisposable d in _functions.Values.OfType<IDisposable>().Distinct())
        {
            d.Dispose();
        }
    }
}
