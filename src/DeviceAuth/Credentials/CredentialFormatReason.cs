namespace DeviceAuth.Credentials
{
    /// <summary>Which rule a credential value broke (see <see cref="CredentialFormatException"/>).</summary>
    public enum CredentialFormatReason
    {
        /// <summary>authorizerName is empty, longer than 128 characters or outside <c>[\w=,@-]</c>.</summary>
        InvalidAuthorizerName = 1,

        /// <summary>tokenKeyName is empty, longer than 128 characters or outside <c>[a-zA-Z0-9_-]</c>.</summary>
        InvalidTokenKeyName = 2,

        /// <summary>The token is empty or longer than 6144 characters.</summary>
        InvalidTokenLength = 3,

        /// <summary>The token holds characters its carrier cannot transport (an unpaired surrogate; in a header, anything but visible ASCII).</summary>
        InvalidTokenCharacters = 4,

        /// <summary>tokenSignature is longer than 2560 characters or not padded standard Base64 (<c>[A-Za-z0-9+/]+={0,2}</c>, length a multiple of 4).</summary>
        InvalidTokenSignature = 5,

        /// <summary>The authorizer has signing enabled but the token carries no signature.</summary>
        MissingTokenSignature = 6,

        /// <summary>The MQTT username would exceed 65535 UTF-8 bytes.</summary>
        UsernameTooLong = 7,

        /// <summary>The user part of the MQTT username contains '?' (it would create a second '?'), or an unpaired surrogate.</summary>
        InvalidUsernamePrefix = 8,

        /// <summary>An extra username parameter (e.g. SDK metrics) has an invalid or reserved name, a duplicate name, or an unencodable value.</summary>
        InvalidUsernameParameter = 9,

        /// <summary>The MQTT password is empty or longer than 65535 bytes.</summary>
        InvalidPasswordLength = 10,

        /// <summary>The MQTT client id is empty or longer than 128 UTF-8 bytes (AWS IoT's limit), or holds an unpaired surrogate.</summary>
        InvalidClientId = 11,

        /// <summary>An HTTP header name is not an RFC 9110 token, or is duplicated.</summary>
        InvalidHeaderName = 12,

        /// <summary>An HTTP header value is longer than 8192 characters or holds characters other than visible ASCII, space and tab.</summary>
        InvalidHeaderValue = 13,

        /// <summary>The query string would exceed 4096 characters.</summary>
        QueryStringTooLong = 14,

        /// <summary>An API Gateway identity-source expression is not one the device can satisfy or is duplicated.</summary>
        InvalidIdentitySource = 15,

        /// <summary>An identity source has no value or an empty one (the service would answer 401 without calling the authorizer).</summary>
        MissingIdentitySource = 16,

        /// <summary>The TLS server name (SNI) is empty, longer than 253 characters, an IP address or not a host name.</summary>
        InvalidServerName = 17,

        /// <summary>A JWT was expected (Bearer) but the token is not a compact JWT.</summary>
        NotAJwt = 18,

        /// <summary>
        /// The MQTT username would be empty while a password is sent (the token in the password, no
        /// authorizer name, no prefix, no parameters): MQTT 3.1.1 forbids a password without a username
        /// [MQTT-3.1.2-22] and M2Mqtt omits an empty username. Set a username prefix.
        /// </summary>
        EmptyUsername = 19,
    }
}
