using System.Globalization;
using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// The event a REQUEST authorizer function receives, built as "Working with AWS Lambda authorizers for
/// HTTP APIs" shows it: payload format 2.0 (routeArn, identitySource as a list, lower-case header
/// names, cookies apart, requestContext.http) or 1.0 (methodArn, identitySource and
/// authorizationToken as one comma-joined string, the REST API's field names).
/// </summary>
internal static class LambdaAuthorizerEvent
{
    /// <summary>The event for <paramref name="version"/> "1.0" or "2.0".</summary>
    public static JsonObject Build(string version, HttpApiRequest request, RouteMatch match, IReadOnlyList<string> identityValues, string region, string account)
    {
        string arn = RouteArn(request, match, region, account);
        return version == "1.0" ? Version1(request, match, identityValues, arn, account) : Version2(request, match, identityValues, arn, account);
    }

    /// <summary>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}{path within the stage}.</summary>
    public static string RouteArn(HttpApiRequest request, RouteMatch match, string region, string account) =>
        $"arn:aws:execute-api:{region}:{account}:{request.ApiId}/{match.Stage.StageName}/{request.Method}{match.StagePath}";

    private static JsonObject Version2(HttpApiRequest r, RouteMatch m, IReadOnlyList<string> values, string routeArn, string account)
    {
        var headers = new JsonObject();
        foreach (var group in r.Headers.Where(h => !h.Key.Equals("cookie", StringComparison.OrdinalIgnoreCase)).GroupBy(h => h.Key.ToLowerInvariant()))
        {
            headers[group.Key] = string.Join(',', group.Select(h => h.Value));
        }

        var e = new JsonObject
        {
            ["version"] = "2.0",
            ["type"] = "REQUEST",
            ["routeArn"] = routeArn,
            ["identitySource"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()),
            ["routeKey"] = m.Route.Key.Text,
            ["rawPath"] = r.RawPath,
            ["rawQueryString"] = r.RawQueryString ?? string.Empty,
        };
        string[] cookies = r.Headers.Where(h => h.Key.Equals("cookie", StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (cookies.Length > 0)
        {
            e["cookies"] = new JsonArray(cookies.Select(c => (JsonNode)c).ToArray());
        }

        e["headers"] = headers;
        AddQuery(e, r);
        e["requestContext"] = new JsonObject
        {
            ["accountId"] = account,
            ["apiId"] = r.ApiId,
            ["domainName"] = r.DomainName,
            ["domainPrefix"] = r.DomainName.Split('.')[0],
            ["http"] = new JsonObject
            {
                ["method"] = r.Method,
                ["path"] = r.RawPath,
                ["protocol"] = r.Protocol,
                ["sourceIp"] = r.SourceIp,
                ["userAgent"] = r.Header("User-Agent") ?? string.Empty,
            },
            ["requestId"] = r.RequestId,
            ["routeKey"] = m.Route.Key.Text,
            ["stage"] = m.Stage.StageName,
            ["time"] = r.Time.ToUniversalTime().ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
            ["timeEpoch"] = r.Time.ToUnixTimeMilliseconds(),
        };
        AddMaps(e, m);
        return e;
    }

    private static JsonObject Version1(HttpApiRequest r, RouteMatch m, IReadOnlyList<string> values, string methodArn, string account)
    {
        var headers = new JsonObject();
        foreach (var group in r.Headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            headers[group.First().Key] = string.Join(',', group.Select(h => h.Value));
        }

        string resource = m.Route.Key.IsDefault ? "$default" : m.Route.Key.Path;
        string joined = string.Join(',', values);
        var e = new JsonObject
        {
            ["version"] = "1.0",
            ["type"] = "REQUEST",
            ["methodArn"] = methodArn,
            ["identitySource"] = joined,
            ["authorizationToken"] = joined,
            ["resource"] = resource,
            ["path"] = r.RawPath,
            ["httpMethod"] = r.Method,
            ["headers"] = headers,
        };
        AddQuery(e, r);
        e["pathParameters"] = new JsonObject();
        AddMaps(e, m);
        e["requestContext"] = new JsonObject
        {
            ["path"] = r.RawPath,
            ["accountId"] = account,
            ["resourceId"] = m.Route.Key.Text,
            ["stage"] = m.Stage.StageName,
            ["requestId"] = r.RequestId,
            ["identity"] = new JsonObject { ["sourceIp"] = r.SourceIp, ["userAgent"] = r.Header("User-Agent") },
            ["resourcePath"] = resource,
            ["httpMethod"] = r.Method,
            ["apiId"] = r.ApiId,
        };
        return e;
    }

    private static void AddQuery(JsonObject e, HttpApiRequest r)
    {
        var query = new JsonObject();
        foreach (var group in r.QueryParameters().GroupBy(q => q.Key, StringComparer.Ordinal))
        {
            query[group.Key] = string.Join(',', group.Select(q => q.Value));
        }

        if (query.Count > 0)
        {
            e["queryStringParameters"] = query;
        }
    }

    private static void AddMaps(JsonObject e, RouteMatch m)
    {
        if (m.PathParameters.Count > 0)
        {
            e["pathParameters"] = new JsonObject(m.PathParameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode)p.Value)));
        }

        if (m.Stage.StageVariables.Count > 0)
        {
            e["stageVariables"] = new JsonObject(m.Stage.StageVariables.Select(p => KeyValuePair.Create(p.Key, (JsonNode)p.Value)));
        }
    }
}
