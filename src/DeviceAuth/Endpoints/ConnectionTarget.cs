namespace DeviceAuth.Endpoints
{
    /// <summary>
    /// Where and how to connect for custom authentication, as resolved by
    /// <see cref="ServiceEndpoint.Resolve(TransportProtocol, int)"/>: a combination known to work without ALPN.
    /// </summary>
    public sealed class ConnectionTarget
    {
        internal ConnectionTarget(string serverName, int port, TransportProtocol transport, string path, bool requiresClientCertificate)
        {
            ServerName = serverName;
            Port = port;
            Transport = transport;
            Path = path;
            RequiresClientCertificate = requiresClientCertificate;
        }

        /// <summary>The host name to connect to and to send as SNI (also tlsContext.serverName for TestInvokeAuthorizer).</summary>
        public string ServerName { get; }

        /// <summary>The TCP port.</summary>
        public int Port { get; }

        /// <summary>The protocol spoken over TLS.</summary>
        public TransportProtocol Transport { get; }

        /// <summary>The request path for MQTT over WebSockets (<c>/mqtt</c>); null otherwise.</summary>
        public string Path { get; }

        /// <summary>True when the endpoint (CUSTOM_AUTH_X509) also requires an X.509 client certificate in the TLS handshake.</summary>
        public bool RequiresClientCertificate { get; }

        /// <summary>Always false: every target this library resolves works without ALPN, which nanoFramework cannot send.</summary>
        public bool RequiresAlpn
        {
            get { return false; }
        }

        /// <summary>A description such as <c>mqtts://host:8883</c>.</summary>
        public override string ToString()
        {
            string scheme = Transport == TransportProtocol.Mqtt ? "mqtts://" : (Transport == TransportProtocol.MqttOverWebSockets ? "wss://" : "https://");
            return scheme + ServerName + ":" + Port.ToString() + (Path == null ? string.Empty : Path);
        }
    }
}
