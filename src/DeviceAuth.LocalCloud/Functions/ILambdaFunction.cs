using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.Functions;

/// <summary>
/// A Lambda function the local cloud invokes as the service would: one JSON event in, the handler's
/// JSON result out. Implementation: <see cref="NodeLambdaFunction"/>, the repository's deployable
/// Lambda code (lambdas/) run by Node.js, so what is tested locally is what is deployed. (The
/// built-in rule-based <c>AuthorizerFunction</c> stays a typed call inside the engine: its
/// simulation fields and refusal details have no place in a Lambda's JSON answer.)
/// </summary>
public interface ILambdaFunction
{
    /// <summary>A name for logs and errors (a file name or "built-in"); never a secret.</summary>
    string Name { get; }

    /// <summary>Invokes the function with <paramref name="event"/> and returns its result.</summary>
    /// <param name="event">The event, exactly as the service would send it.</param>
    /// <param name="cancellationToken">Cancels the invocation.</param>
    /// <returns>The handler's result (a JSON value).</returns>
    /// <exception cref="LambdaInvocationException">The function threw, timed out or returned something that is not JSON.</exception>
    Task<JsonNode> InvokeAsync(JsonNode @event, CancellationToken cancellationToken);
}

/// <summary>Why an invocation failed; the service turns each into a refusal.</summary>
public enum LambdaFailure
{
    /// <summary>The handler threw or rejected.</summary>
    Error,

    /// <summary>The handler did not answer within the function's timeout (5 s for custom authorizers).</summary>
    Timeout,

    /// <summary>The handler returned a value that is not JSON.</summary>
    InvalidResult,
}

/// <summary>A failed invocation: the handler threw, timed out or returned something that is not JSON.</summary>
public sealed class LambdaInvocationException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="failure">What went wrong.</param>
    /// <param name="message">A message naming the function and the failure, never event or token contents.</param>
    public LambdaInvocationException(LambdaFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>What went wrong.</summary>
    public LambdaFailure Failure { get; }
}
