using System;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// An RSA key was rejected, or a signature was withheld. <see cref="Error"/> tells which case;
    /// the message explains it and never contains key material.
    /// </summary>
    public sealed class RsaKeyException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="error">The reason code.</param>
        /// <param name="message">A human-readable explanation without key material.</param>
        public RsaKeyException(RsaKeyError error, string message)
            : base(message)
        {
            Error = error;
        }

        /// <summary>The reason code.</summary>
        public RsaKeyError Error { get; private set; }
    }
}
