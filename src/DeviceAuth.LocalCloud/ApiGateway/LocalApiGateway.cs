using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeviceAuth.LocalCloud.Functions;
using Microsoft.AspNetCore.Http;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// The local API Gateway for HTTP APIs, plugged into the local cloud's HTTPS host as one middleware:
/// the control plane on <c>/v2/apis/...</c> (what the AWS SDKs and CLI call with an endpoint override)
/// and the data plane for requests whose Host is <c>{apiId}.execute-api.{anything}</c>, as on the
/// service (<c>https://{apiId}.execute-api.localhost:PORT/...</c> reaches loopback). Everything else
/// passes on to the custom-authorizer endpoint's routes.
/// </summary>
internal sealed partial class LocalApiGateway
{
    private readonly ConcurrentDictionary<string, OpenIdIssuer> _issuers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the gateway.</summary>
    /// <param name="time">The clock (JWT exp/nbf/iat, cache TTLs, event times).</param>
    /// <param name="region">The region in ARNs and endpoints.</param>
    /// <param name="account">The account in ARNs and events.</param>
    public LocalApiGateway(TimeProvider time, string region, string account)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var cache = new AuthorizerResultCache();
        ControlPlane = new HttpApiControlPlane(time, region, cache);
        DataPlane = new HttpApiDataPlane(ControlPlane, new RequestAuthorizerCheck(Functions, cache, region, account), FindIssuer);
    }

    public HttpApiControlPlane ControlPlane { get; }

    public HttpApiDataPlane DataPlane { get; }

    /// <summary>The Lambda functions REQUEST authorizers invoke, by function ARN or name.</summary>
    public LambdaFunctionRegistry Functions { get; } = new();

    public IReadOnlyCollection<OpenIdIssuer> Issuers => _issuers.Values.ToArray();

    /// <summary>Publishes an issuer's JWKS to the local JWT authorizers (what API Gateway would fetch from the issuer URL).</summary>
    public void AddIssuer(OpenIdIssuer issuer) => _issuers[issuer.Issuer] = issuer;

    private OpenIdIssuer FindIssuer(string issuer) => issuer != null && _issuers.TryGetValue(issuer, out OpenIdIssuer i) ? i : null;

    /// <summary>The middleware: handles control-plane and HTTP API requests, passes the rest to <paramref name="next"/>.</summary>
    public async Task HandleAsync(HttpContext http, Func<Task> next)
    {
        Match host = ExecuteApiHost().Match(http.Request.Host.Host);
        if (host.Success)
        {
            await ServeApiAsync(http, host.Groups[1].Value).ConfigureAwait(false);
        }
        else if (http.Request.Path.StartsWithSegments("/v2/apis", out PathString rest))
        {
            await ServeControlPlaneAsync(http, rest).ConfigureAwait(false);
        }
        else
        {
            await next().ConfigureAwait(false);
        }
    }

    private async Task ServeApiAsync(HttpContext http, string apiId)
    {
        var request = new HttpApiRequest(
            apiId,
            http.Request.Method,
            http.Request.Path.HasValue ? http.Request.Path.ToUriComponent() : "/",
            http.Request.QueryString.HasValue ? http.Request.QueryString.Value[1..] : string.Empty,
            http.Request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? string.Empty))).ToArray(),
            http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            http.Request.Protocol,
            http.Request.Host.Host,
            Guid.NewGuid().ToString("N")[..16],
            _time.GetUtcNow());
        DataPlaneResponse response = await DataPlane.InvokeAsync(request, http.RequestAborted).ConfigureAwait(false);
        foreach (var (name, value) in response.Headers)
        {
            http.Response.Headers[name] = value;
        }

        http.Response.Headers["apigw-requestid"] = request.RequestId;
        await Write(http, response.Status, response.Body).ConfigureAwait(false);
    }

    private async Task ServeControlPlaneAsync(HttpContext http, PathString rest)
    {
        JsonObject body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = await JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                await WriteError(http, ControlPlaneResponse.From(ApiGatewayException.BadRequest("The request body is not a JSON object"))).ConfigureAwait(false);
                return;
            }
        }

        string[] segments = (rest.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        ControlPlaneResponse response = ControlPlane.Handle(http.Request.Method, segments, query, body);
        await WriteError(http, response).ConfigureAwait(false);
    }

    private static Task WriteError(HttpContext http, ControlPlaneResponse response)
    {
        if (response.ErrorType != null)
        {
            http.Response.Headers["x-amzn-ErrorType"] = response.ErrorType;
        }

        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        return Write(http, response.Status, response.Body);
    }

    private static async Task Write(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        if (body != null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"^([a-z0-9]+)\.execute-api\.", RegexOptions.IgnoreCase)]
    private static partial Regex ExecuteApiHost();
}
