namespace DeviceAuth.Cli.DeviceSide;

/// <summary>Which service's authorizer the credentials are for (<c>token --for</c>).</summary>
internal enum CredentialTarget
{
    /// <summary>An AWS IoT custom authorizer: MQTT username/password, HTTP headers or query, TestInvokeAuthorizer.</summary>
    AwsIot,

    /// <summary>An API Gateway HTTP API JWT authorizer: a compact JWT in the identity source (Authorization: Bearer by default).</summary>
    ApiGatewayJwt,
}
