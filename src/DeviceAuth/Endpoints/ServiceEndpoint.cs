using System;

namespace DeviceAuth.Endpoints
{
    /// <summary>
    /// A service endpoint for custom authentication: its host name (sent as SNI) and its kind. A
    /// nanoFramework device sends SNI but no ALPN, and its HTTPS client presents no client
    /// certificate, so <see cref="Resolve(TransportProtocol, int)"/> admits only combinations that work
    /// without them and throws <see cref="UnsupportedEndpointException"/>, naming the fix, for the rest:
    /// <list type="bullet">
    /// <item>AWS IoT default data endpoint: HTTPS on 443 and MQTT over WebSockets on 443 work; raw
    /// MQTT with custom authentication needs ALPN <c>mqtt</c> on 443 and is impossible: create a domain
    /// configuration with authenticationType CUSTOM_AUTH and applicationProtocol SECURE_MQTT.</item>
    /// <item>Domain configuration: the service routes by SNI. authenticationType must be CUSTOM_AUTH
    /// (or CUSTOM_AUTH_X509 with a client certificate, MQTT only) or DEFAULT (then port/ALPN rules apply
    /// as on the default endpoint), and applicationProtocol must match the protocol (or be DEFAULT).
    /// SECURE_MQTT is served on 8883 and 443.</item>
    /// <item>API Gateway: HTTPS on 443.</item>
    /// </list>
    /// </summary>
    public sealed class ServiceEndpoint
    {
        private const string DomainFix = "create an AWS IoT domain configuration with authenticationType CUSTOM_AUTH and applicationProtocol SECURE_MQTT and connect to its domain name (it selects custom authentication by SNI alone)";

        private ServiceEndpoint(string hostName, EndpointKind kind, IotAuthenticationType authenticationType, IotApplicationProtocol applicationProtocol)
        {
            ServerName.Validate(hostName);
            HostName = hostName;
            Kind = kind;
            AuthenticationType = authenticationType;
            ApplicationProtocol = applicationProtocol;
        }

        /// <summary>The host name, sent as SNI.</summary>
        public string HostName { get; }

        /// <summary>The endpoint kind.</summary>
        public EndpointKind Kind { get; }

        /// <summary>The domain configuration's authenticationType (<see cref="IotAuthenticationType.Default"/> for other kinds).</summary>
        public IotAuthenticationType AuthenticationType { get; }

        /// <summary>The domain configuration's applicationProtocol (<see cref="IotApplicationProtocol.Default"/> for other kinds).</summary>
        public IotApplicationProtocol ApplicationProtocol { get; }

        /// <summary>The account's AWS IoT data endpoint (<c>aws iot describe-endpoint --endpoint-type iot:Data-ATS</c>).</summary>
        /// <param name="hostName">The endpoint's host name.</param>
        public static ServiceEndpoint IotDefaultDataEndpoint(string hostName)
        {
            return new ServiceEndpoint(hostName, EndpointKind.IotDefaultDataEndpoint, IotAuthenticationType.Default, IotApplicationProtocol.Default);
        }

        /// <summary>An AWS IoT domain configuration, as described by <c>aws iot describe-domain-configuration</c>.</summary>
        /// <param name="domainName">Its domainName (custom domain or AWS-managed name).</param>
        /// <param name="authenticationType">Its authenticationType.</param>
        /// <param name="applicationProtocol">Its applicationProtocol.</param>
        public static ServiceEndpoint IotDomainConfiguration(string domainName, IotAuthenticationType authenticationType, IotApplicationProtocol applicationProtocol)
        {
            if (authenticationType < IotAuthenticationType.Default || authenticationType > IotAuthenticationType.AwsSigV4)
            {
                throw new ArgumentOutOfRangeException("authenticationType");
            }

            if (applicationProtocol < IotApplicationProtocol.Default || applicationProtocol > IotApplicationProtocol.Https)
            {
                throw new ArgumentOutOfRangeException("applicationProtocol");
            }

            return new ServiceEndpoint(domainName, EndpointKind.IotDomainConfiguration, authenticationType, applicationProtocol);
        }

        /// <summary>An API Gateway HTTP API endpoint (<c>&lt;api-id&gt;.execute-api.&lt;region&gt;.amazonaws.com</c> or a custom domain).</summary>
        /// <param name="hostName">The host name.</param>
        public static ServiceEndpoint ApiGateway(string hostName)
        {
            return new ServiceEndpoint(hostName, EndpointKind.ApiGateway, IotAuthenticationType.Default, IotApplicationProtocol.Default);
        }

        /// <summary>The default port for <paramref name="transport"/> at this endpoint (8883 for MQTT on a SECURE_MQTT domain configuration, 443 otherwise).</summary>
        /// <param name="transport">The protocol.</param>
        public int DefaultPort(TransportProtocol transport)
        {
            return transport == TransportProtocol.Mqtt ? 8883 : 443;
        }

        /// <summary>Resolves a connection on the default port (<see cref="DefaultPort"/>).</summary>
        /// <param name="transport">The protocol.</param>
        /// <exception cref="UnsupportedEndpointException">Custom authentication cannot work from nanoFramework for this combination.</exception>
        public ConnectionTarget Resolve(TransportProtocol transport)
        {
            return Resolve(transport, DefaultPort(transport));
        }

