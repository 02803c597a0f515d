using System;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// A credential value breaks a documented limit of the service (AWS IoT custom authentication,
    /// MQTT, HTTP, API Gateway). Thrown before any network I/O. The message names the field and the
    /// rule but never contains a token, signature, password or secret.
    /// </summary>
    public sealed class CredentialFormatException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="reason">The rule broken.</param>
        /// <param name="message">A description naming the field and the rule (never the value of a secret).</param>
        public CredentialFormatException(CredentialFormatReason reason, string message)
            : base(message)
        {
            Reason = reason;
        }

        /// <summary>The rule broken.</summary>
        public CredentialFormatReason Reason { get; }
    }
}
