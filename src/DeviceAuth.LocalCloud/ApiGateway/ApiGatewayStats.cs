using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>Counters of the local HTTP API data plane (thread-safe).</summary>
internal sealed class ApiGatewayStats
{
    private long _requests;
    private long _allowed;
    private long _unauthorized;
    private long _forbidden;
    private long _errors;
    private long _notFound;
    private long _invocations;
    private long _cacheHits;

    public long Requests => Interlocked.Read(ref _requests);

    public long Allowed => Interlocked.Read(ref _allowed);

    /// <summary>401 answers.</summary>
    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    /// <summary>403 answers.</summary>
    public long Forbidden => Interlocked.Read(ref _forbidden);

    /// <summary>500 answers.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    public long NotFound => Interlocked.Read(ref _notFound);

    /// <summary>REQUEST authorizer function invocations.</summary>
    public long FunctionInvocations => Interlocked.Read(ref _invocations);

    /// <summary>REQUEST authorizer results served from the cache.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    public void Count(int status)
    {
        Interlocked.Increment(ref _requests);
        switch (status)
        {
            case 200: Interlocked.Increment(ref _allowed); break;
            case 401: Interlocked.Increment(ref _unauthorized); break;
            case 403: Interlocked.Increment(ref _forbidden); break;
            case 404: Interlocked.Increment(ref _notFound); break;
            default: Interlocked.Increment(ref _errors); break;
        }
    }

    public void CountFunction(bool invoked, bool cacheHit)
    {
        if (invoked)
        {
            Interlocked.Increment(ref _invocations);
        }

        if (cacheHit)
        {
            Interlocked.Increment(ref _cacheHits);
        }
    }

    public JsonObject ToJson() => new()
    {
        ["requests"] = Requests,
        ["allowed"] = Allowed,
        ["unauthorized401"] = Unauthorized,
        ["forbidden403"] = Forbidden,
        ["errors500"] = Errors,
        ["notFound404"] = NotFound,
        ["functionInvocations"] = FunctionInvocations,
        ["cacheHits"] = CacheHits,
    };
}
