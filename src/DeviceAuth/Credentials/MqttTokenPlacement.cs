namespace DeviceAuth.Credentials
{
    /// <summary>Where <see cref="AwsIotMqttAuthorization"/> puts the token in the CONNECT packet.</summary>
    public enum MqttTokenPlacement
    {
        /// <summary>
        /// In the username, as <c>&lt;tokenKeyName&gt;=&lt;token&gt;</c> (percent-encoded). Required
        /// when the authorizer has signing enabled: AWS IoT reads the token and its signature there.
        /// </summary>
        UsernameParameter = 0,

        /// <summary>
        /// As the password (UTF-8 bytes of the token). Only for authorizers with signingDisabled; the
        /// Lambda receives it Base64-encoded in <c>protocolData.mqtt.password</c>.
        /// </summary>
        Password = 1,
    }
}
