using System.Text.RegularExpressions;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// A REQUEST authorizer's AuthorizerUri: <c>arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations</c>,
/// where the function's region is the URI's region (CreateAuthorizer, seed 002).
/// </summary>
internal static partial class LambdaAuthorizerUri
{
    /// <summary>The longest AuthorizerUri the service accepts.</summary>
    public const int MaxLength = 2048;

    /// <summary>The AuthorizerUri for the Lambda function <paramref name="functionArn"/>.</summary>
    public static string ForFunction(string functionArn)
    {
        Match m = FunctionArn().Match(functionArn ?? string.Empty);
        if (!m.Success)
        {
            throw LocalCloudException.Invalid("the function ARN is not a Lambda function ARN (arn:aws:lambda:<region>:<12-digit account>:function:<name>[:<alias or version>])");
        }

        return $"arn:{m.Groups["partition"].Value}:apigateway:{m.Groups["region"].Value}:lambda:path/2015-03-31/functions/{functionArn}/invocations";
    }

    /// <summary>The function ARN inside <paramref name="uri"/>, or null with <paramref name="problem"/> set.</summary>
    public static string FunctionArnOf(string uri, out string problem)
    {
        problem = null;
        if (uri.Length > MaxLength)
        {
            problem = $"AuthorizerUri is {uri.Length} characters long (at most {MaxLength})";
            return null;
        }

        Match m = Uri().Match(uri);
        if (!m.Success)
        {
            problem = "AuthorizerUri must be arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<Lambda function ARN>/invocations";
            return null;
        }

        Match f = FunctionArn().Match(m.Groups["function"].Value);
        if (!f.Success)
        {
            problem = "AuthorizerUri does not contain a Lambda function ARN (arn:aws:lambda:<region>:<12-digit account>:function:<name>[:<alias or version>])";
            return null;
        }

        if (f.Groups["region"].Value != m.Groups["region"].Value)
        {
            problem = $"AuthorizerUri names region {m.Groups["region"].Value} but the function is in {f.Groups["region"].Value}: the URI's region must be the function's";
            return null;
        }

        return f.Value;
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:apigateway:(?<region>[a-z0-9-]+):lambda:path/2015-03-31/functions/(?<function>.+)/invocations$")]
    private static partial Regex Uri();

    [GeneratedRegex(@"^arn:(?<partition>aws[a-z-]*):lambda:(?<region>[a-z0-9-]+):\d{12}:function:[a-zA-Z0-9_-]{1,64}(:(\$LATEST|[a-zA-Z0-9_-]+))?$")]
    private static partial Regex FunctionArn();
}
