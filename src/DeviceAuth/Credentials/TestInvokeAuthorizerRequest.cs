using System;
using DeviceAuth.Encoding;
using DeviceAuth.Endpoints;
using DeviceAuth.Json;
using DeviceAuth.Tokens;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// Builds the body of AWS IoT <c>TestInvokeAuthorizer</c> (<c>POST /authorizer/&lt;name&gt;/test</c>)
    /// from exactly what the device would send, so the real service can be asked what it thinks of
    /// it: <c>{"token","tokenSignature","httpContext":{"headers":{..},"queryString":"?.."},
    /// "mqttContext":{"username","password"(Base64),"clientId"},"tlsContext":{"serverName"}}</c>.
    /// Members without a value are omitted. The query string is given with its leading '?', as the
    /// authorizer Lambda receives it in <c>protocolData.http.queryString</c>. The body contains the
    /// credentials: treat it as a secret.
    /// </summary>
    public static class TestInvokeAuthorizerRequest
    {
        /// <summary>The request path for <paramref name="authorizerName"/>: <c>/authorizer/&lt;name&gt;/test</c> (name percent-encoded).</summary>
        /// <param name="authorizerName">The authorizer name (1-128 of <c>[\w=,@-]</c>).</param>
        public static string Path(string authorizerName)
        {
            AwsIotCustomAuth.ValidateAuthorizerName(authorizerName);
            return "/authorizer/" + PercentEncoding.Encode(authorizerName) + "/test";
        }

        /// <summary>
        /// The body for an MQTT connection composed by <paramref name="authorization"/>: mqttContext from
        /// the composed CONNECT credentials; token and tokenSignature as the service extracts them
        /// (token only when it travels under tokenKeyName, signature only when signing is enabled).
        /// </summary>
        /// <param name="authorization">The device's MQTT composer.</param>
        /// <param name="token">The token the device would send (must not be expired).</param>
        /// <param name="clientId">The MQTT client id.</param>
        /// <param name="serverName">The SNI the device sends, or null to omit tlsContext.</param>
        public static string ForMqtt(AwsIotMqttAuthorization authorization, AuthToken token, string clientId, string serverName)
        {
            if (authorization == null)
            {
                throw new ArgumentNullException("authorization");
            }

            MqttConnectCredentials credentials = authorization.Compose(token, clientId);
            string tokenField = authorization.TokenPlacement == MqttTokenPlacement.UsernameParameter ? token.Token : null;
            string signatureField = authorization.SigningDisabled ? null : token.TokenSignature;
            return Build(tokenField, signatureField, null, credentials, serverName);
        }

        /// <summary>The body for an HTTPS request composed by <paramref name="authorization"/> (httpContext from the composed parts).</summary>
        /// <param name="authorization">The device's HTTP composer.</param>
        /// <param name="token">The token the device would send (must not be expired).</param>
        /// <param name="serverName">The SNI the device sends, or null to omit tlsContext.</param>
        public static string ForHttp(AwsIotHttpAuthorization authorization, AuthToken token, string serverName)
        {
            if (authorization == null)
            {
                throw new ArgumentNullException("authorization");
            }

            HttpAuthorizationParts parts = authorization.Compose(token);
            string signatureField = authorization.SigningDisabled ? null : token.TokenSignature;
            return Build(token.Token, signatureField, parts, null, serverName);
        }

        /// <summary>Builds a body from its parts; any of them may be null (then omitted).</summary>
        /// <param name="token">token (1-6144 characters), or null.</param>
        /// <param name="tokenSignature">tokenSignature (padded standard Base64), or null.</param>
        /// <param name="http">Headers and query parameters for httpContext, or null.</param>
        /// <param name="mqtt">CONNECT credentials for mqttContext, or null.</param>
        /// <param name="serverName">tlsContext.serverName (a valid SNI host name), or null.</param>
        /// <exception cref="CredentialFormatException">A value breaks a documented limit of the API.</exception>
        public static string Build(string token, string tokenSignature, HttpAuthorizationParts http, MqttConnectCredentials mqtt, string serverName)
        {
            if (token != null)
            {
                AwsIotCustomAuth.ValidateToken(token);
            }

            if (tokenSignature != null)
            {
                AwsIotCustomAuth.ValidateTokenSignature(tokenSignature);
            }

            if (serverName != null)
            {
                ServerName.Validate(serverName);
            }

            JsonWriter w = new JsonWriter(512);
            w.BeginObject();
            if (token != null)
            {
                w.Property("token", token);
            }

            if (tokenSignature != null)
            {
                w.Property("tokenSignature", tokenSignature);
            }

            if (http != null)
            {
                WriteHttpContext(w, http);
            }

            if (mqtt != null)
            {
                WriteMqttContext(w, mqtt);
            }

            if (serverName != null)
            {
                w.Name("tlsContext").BeginObject().Property("serverName", serverName).EndObject();
            }

            w.EndObject();
            return w.GetJson();
        }

        private static void WriteHttpContext(JsonWriter w, HttpAuthorizationParts http)
        {
            w.Name("httpContext").BeginObject();
            int headers = http.HeaderCount;
            if (headers > 0)
            {
                w.Name("headers").BeginObject();
                for (int i = 0; i < headers; i++)
                {
                    string name = http.GetHeaderName(i);
                    if (!AwsIotCustomAuth.IsHeaderName(name))
                    {
                        throw new CredentialFormatException(CredentialFormatReason.InvalidHeaderName, "A header name is not a valid HTTP token of at most 8192 characters.");
                    }

                    for (int j = 0; j < i; j++)
                    {
                        if (AwsIotCustomAuth.EqualsIgnoreAsciiCase(name, http.GetHeaderName(j)))
                        {
                            throw new CredentialFormatException(CredentialFormatReason.InvalidHeaderName, "The header " + name + " appears twice; httpContext.headers is a map.");
                        }
                    }

                    string value = http.GetHeaderValue(i);
                    if (!AwsIotCustomAuth.IsHeaderValue(value))
                    {
                        throw new CredentialFormatException(CredentialFormatReason.InvalidHeaderValue, "The value of header " + name + " must be at most 8192 characters of visible ASCII.");
                    }

                    w.Property(name, value);
                }

                w.EndObject();
            }

            if (http.QueryParameterCount > 0)
            {
                if (AwsIotHttpAuthorization.QueryLength(http) + 1 > AwsIotCustomAuth.MaxQueryStringLength)
                {
                    throw new CredentialFormatException(CredentialFormatReason.QueryStringTooLong, "httpContext.queryString would exceed 4096 characters.");
                }

                w.Property("queryString", "?" + http.ToQueryString());
            }

            w.EndObject();
        }

        private static void WriteMqttContext(JsonWriter w, MqttConnectCredentials mqtt)
        {
            w.Name("mqttContext").BeginObject();
            string username = mqtt.Username;
            if (username != null && username.Length > 0)
            {
                int bytes = AwsIotCustomAuth.Utf8Length(username);
                if (bytes < 0 || bytes > AwsIotCustomAuth.MaxMqttUsernameBytes)
                {
                    throw new CredentialFormatException(CredentialFormatReason.UsernameTooLong, "mqttContext.username must be 1-65535 UTF-8 bytes.");
                }

                w.Property("username", username);
            }

            byte[] password = mqtt.Password;
            if (password != null)
            {
                if (password.Length == 0 || password.Length > AwsIotCustomAuth.MaxMqttPasswordBytes)
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidPasswordLength, "mqttContext.password must be 1-65535 bytes.");
                }

                w.Property("password", Base64Url.EncodeStandard(password, 0, password.Length));
            }

            string clientId = mqtt.ClientId;
            if (clientId.Length > 0)
            {
                if (AwsIotCustomAuth.Utf8Length(clientId) < 0)
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidClientId, "mqttContext.clientId contains an unpaired surrogate.");
                }

                w.Property("clientId", clientId);
            }

            w.EndObject();
        }
    }
}
