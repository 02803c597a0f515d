using DeviceAuth.LocalCloud.Functions;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>What a REQUEST authorizer decided: 200, 401 (an identity source missing or empty: the function is not invoked), 403 (denied), 500 (the function failed or answered badly).</summary>
internal sealed record RequestVerdict(int Status, string Reason, LambdaAuthorizerResult Result, bool CacheHit, bool Invoked);

/// <summary>
/// An HTTP API REQUEST (Lambda) authorizer: every identity source present and non-empty or 401 without
/// invoking; a cached result for the same identity-source values within AuthorizerResultTtlInSeconds;
/// otherwise the function invoked through <see cref="ILambdaFunction"/> with the 1.0 or 2.0 event,
/// its simple or IAM-policy response applied to the route's ARN (deny: 403; error or bad shape: 500).
/// </summary>
internal sealed class RequestAuthorizerCheck
{
    private readonly LambdaFunctionRegistry _functions;
    private readonly AuthorizerResultCache _cache;
    private readonly string _region;
    private readonly string _account;

    public RequestAuthorizerCheck(LambdaFunctionRegistry functions, AuthorizerResultCache cache, string region, string account)
    {
        _functions = functions;
        _cache = cache;
        _region = region;
        _account = account;
    }

    public async Task<RequestVerdict> CheckAsync(HttpApiAuthorizer a, HttpApiRequest request, RouteMatch match, CancellationToken ct)
    {
        List<string> values = IdentityValues(a, request, match, out string missing);
        if (values == null)
        {
            return new RequestVerdict(401, $"identity source {missing} is missing or empty", null, false, false);
        }

        string routeArn = LambdaAuthorizerEvent.RouteArn(request, match, _region, _account);
        int ttl = a.AuthorizerResultTtlInSeconds ?? 0;
        LambdaAuthorizerResult cached = ttl > 0 && values.Count > 0 ? _cache.Get(request.ApiId, match.Stage.StageName, a.AuthorizerId, values, request.Time) : null;
        if (cached != null)
        {
            return Judge(cached, routeArn, cacheHit: true);
        }

        ILambdaFunction function = _functions.Find(LambdaAuthorizerUri.FunctionArnOf(a.AuthorizerUri, out _));
        if (function == null)
        {
            return new RequestVerdict(500, "no local function is registered for the AuthorizerUri's function (the service cannot invoke it)", null, false, false);
        }

        LambdaAuthorizerResult result;
        try
        {
            var e = LambdaAuthorizerEvent.Build(a.AuthorizerPayloadFormatVersion, request, match, values, _region, _account);
            result = LambdaAuthorizerResult.Parse(await function.InvokeAsync(e, ct).ConfigureAwait(false), a.EnableSimpleResponses == true);
        }
        catch (LambdaInvocationException e)
        {
            return new RequestVerdict(500, $"function {function.Name}: {e.Failure}: {e.Message}", null, false, true);
        }

        if (ttl > 0 && values.Count > 0)
        {
            _cache.Put(request.ApiId, match.Stage.StageName, a.AuthorizerId, values, result, ttl, request.Time);
        }

        return Judge(result, routeArn, cacheHit: false);
    }

    /// <summary>The identity-source values in order, or null with <paramref name="missing"/> naming the first absent or empty one.</summary>
    public static List<string> IdentityValues(HttpApiAuthorizer a, HttpApiRequest request, RouteMatch match, out string missing)
    {
        var values = new List<string>();
        missing = null;
        foreach (string expression in a.IdentitySource ?? new List<string>())
        {
            IdentitySourceSelection s = IdentitySourceSelection.Parse(expression, out _);
            string value = s.Kind switch
            {
                IdentitySourceKind.Header => request.Header(s.Name),
                IdentitySourceKind.QueryString => request.Query(s.Name),
                IdentitySourceKind.StageVariable => match.Stage.StageVariables.TryGetValue(s.Name, out string v) ? v : null,
                _ => ContextVariable(s.Name, request, match),
            };
            if (string.IsNullOrEmpty(value))
            {
                missing = expression;
                return null;
            }

            values.Add(value);
        }

        return values;
    }

    private static RequestVerdict Judge(LambdaAuthorizerResult result, string routeArn, bool cacheHit) =>
        result.Allows(routeArn)
            ? new RequestVerdict(200, null, result, cacheHit, !cacheHit)
            : new RequestVerdict(403, result.IsAuthorized == false ? "the function answered isAuthorized false" : "the policy does not allow execute-api:Invoke on the route", result, cacheHit, !cacheHit);

    private static string ContextVariable(string name, HttpApiRequest r, RouteMatch m) => name switch
    {
        "routeKey" => m.Route.Key.Text,
        "stage" => m.Stage.StageName,
        "apiId" => r.ApiId,
        "domainName" => r.DomainName,
        "domainPrefix" => r.DomainName.Split('.')[0],
        "httpMethod" or "http.method" => r.Method,
        "path" or "http.path" => r.RawPath,
        "protocol" or "http.protocol" => r.Protocol,
        "identity.sourceIp" or "http.sourceIp" => r.SourceIp,
        "identity.userAgent" or "http.userAgent" => r.Header("User-Agent"),
        "requestId" => r.RequestId,
        _ => null,
    };
}
