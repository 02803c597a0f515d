using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DeviceAuth.LocalCloud.Iot.ControlPlane;

/// <summary>
/// The REST paths of the AWS IoT authorizer API (what @aws-sdk/client-iot and the AWS CLI send with an
/// endpoint override): POST/PUT/GET/DELETE /authorizer/{authorizerName}, GET /authorizers/
/// (pageSize, marker, isAscendingOrder, status), POST/GET/DELETE /default-authorizer. Request
/// signatures are not checked (any credentials work). One log line per call, names only.
/// </summary>
internal static class IotControlPlaneEndpoints
{
    /// <summary>Adds the routes to <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, AuthorizerControlPlane api, Action<string> log)
    {
        app.MapPost("/authorizer/{name}", (HttpContext h, string name) => Run(h, log, "CreateAuthorizer " + Printable(name), body => api.Create(name, body)));
        app.MapPut("/authorizer/{name}", (HttpContext h, string name) => Run(h, log, "UpdateAuthorizer " + Printable(name), body => api.Update(name, body)));
        app.MapGet("/authorizer/{name}", (HttpContext h, string name) => Run(h, log, "DescribeAuthorizer " + Printable(name), _ => api.Describe(name)));
        app.MapDelete("/authorizer/{name}", (HttpContext h, string name) => Run(h, log, "DeleteAuthorizer " + Printable(name), _ => api.Delete(name)));
        app.MapGet("/authorizers", (HttpContext h) => Run(h, log, "ListAuthorizers", _ => api.List(
            h.Request.Query["pageSize"].FirstOrDefault(),
            h.Request.Query["marker"].FirstOrDefault(),
            h.Request.Query["isAscendingOrder"].FirstOrDefault(),
            h.Request.Query["status"].FirstOrDefault())));
        app.MapPost("/default-authorizer", (HttpContext h) => Run(h, log, "SetDefaultAuthorizer", api.SetDefault));
        app.MapGet("/default-authorizer", (HttpContext h) => Run(h, log, "DescribeDefaultAuthorizer", _ => api.DescribeDefault()));
        app.MapDelete("/default-authorizer", (HttpContext h) => Run(h, log, "ClearDefaultAuthorizer", _ => api.ClearDefault()));
    }

    /// <summary>Largest request body read (a CreateAuthorizer body with 2 keys and 50 tags is far smaller).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The body as UTF-8 text, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The body exceeds <see cref="MaxBodyBytes"/>.</exception>
    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength is 0)
        {
            return null;
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            throw new InvalidDataException("body too large");
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes)
            {
                throw new InvalidDataException("body too large");
            }

            buffer.Write(chunk, 0, n);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A name as it may appear in a log line: valid names as they are, anything else replaced.</summary>
    private static string Printable(string name) =>
        ServiceLimits.CheckAuthorizerName(name) == null ? $"'{name}'" : "(an invalid authorizer name)";

    private static async Task Run(HttpContext http, Action<string> log, string operation, Func<JsonObject, ApiResult> handle)
    {
        ApiResult result;
        JsonObject body = null;
        try
        {
            string text = await ReadBodyAsync(http).ConfigureAwait(false);
            body = text == null || text.Trim().Length == 0 ? null : JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
            result = handle(body);
        }
        catch (JsonException)
        {
            result = ApiResult.InvalidRequest("The request body is not a valid JSON object.");
        }
        catch (InvalidDataException)
        {
            result = ApiResult.InvalidRequest($"The request body is larger than {MaxBodyBytes} bytes.");
        }

        log?.Invoke($"{operation}: {result.Status}{(result.ErrorType == null ? string.Empty : " " + result.ErrorType)}");
        http.Response.StatusCode = result.Status;
        if (result.ErrorType != null)
        {
            http.Response.Headers["x-amzn-ErrorType"] = result.ErrorType;
        }

        if (result.Body != null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(result.Body.ToJsonString(), http.RequestAborted).ConfigureAwait(false);
        }
    }
}
