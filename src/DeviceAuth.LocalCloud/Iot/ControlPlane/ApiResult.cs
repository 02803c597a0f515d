using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.Iot.ControlPlane;

/// <summary>
/// One control-plane answer in the service's restJson shape: a status and a JSON body, and for errors
/// the error type (sent as the x-amzn-ErrorType header, which the AWS SDKs read to pick the exception
/// class) with a body of <c>{"message": ...}</c> plus any members the exception carries.
/// </summary>
internal sealed record ApiResult(int Status, JsonObject Body, string ErrorType)
{
    public static ApiResult Ok(JsonObject body) => new(200, body ?? new JsonObject(), null);

    public static ApiResult InvalidRequest(string message) => Error(400, "InvalidRequestException", message);

    public static ApiResult NotFound(string message) => Error(404, "ResourceNotFoundException", message);

    public static ApiResult Error(int status, string type, string message, JsonObject extra = null)
    {
        var body = new JsonObject { ["message"] = message };
        foreach (var (k, v) in extra ?? new JsonObject())
        {
            body[k] = v?.DeepClone();
        }

        return new ApiResult(status, body, type);
    }
}
