namespace DeviceAuth.LocalCloud.Iot.ControlPlane;

/// <summary>One stored authorizer: its definition (replaced, never mutated, on update), the key values as given, and its dates.</summary>
internal sealed class AuthorizerRecord
{
    /// <summary>The definition the data plane judges with. A new object after every update.</summary>
    public AuthorizerDefinition Definition { get; init; }

    /// <summary>tokenSigningPublicKeys exactly as given (DescribeAuthorizer returns them verbatim).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GivenKeys { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>When CreateAuthorizer (or seeding) stored it.</summary>
    public DateTimeOffset CreationDate { get; init; }

    /// <summary>When it was last changed (equal to <see cref="CreationDate"/> until an update).</summary>
    public DateTimeOffset LastModifiedDate { get; init; }

    /// <summary>Creation order (ListAuthorizers sorts by it).</summary>
    public long Sequence { get; init; }

    public string Name => Definition.AuthorizerName;
}

/// <summary>
/// The authorizers of the local account and its default authorizer: one store shared by the control
/// plane (CreateAuthorizer, UpdateAuthorizer, ...) and the data plane (HTTPS publish, MQTT, TestInvoke),
/// so an authorizer created through the API judges the next connection. Thread-safe; readers get
/// immutable snapshots.
/// </summary>
internal sealed class AuthorizerStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, AuthorizerRecord> _records = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private string _defaultName;
    private long _sequence;

    public AuthorizerStore(TimeProvider time)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The account's default authorizer (SetDefaultAuthorizer), or null.</summary>
    public string DefaultAuthorizerName
    {
        get
        {
            lock (_lock)
            {
                return _defaultName;
            }
        }
    }

    /// <summary>The stored records in creation order.</summary>
    public IReadOnlyList<AuthorizerRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return _records.Values.OrderBy(r => r.Sequence).ToArray();
            }
        }
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public AuthorizerRecord Find(string name)
    {
        lock (_lock)
        {
            return name != null && _records.TryGetValue(name, out var r) ? r : null;
        }
    }

    /// <summary>Adds an authorizer; false when the name is taken.</summary>
    public bool TryAdd(AuthorizerDefinition definition, IReadOnlyList<KeyValuePair<string, string>> givenKeys, int maxAuthorizers, out bool limitExceeded)
    {
        lock (_lock)
        {
            limitExceeded = false;
            if (_records.ContainsKey(definition.AuthorizerName))
            {
                return false;
            }

            if (_records.Count >= maxAuthorizers)
            {
                limitExceeded = true;
                return false;
            }

            DateTimeOffset now = _time.GetUtcNow();
            _records[definition.AuthorizerName] = new AuthorizerRecord
            {
                Definition = definition,
                GivenKeys = givenKeys ?? definition.TokenSigningPublicKeys.ToArray(),
                CreationDate = now,
                LastModifiedDate = now,
                Sequence = ++_sequence,
            };
            return true;
        }
    }

    /// <summary>Replaces an authorizer's definition (same name), keeping its creation date; false when it does not exist.</summary>
    public bool TryReplace(AuthorizerDefinition definition, IReadOnlyList<KeyValuePair<string, string>> givenKeys)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue(definition.AuthorizerName, out var old))
            {
                return false;
            }

            _records[definition.AuthorizerName] = new AuthorizerRecord
            {
                Definition = definition,
                GivenKeys = givenKeys,
                CreationDate = old.CreationDate,
                LastModifiedDate = _time.GetUtcNow(),
                Sequence = old.Sequence,
            };
            return true;
        }
    }

    /// <summary>Removes an authorizer unless it is the default or ACTIVE.</summary>
    public DeleteOutcome Delete(string name)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue(name, out var record))
            {
                return DeleteOutcome.NotFound;
            }

            if (name == _defaultName)
            {
                return DeleteOutcome.IsDefault;
            }

            if (record.Definition.IsActive)
            {
                return DeleteOutcome.IsActive;
            }

            _records.Remove(name);
            return DeleteOutcome.Deleted;
        }
    }

    /// <summary>Makes <paramref name="name"/> the default; false when it does not exist.</summary>
    public bool TrySetDefault(string name, out bool alreadyDefault)
    {
        lock (_lock)
        {
            alreadyDefault = name == _defaultName;
            if (!_records.ContainsKey(name) || alreadyDefault)
            {
                return false;
            }

            _defaultName = name;
            return true;
        }
    }

    /// <summary>Clears the default; false when there was none.</summary>
    public bool TryClearDefault()
    {
        lock (_lock)
        {
            if (_defaultName == null)
            {
                return false;
            }

            _defaultName = null;
            return true;
        }
    }
}

/// <summary>What <see cref="AuthorizerStore.Delete"/> did.</summary>
internal enum DeleteOutcome
{
    Deleted,
    NotFound,
    IsDefault,
    IsActive,
}
