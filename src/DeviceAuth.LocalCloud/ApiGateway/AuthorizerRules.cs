using System.Text.RegularExpressions;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// The rules of an HTTP API authorizer (CreateAuthorizer / UpdateAuthorizer, seed 002, and "Working
/// with AWS Lambda authorizers for HTTP APIs" / "Controlling access to HTTP APIs with JWT
/// authorizers"), one specific message per violation. Used by the generators before writing a body
/// and by the local control plane before storing one (BadRequestException).
/// </summary>
internal static partial class AuthorizerRules
{
    public const int NameMax = 128;
    public const int TtlMax = 3600;
    public const int IssuerMax = 2048;
    public const int ArnMax = 2048;

    /// <summary>The first rule <paramref name="a"/> breaks, or null.</summary>
    /// <param name="a">The authorizer.</param>
    /// <param name="complete">True for a whole authorizer (CreateAuthorizer, or an update merged into the stored one): required members are checked; false for an UpdateAuthorizer patch alone: only what is given.</param>
    public static string FirstProblem(HttpApiAuthorizer a, bool complete)
    {
        return Members(a, complete) ?? (a.AuthorizerType == null ? null : a.IsJwt ? Jwt(a, complete) : Request(a, complete));
    }

    /// <summary>Throws <see cref="LocalCloudException"/> with the first problem.</summary>
    public static void Check(HttpApiAuthorizer a, bool complete)
    {
        if (FirstProblem(a, complete) is string problem)
        {
            throw LocalCloudException.Invalid(problem);
        }
    }

    private static string Members(HttpApiAuthorizer a, bool complete)
    {
        if (a.Name == null ? complete : a.Name.Length is 0 or > NameMax)
        {
            return $"Name is required: 1-{NameMax} characters";
        }

        if (a.AuthorizerType == null ? complete : a.AuthorizerType is not ("REQUEST" or "JWT"))
        {
            return "AuthorizerType must be REQUEST (a Lambda function) or JWT";
        }

        if (a.IdentitySource == null && complete)
        {
            return "IdentitySource is required: a list of selection expressions ($request.header.Authorization)";
        }

        var parsed = new List<IdentitySourceSelection>();
        foreach (string s in a.IdentitySource ?? new List<string>())
        {
            IdentitySourceSelection sel = IdentitySourceSelection.Parse(s, out string problem);
            if (sel == null)
            {
                return problem;
            }

            if (parsed.Any(p => p.SameValueAs(sel)))
            {
                return $"IdentitySource lists '{IdentitySourceSelection.Printable(s)}' twice";
            }

            parsed.Add(sel);
        }

        if (a.AuthorizerResultTtlInSeconds is int ttl && (ttl < 0 || ttl > TtlMax))
        {
            return $"AuthorizerResultTtlInSeconds must be between 0 (no caching) and {TtlMax}; it is {ttl}";
        }

        if (a.AuthorizerPayloadFormatVersion != null && a.AuthorizerPayloadFormatVersion is not ("1.0" or "2.0"))
        {
            return "AuthorizerPayloadFormatVersion must be 1.0 or 2.0";
        }

        if (a.IdentityValidationExpression != null)
        {
            return "IdentityValidationExpression is not used by HTTP API authorizers: omit it";
        }

        if (a.AuthorizerCredentialsArn != null && (a.AuthorizerCredentialsArn.Length > ArnMax || !RoleArn().IsMatch(a.AuthorizerCredentialsArn)))
        {
            return "AuthorizerCredentialsArn must be an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)";
        }

        if (a.AuthorizerUri != null && LambdaAuthorizerUri.FunctionArnOf(a.AuthorizerUri, out string uriProblem) == null)
        {
            return uriProblem;
        }

        return a.HasJwtConfiguration ? JwtConfiguration(a) : null;
    }

