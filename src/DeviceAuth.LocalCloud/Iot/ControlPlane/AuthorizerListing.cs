using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.Iot.ControlPlane;

/// <summary>ListAuthorizers: newest first (oldest first with isAscendingOrder), optionally one status, pages of pageSize (1-250) linked by nextMarker.</summary>
internal sealed partial class AuthorizerControlPlane
{
    /// <summary>Page size when the request gives none (a local choice; the API allows 1-250).</summary>
    public const int DefaultPageSize = 250;

    public ApiResult List(string pageSize, string marker, string isAscendingOrder, string status)
    {
        var errors = new ValidationErrors();
        int size = DefaultPageSize;
        if (pageSize != null && (!int.TryParse(pageSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size < 1 || size > 250))
        {
            errors.Add("pageSize", size < 1 ? "must have value greater than or equal to 1" : "must have value less than or equal to 250");
        }

        if (status != null && status != "ACTIVE" && status != "INACTIVE")
        {
            errors.Add("status", "must satisfy enum value set: [ACTIVE, INACTIVE]");
        }

        if (isAscendingOrder != null && isAscendingOrder != "true" && isAscendingOrder != "false")
        {
            errors.Add("isAscendingOrder", "must be true or false");
        }

        if (errors.ToResult() is ApiResult invalid)
        {
            return invalid;
        }

        long after = 0;
        if (marker != null && !TryReadMarker(marker, out after))
        {
            return ApiResult.InvalidRequest("The marker is not valid.");
        }

        bool ascending = isAscendingOrder == "true";
        var matching = _store.Records
            .Where(r => status == null || (r.Definition.IsActive ? "ACTIVE" : "INACTIVE") == status)
            .OrderBy(r => ascending ? r.Sequence : -r.Sequence)
            .Where(r => marker == null || (ascending ? r.Sequence > after : r.Sequence < after))
            .ToList();
        var page = new JsonArray();
        foreach (AuthorizerRecord r in matching.Take(size))
        {
            page.Add(new JsonObject { ["authorizerName"] = r.Name, ["authorizerArn"] = Arn(r.Name) });
        }

        var body = new JsonObject { ["authorizers"] = page };
        if (matching.Count > size)
        {
            body["nextMarker"] = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("after:" + matching[size - 1].Sequence));
        }

        return ApiResult.Ok(body);
    }

    private static bool TryReadMarker(string marker, out long after)
    {
        after = 0;
        try
        {
            string text = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(marker));
            return text.StartsWith("after:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
