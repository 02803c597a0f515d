namespace DeviceAuth.Endpoints
{
    /// <summary>A domain configuration's authenticationType.</summary>
    public enum IotAuthenticationType
    {
        /// <summary>DEFAULT: chosen by port and ALPN, as on the default data endpoint.</summary>
        Default = 0,

        /// <summary>CUSTOM_AUTH: custom authentication and authorization.</summary>
        CustomAuth = 1,

        /// <summary>CUSTOM_AUTH_X509: custom authentication with an X.509 client certificate as well.</summary>
        CustomAuthX509 = 2,

        /// <summary>AWS_X509: X.509 client certificates only.</summary>
        AwsX509 = 3,

        /// <summary>AWS_SIGV4: Signature Version 4 only.</summary>
        AwsSigV4 = 4,
    }
}
