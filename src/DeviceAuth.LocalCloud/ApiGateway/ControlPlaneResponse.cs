using System.Text.Json.Nodes;

namespace DeviceAuth.LocalCloud.ApiGateway;

/// <summary>An answer of the local control plane: status, JSON body (null for 204) and, for errors, the x-amzn-ErrorType.</summary>
internal sealed record ControlPlaneResponse(int Status, JsonNode Body, string ErrorType)
{
    public static ControlPlaneResponse Ok(int status, JsonNode body) => new(status, body, null);

    public static ControlPlaneResponse From(ApiGatewayException e)
    {
        var body = new JsonObject { ["message"] = e.Message };
        if (e.ResourceType != null)
        {
            body["resourceType"] = e.ResourceType;
        }

        return new(e.Status, body, e.ErrorType);
    }
}
