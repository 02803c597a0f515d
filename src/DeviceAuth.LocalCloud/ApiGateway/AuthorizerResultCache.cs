using System.Collections.Concurrent;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// The REQUEST authorizers' result cache: keyed by API, stage, authorizer and the identity-source
/// values ("When caching is enabled for an authorizer, API Gateway uses the authorizer's identity
/// sources as the cache key"), each entry valid for AuthorizerResultTtlInSeconds. Emptied per stage
/// by ResetAuthorizersCache.
/// </summary>
internal sealed class AuthorizerResultCache
{
    private readonly ConcurrentDictionary<Key, Entry> _entries = new();

    /// <summary>Number of entries (expired ones included until they are next looked up).</summary>
    public int Count => _entries.Count;

    /// <summary>The cached result for the key, or null when absent or expired at <paramref name="now"/>.</summary>
    public LambdaAuthorizerResult Get(string apiId, string stage, string authorizerId, IReadOnlyList<string> identityValues, DateTimeOffset now)
    {
        var key = new Key(apiId, stage, authorizerId, Join(identityValues));
        if (_entries.TryGetValue(key, out Entry e))
        {
            if (now < e.ExpiresAt)
            {
                return e.Result;
            }

            _entries.TryRemove(key, out _);
        }

        return null;
    }

    /// <summary>Stores <paramref name="result"/> for <paramref name="ttlSeconds"/> seconds from <paramref name="now"/>.</summary>
    public void Put(string apiId, string stage, string authorizerId, IReadOnlyList<string> identityValues, LambdaAuthorizerResult result, int ttlSeconds, DateTimeOffset now) =>
        _entries[new Key(apiId, stage, authorizerId, Join(identityValues))] = new Entry(result, now.AddSeconds(ttlSeconds));

    /// <summary>Empties the entries of a stage (ResetAuthorizersCache), or of every stage when <paramref name="stage"/> is null.</summary>
    public void Reset(string apiId, string stage) => Remove(k => k.ApiId == apiId && (stage == null || k.Stage == stage));

    /// <summary>Drops an authorizer's entries (it was updated or deleted).</summary>
    public void Forget(string apiId, string authorizerId) => Remove(k => k.ApiId == apiId && k.AuthorizerId == authorizerId);

    private void Remove(Func<Key, bool> match)
    {
        foreach (Key k in _entries.Keys.Where(match).ToArray())
        {
            _entries.TryRemove(k, out _);
        }
    }

    // Length-prefixed so that ("a,b") and ("a", "b") are different keys.
    private static string Join(IReadOnlyList<string> values) => string.Concat(values.Select(v => v.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + v));

    private sealed record Key(string ApiId, string Stage, string AuthorizerId, string Values);

    private sealed record Entry(LambdaAuthorizerResult Result, DateTimeOffset ExpiresAt);
}
