namespace DeviceAuth.Lifetime
{
    /// <summary>Why a connection attempt (or an established connection) failed; selects the retry path.</summary>
    public enum FailureKind
    {
        /// <summary>Network trouble: DNS, TCP, TLS, timeout, broker unavailable, a hang-up. Transient backoff.</summary>
        Transient = 0,

        /// <summary>The service refused the credentials (MQTT CONNACK 4/5, HTTP 401/403). Renew the credentials once, then back off on the refusal path.</summary>
        AuthorizationRefused = 1,

        /// <summary>No credentials could be produced (the signer threw, the token service failed). Transient backoff.</summary>
        CredentialsUnavailable = 2,

        /// <summary>
        /// The service is overloaded, throttling or refused the device for a reason renewing cannot cure
        /// (MQTT 5 server busy, quota or connection rate exceeded, session taken over, ...). The longer
        /// <see cref="LifetimeOptions.ThrottledBackoff"/> path.
        /// </summary>
        Throttled = 3,
    }
}