    private static string JwtConfiguration(HttpApiAuthorizer a)
    {
        if (a.JwtIssuer != null && IssuerProblem(a.JwtIssuer) is string problem)
        {
            return "JwtConfiguration." + problem;
        }

        if (a.JwtAudience != null && a.JwtAudience.Any(x => x.Length == 0))
        {
            return "JwtConfiguration.Audience entries must not be empty";
        }

        return null;
    }

    /// <summary>Null when <paramref name="issuer"/> can be a JWT authorizer's Issuer, else why not.</summary>
    public static string IssuerProblem(string issuer)
    {
        if (issuer.Length is 0 or > IssuerMax)
        {
            return $"Issuer must be 1-{IssuerMax} characters";
        }

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out Uri uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return "Issuer must be an https URL without query, fragment or user info (API Gateway fetches <Issuer>/.well-known/openid-configuration)";
        }

        return null;
    }

    private static string Jwt(HttpApiAuthorizer a, bool complete)
    {
        if (a.IdentitySource != null)
        {
            if (a.IdentitySource.Count != 1)
            {
                return $"a JWT authorizer takes exactly one IdentitySource (where the token is read, e.g. $request.header.Authorization); {a.IdentitySource.Count} given";
            }

            if (!IdentitySourceSelection.Parse(a.IdentitySource[0], out _).IsRequestValue)
            {
                return "a JWT authorizer reads the token from a header or a query parameter: IdentitySource must be $request.header.name or $request.querystring.name";
            }
        }

        if (complete && (!a.HasJwtConfiguration || a.JwtIssuer == null))
        {
            return "a JWT authorizer needs JwtConfiguration.Issuer (the https URL in the tokens' iss claim)";
        }

        if (complete && (a.JwtAudience == null || a.JwtAudience.Count == 0))
        {
            return "a JWT authorizer needs at least one JwtConfiguration.Audience entry (matched against the token's aud, or client_id when aud is absent)";
        }

        return NotFor("JWT", ("AuthorizerUri", a.AuthorizerUri), ("AuthorizerCredentialsArn", a.AuthorizerCredentialsArn),
            ("AuthorizerPayloadFormatVersion", a.AuthorizerPayloadFormatVersion),
            ("AuthorizerResultTtlInSeconds (a JWT authorizer caches nothing; 0 or absent)", a.AuthorizerResultTtlInSeconds > 0 ? a.AuthorizerResultTtlInSeconds : null),
            ("EnableSimpleResponses", a.EnableSimpleResponses == true ? true : null));
    }

    private static string Request(HttpApiAuthorizer a, bool complete)
    {
        if (complete && a.AuthorizerUri == null)
        {
            return "a REQUEST authorizer needs AuthorizerUri (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations)";
        }

        if (complete && a.AuthorizerPayloadFormatVersion == null)
        {
            return "a REQUEST authorizer of an HTTP API needs AuthorizerPayloadFormatVersion (1.0 or 2.0)";
        }

        if (a.EnableSimpleResponses == true && a.AuthorizerPayloadFormatVersion != null && a.AuthorizerPayloadFormatVersion != "2.0")
        {
            return "EnableSimpleResponses needs AuthorizerPayloadFormatVersion 2.0 (with 1.0 the function must return an IAM policy)";
        }

        if (a.AuthorizerResultTtlInSeconds > 0 && a.IdentitySource != null && a.IdentitySource.Count == 0)
        {
            return "caching (AuthorizerResultTtlInSeconds > 0) needs at least one IdentitySource: the identity sources are the cache key";
        }

        return a.HasJwtConfiguration ? "JwtConfiguration is only for JWT authorizers" : null;
    }

    private static string NotFor(string type, params (string Member, object Value)[] members) =>
        members.Where(m => m.Value != null).Select(m => $"{m.Member} is only for REQUEST (Lambda) authorizers, not for {type} authorizers").FirstOrDefault();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")]
    private static partial Regex RoleArn();
}
