namespace DeviceAuth.Endpoints
{
    /// <summary>Which kind of service endpoint a host name designates.</summary>
    public enum EndpointKind
    {
        /// <summary>The account's AWS IoT data endpoint (<c>*-ats.iot.&lt;region&gt;.amazonaws.com</c>): the protocol is chosen by port and ALPN.</summary>
        IotDefaultDataEndpoint = 0,

        /// <summary>An AWS IoT domain configuration (custom domain or its AWS-managed domain), selected by SNI, with its own authenticationType and applicationProtocol.</summary>
        IotDomainConfiguration = 1,

        /// <summary>An API Gateway HTTP API (execute-api or custom domain): HTTPS on 443.</summary>
        ApiGateway = 2,
    }
}
