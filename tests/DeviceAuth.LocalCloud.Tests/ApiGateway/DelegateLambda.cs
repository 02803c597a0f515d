using System.Text.Json.Nodes;
using DeviceAuth.LocalCloud.Functions;

namespace DeviceAuth.LocalCloud.Tests.ApiGateway;

/// <summary>A test Lambda: a C# delegate behind <see cref="ILambdaFunction"/>, counting invocations and keeping the last event.</summary>
internal sealed class DelegateLambda : ILambdaFunction
{
    private readonly Func<JsonObject, JsonNode> _handler;
    private int _invocations;

    public DelegateLambda(Func<JsonObject, JsonNode> handler) => _handler = handler;

    public string Name => "test-delegate";

    public int Invocations => Volatile.Read(ref _invocations);

    public JsonObject LastEvent { get; private set; }

    public Task<JsonNode> InvokeAsync(JsonNode @event, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _invocations);
        LastEvent = (JsonObject)@event.DeepClone();
        return Task.FromResult(_handler(LastEvent));
    }

    public static JsonObject Simple(bool allowed) => new() { ["isAuthorized"] = allowed, ["context"] = new JsonObject { ["device"] = "thing-42" } };

    public static JsonObject Policy(string effect, string resource) => new()
    {
        ["principalId"] = "thing-42",
        ["policyDocument"] = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject { ["Action"] = "execute-api:Invoke", ["Effect"] = effect, ["Resource"] = resource }),
        },
        ["context"] = new JsonObject { ["device"] = "thing-42" },
    };
}