        /// <summary>Resolves a connection for custom authentication, or throws with what to do instead.</summary>
        /// <param name="transport">The protocol.</param>
        /// <param name="port">The port.</param>
        /// <exception cref="UnsupportedEndpointException">Custom authentication cannot work from nanoFramework for this combination.</exception>
        public ConnectionTarget Resolve(TransportProtocol transport, int port)
        {
            if (transport < TransportProtocol.Mqtt || transport > TransportProtocol.Https)
            {
                throw new ArgumentOutOfRangeException("transport");
            }

            if (port < 1 || port > 65535)
            {
                throw new ArgumentOutOfRangeException("port", "A port is 1-65535.");
            }

            string path = transport == TransportProtocol.MqttOverWebSockets ? "/mqtt" : null;
            if (Kind == EndpointKind.ApiGateway)
            {
                if (transport != TransportProtocol.Https || port != 443)
                {
                    throw Unsupported(transport, port, "An API Gateway HTTP API is reached with HTTPS on port 443 only.");
                }

                return new ConnectionTarget(HostName, port, transport, null, false);
            }

            // AWS IoT: the authentication type and protocol that apply to this SNI.
            IotAuthenticationType auth = AuthenticationType;
            IotApplicationProtocol protocol = ApplicationProtocol;
            if (auth == IotAuthenticationType.AwsX509 || auth == IotAuthenticationType.AwsSigV4)
            {
                throw Unsupported(transport, port, "This domain configuration's authenticationType (" + AuthName(auth) + ") does not use custom authentication: use a domain configuration with authenticationType CUSTOM_AUTH.");
            }

            if (protocol != IotApplicationProtocol.Default && protocol != ProtocolFor(transport))
            {
                throw Unsupported(transport, port, "This domain configuration's applicationProtocol is " + ProtocolName(protocol) + ", not " + ProtocolName(ProtocolFor(transport)) + ": use (or create) a domain configuration whose applicationProtocol matches, with authenticationType CUSTOM_AUTH.");
            }

            if (transport == TransportProtocol.Mqtt)
            {
                if (protocol == IotApplicationProtocol.Default)
                {
                    // Port/ALPN routing: MQTT custom auth exists only on 443 with ALPN "mqtt".
                    string where = Kind == EndpointKind.IotDefaultDataEndpoint ? "on the default data endpoint" : "on a domain configuration with applicationProtocol DEFAULT";
                    throw Unsupported(transport, port, "MQTT with custom authentication " + where + " needs TLS ALPN 'mqtt' on port 443, which nanoFramework cannot send: " + DomainFix + ".");
                }

                if (auth == IotAuthenticationType.Default)
                {
                    throw Unsupported(transport, port, "A SECURE_MQTT domain configuration with authenticationType DEFAULT expects X.509 client certificates without ALPN: " + DomainFix + ".");
                }

                if (port != 8883 && port != 443)
                {
                    throw Unsupported(transport, port, "A SECURE_MQTT domain configuration serves MQTT on ports 8883 and 443.");
                }

                return new ConnectionTarget(HostName, port, transport, null, auth == IotAuthenticationType.CustomAuthX509);
            }

            // HTTPS and MQTT over WebSockets: port 443, no ALPN needed.
            if (port != 443)
            {
                throw Unsupported(transport, port, (transport == TransportProtocol.Https ? "HTTPS" : "MQTT over WebSockets") + " with custom authentication is served on port 443 only.");
            }

            if (auth == IotAuthenticationType.CustomAuthX509)
            {
                if (transport == TransportProtocol.Https)
                {
                    throw Unsupported(transport, port, "CUSTOM_AUTH_X509 needs a client certificate, which the nanoFramework HTTPS client cannot present: use a domain configuration with authenticationType CUSTOM_AUTH.");
                }

                return new ConnectionTarget(HostName, port, transport, path, true);
            }

            return new ConnectionTarget(HostName, port, transport, path, false);
        }

        private UnsupportedEndpointException Unsupported(TransportProtocol transport, int port, string message)
        {
            return new UnsupportedEndpointException(Kind, transport, port, "Cannot use " + HostName + ":" + port.ToString() + " for custom authentication: " + message);
        }

        private static IotApplicationProtocol ProtocolFor(TransportProtocol transport)
        {
            if (transport == TransportProtocol.Mqtt)
            {
                return IotApplicationProtocol.SecureMqtt;
            }

            return transport == TransportProtocol.MqttOverWebSockets ? IotApplicationProtocol.MqttWss : IotApplicationProtocol.Https;
        }

        // Enum.ToString yields numbers on nanoFramework: spell the service's names by hand.
        private static string ProtocolName(IotApplicationProtocol protocol)
        {
            switch (protocol)
            {
                case IotApplicationProtocol.SecureMqtt:
                    return "SECURE_MQTT";
                case IotApplicationProtocol.MqttWss:
                    return "MQTT_WSS";
                case IotApplicationProtocol.Https:
                    return "HTTPS";
                default:
                    return "DEFAULT";
            }
        }

        private static string AuthName(IotAuthenticationType auth)
        {
            switch (auth)
            {
                case IotAuthenticationType.CustomAuth:
                    return "CUSTOM_AUTH";
                case IotAuthenticationType.CustomAuthX509:
                    return "CUSTOM_AUTH_X509";
                case IotAuthenticationType.AwsX509:
                    return "AWS_X509";
                case IotAuthenticationType.AwsSigV4:
                    return "AWS_SIGV4";
                default:
                    return "DEFAULT";
            }
        }
    }
}
