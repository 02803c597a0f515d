using System.Text.RegularExpressions;

namespace DeviceAuth.LocalCloud.Iot.ControlPlane;

/// <summary>
/// The service's model validation: every constraint violation of a request, reported together as
/// "N validation error(s) detected: Value at 'member' failed to satisfy constraint: ...; ..." in one
/// InvalidRequestException. Values are never quoted (they may be keys).
/// </summary>
internal sealed class ValidationErrors
{
    private readonly List<string> _errors = new();

    public bool Any => _errors.Count > 0;

    public void Add(string member, string constraint) => _errors.Add($"Value at '{member}' failed to satisfy constraint: Member {constraint}");

    /// <summary>Checks a string member: required, then pattern, then minimum and maximum length (the service's order).</summary>
    public void String(string member, string value, bool required, string pattern, int minLength, int maxLength)
    {
        if (value == null)
        {
            if (required)
            {
                Add(member, "must not be null");
            }

            return;
        }

        if (pattern != null && !Regex.IsMatch(value, "^(?:" + pattern.Replace(@"\w", "A-Za-z0-9_") + ")$"))
        {
            Add(member, "must satisfy regular expression pattern: " + pattern);
        }

        if (value.Length < minLength)
        {
            Add(member, $"must have length greater than or equal to {minLength}");
        }

        if (value.Length > maxLength)
        {
            Add(member, $"must have length less than or equal to {maxLength}");
        }
    }

    /// <summary>The InvalidRequestException for the collected violations, or null when there are none.</summary>
    public ApiResult ToResult() => _errors.Count == 0
        ? null
        : ApiResult.InvalidRequest($"{_errors.Count} validation error{(_errors.Count == 1 ? string.Empty : "s")} detected: {string.Join("; ", _errors)}");
}
