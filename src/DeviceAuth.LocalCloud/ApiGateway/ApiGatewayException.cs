namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>
/// An error of the local API Gateway V2 control plane, answered as the service does: the HTTP status,
/// <c>x-amzn-ErrorType</c> = <see cref="ErrorType"/> and a JSON body <c>{"message": ...}</c> (the
/// shapes @aws-sdk/client-apigatewayv2 deserializes: BadRequestException 400, NotFoundException 404,
/// ConflictException 409, TooManyRequestsException 429).
/// </summary>
internal sealed class ApiGatewayException : Exception
{
    private ApiGatewayException(int status, string errorType, string message, string resourceType)
        : base(message)
    {
        Status = status;
        ErrorType = errorType;
        ResourceType = resourceType;
    }

    public int Status { get; }

    public string ErrorType { get; }

    /// <summary>NotFoundException's resourceType member, or null.</summary>
    public string ResourceType { get; }

    public static ApiGatewayException BadRequest(string message) => new(400, "BadRequestException", message, null);

    public static ApiGatewayException NotFound(string resourceType, string message) => new(404, "NotFoundException", message, resourceType);

    public static ApiGatewayException Conflict(string message) => new(409, "ConflictException", message, null);
}
