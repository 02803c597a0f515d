using System;

namespace DeviceAuth.Endpoints
{
    /// <summary>
    /// The endpoint cannot serve custom authentication for the chosen protocol and port from a
    /// nanoFramework device (which sends SNI but no ALPN and has no client certificate for HTTPS).
    /// Thrown at configuration time; the message says what to create or use instead.
    /// </summary>
    public sealed class UnsupportedEndpointException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="kind">The endpoint kind.</param>
        /// <param name="transport">The protocol requested.</param>
        /// <param name="port">The port requested.</param>
        /// <param name="message">What is impossible and what to do instead.</param>
        public UnsupportedEndpointException(EndpointKind kind, TransportProtocol transport, int port, string message)
            : base(message)
        {
            Kind = kind;
            Transport = transport;
            Port = port;
        }

        /// <summary>The endpoint kind.</summary>
        public EndpointKind Kind { get; }

        /// <summary>The protocol requested.</summary>
        public TransportProtocol Transport { get; }

        /// <summary>The port requested.</summary>
        public int Port { get; }
    }
}
