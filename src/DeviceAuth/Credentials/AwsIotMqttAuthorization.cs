using System;
using DeviceAuth.Encoding;
using DeviceAuth.Tokens;

namespace DeviceAuth.Credentials
{
    /// <summary>
    /// Composes MQTT CONNECT credentials for an AWS IoT custom authorizer:
    /// username <c>&lt;prefix&gt;?x-amz-customauthorizer-name=..&amp;x-amz-customauthorizer-signature=..&amp;&lt;tokenKeyName&gt;=..&amp;&lt;extra parameters&gt;</c>
    /// with every value percent-encoded exactly once (RFC 3986) and exactly one '?'; the password
    /// carries the token or fixed bytes when configured. In default-authorizer mode the name
    /// parameter is omitted and the endpoint's default authorizer is used. Every limit of the
    /// service is checked (<see cref="CredentialFormatException"/>), and an expired token is refused
    /// (<see cref="TokenExpiredException"/>), before anything is sent. Configure it before use;
    /// <see cref="Compose"/> may then be called from any thread.
    /// </summary>
    public sealed class AwsIotMqttAuthorization : IMqttAuthorization
    {
        private readonly string _authorizerName;
        private readonly string _tokenKeyName;
        private readonly bool _signingDisabled;
        private readonly IClock _clock;
        private string _usernamePrefix = string.Empty;
        private char[] _prefixChars = new char[0];
        private int _prefixUtf8Bytes;
        private MqttTokenPlacement _placement;
        private byte[] _fixedPassword;
        private string[] _extraNames = new string[0];
        private string[] _extraValues = new string[0];

        // Cached encoded fixed parts ("x-amz-customauthorizer-name=<enc>", "n1=v1&n2=v2"), as chars
        // (each composition copies them into the username buffer; the device re-counts a string on every read).
        private char[] _namePart;
        private char[] _extrasPart;
        private char[] _tokenKeyNameChars;
        private char[] _signatureKeyChars;

        /// <summary>Creates the composer for a named authorizer.</summary>
        /// <param name="authorizerName">The authorizer's name (1-128 of <c>[\w=,@-]</c>).</param>
        /// <param name="tokenKeyName">The authorizer's tokenKeyName; may be null only when <paramref name="signingDisabled"/> (the token then goes in the password).</param>
        /// <param name="signingDisabled">The authorizer's signingDisabled setting.</param>
        /// <param name="clock">The clock used to refuse expired tokens.</param>
        public AwsIotMqttAuthorization(string authorizerName, string tokenKeyName, bool signingDisabled, IClock clock)
        {
            if (authorizerName != null)
            {
                AwsIotCustomAuth.ValidateAuthorizerName(authorizerName);
            }

            if (tokenKeyName != null)
            {
                AwsIotCustomAuth.ValidateTokenKeyName(tokenKeyName);
            }
            else if (!signingDisabled)
            {
                throw new ArgumentException("An authorizer with signing enabled needs its tokenKeyName: AWS IoT reads the token under that name.", "tokenKeyName");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _authorizerName = authorizerName;
            _tokenKeyName = tokenKeyName;
            _signingDisabled = signingDisabled;
            _clock = clock;
            _placement = tokenKeyName == null ? MqttTokenPlacement.Password : MqttTokenPlacement.UsernameParameter;
            _namePart = authorizerName == null ? null : (AwsIotCustomAuth.AuthorizerNameKey + "=" + PercentEncoding.Encode(authorizerName)).ToCharArray();
            _tokenKeyNameChars = tokenKeyName == null ? null : tokenKeyName.ToCharArray();
            _signatureKeyChars = AwsIotCustomAuth.SignatureKey.ToCharArray();
        }

        /// <summary>
        /// Creates the composer for the endpoint's default authorizer: no authorizer name is sent, so
        /// AWS IoT uses the domain configuration's defaultAuthorizerName, else the account default.
        /// With no tokenKeyName the token goes in the password and the username would be empty: set
        /// <see cref="UsernamePrefix"/> (MQTT forbids a password without a username).
        /// </summary>
        /// <param name="tokenKeyName">The default authorizer's tokenKeyName (null only when signing is disabled).</param>
        /// <param name="signingDisabled">The default authorizer's signingDisabled setting.</param>
        /// <param name="clock">The clock used to refuse expired tokens.</param>
        public static AwsIotMqttAuthorization ForDefaultAuthorizer(string tokenKeyName, bool signingDisabled, IClock clock)
        {
            return new AwsIotMqttAuthorization(null, tokenKeyName, signingDisabled, clock);
        }

        /// <summary>The authorizer name sent, or null in default-authorizer mode.</summary>
        public string AuthorizerName
        {
            get { return _authorizerName; }
        }

        /// <summary>The tokenKeyName, or null.</summary>
        public string TokenKeyName
        {
            get { return _tokenKeyName; }
        }

        /// <summary>The authorizer's signingDisabled setting.</summary>
        public bool SigningDisabled
        {
            get { return _signingDisabled; }
        }

        /// <summary>
        /// The user part before the '?' (empty by default), sent as is. It must not contain '?'
        /// (a second '?' makes the service ignore the authorizer parameters).
        /// </summary>
        public string UsernamePrefix
        {
            get
            {
                return _usernamePrefix;
            }

            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                char[] c = value.ToCharArray();
                int utf8Bytes = AwsIotCustomAuth.Utf8Length(c, 0, c.Length);
                if (AsciiText.IndexOf(c, '?', 0, c.Length) >= 0 || utf8Bytes < 0)
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidUsernamePrefix, "The username prefix must not contain '?' (the authorizer parameters follow the only '?') or an unpaired surrogate.");
                }

                if (AwsIotCustomAuth.IndexOfControl(c) >= 0)
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidUsernamePrefix, "The username prefix must not contain control characters (U+0000-U+001F, U+007F-U+009F): MQTT forbids U+0000 in the username.");
                }

                _usernamePrefix = value;
                _prefixChars = c;
                _prefixUtf8Bytes = utf8Bytes;
            }
        }

        /// <summary>Where the token goes (default: the username, or the password when there is no tokenKeyName).</summary>
        public MqttTokenPlacement TokenPlacement
        {
            get
            {
                return _placement;
            }

            set
            {
                if (value == MqttTokenPlacement.Password)
                {
                    if (!_signingDisabled)
                    {
                        throw new ArgumentException("With signing enabled AWS IoT reads the token and its signature from the username: the token cannot go in the password.", "value");
                    }

                    if (_fixedPassword != null)
                    {
                        throw new ArgumentException("A fixed password is set: the token cannot also go in the password.", "value");
                    }
                }
                else if (value == MqttTokenPlacement.UsernameParameter)
                {
                    if (_tokenKeyName == null)
                    {
                        throw new ArgumentException("Without a tokenKeyName the token cannot go in the username.", "value");
                    }
                }
                else
                {
                    throw new ArgumentOutOfRangeException("value");
                }

                _placement = value;
            }
        }

        /// <summary>
        /// Sets fixed password bytes sent with every CONNECT (e.g. a secret the Lambda also checks), or
        /// null for none. Not allowed when the token goes in the password. The array is copied.
        /// </summary>
        /// <param name="password">1-65535 bytes, or null.</param>
        public void SetPassword(byte[] password)
        {
            if (password == null)
            {
                _fixedPassword = null;
                return;
            }

            if (_placement == MqttTokenPlacement.Password)
            {
                throw new ArgumentException("The token goes in the password: a fixed password cannot be set too.", "password");
            }

            if (password.Length == 0 || password.Length > AwsIotCustomAuth.MaxMqttPasswordBytes)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidPasswordLength, "The MQTT password must be 1-65535 bytes.");
            }

            byte[] copy = new byte[password.Length];
            Array.Copy(password, copy, password.Length);
            _fixedPassword = copy;
        }

        /// <summary>
        /// Adds an extra username parameter after the authorizer parameters, joined with '&amp;' (e.g.
        /// the SDK metrics <c>SDK=...</c>, <c>Version=...</c>). The value is percent-encoded once.
        /// </summary>
        /// <param name="name">1-128 characters of RFC 3986 unreserved characters; not an authorizer parameter name, not the tokenKeyName, not a duplicate.</param>
        /// <param name="value">The raw value (may be empty).</param>
        public void AddUsernameParameter(string name, string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            char[] c = name == null ? null : name.ToCharArray();
            bool ok = c != null && c.Length > 0 && c.Length <= 128;
            for (int i = 0; ok && i < c.Length; i++)
            {
                ok = PercentEncoding.IsUnreserved(c[i]);
            }

            if (!ok)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidUsernameParameter, "A username parameter name must be 1-128 characters of [A-Za-z0-9._~-].");
            }

            if (AwsIotCustomAuth.EqualsIgnoreAsciiCase(name, AwsIotCustomAuth.AuthorizerNameKey)
                || AwsIotCustomAuth.EqualsIgnoreAsciiCase(name, AwsIotCustomAuth.SignatureKey)
                || (_tokenKeyName != null && AwsIotCustomAuth.EqualsIgnoreAsciiCase(name, _tokenKeyName)))
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidUsernameParameter, "The username parameter '" + name + "' is reserved for the authorizer.");
            }

            for (int i = 0; i < _extraNames.Length; i++)
            {
                if (AwsIotCustomAuth.EqualsIgnoreAsciiCase(name, _extraNames[i]))
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidUsernameParameter, "The username parameter '" + name + "' is already present.");
                }
            }

            if (PercentEncoding.EncodedLength(value) < 0)
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidUsernameParameter, "The value of username parameter '" + name + "' contains an unpaired surrogate.");
            }

            int n = _extraNames.Length;
            string[] names = new string[n + 1];
            string[] values = new string[n + 1];
            Array.Copy(_extraNames, names, n);
            Array.Copy(_extraValues, values, n);
            names[n] = name;
            values[n] = value;
            _extraNames = names;
            _extraValues = values;
            _extrasPart = null;
        }

        /// <inheritdoc />
        /// <exception cref="CredentialFormatException">A value breaks a service limit, or the username would be empty while the token goes in the password (<see cref="CredentialFormatReason.EmptyUsername"/>).</exception>
        /// <exception cref="TokenExpiredException">The token is expired.</exception>
        /// <exception cref="ClockNotSetException">The token has an expiry and the clock is not set.</exception>
        public MqttConnectCredentials Compose(AuthToken token, string clientId)
        {
            if (token == null)
            {
                throw new ArgumentNullException("token");
            }

            if (clientId == null)
            {
                throw new ArgumentNullException("clientId");
            }

            ClockGuard.EnsureSendable(token, _clock);
            AwsIotCustomAuth.ValidateClientId(clientId);

            // Each variable input is read into a char array once: the device re-counts a string on every access.
            char[] tokenChars = token.Token.ToCharArray();
            AwsIotCustomAuth.ValidateToken(tokenChars);
            char[] signature = null;
            if (!_signingDisabled)
            {
                if (token.TokenSignature == null)
                {
                    throw new CredentialFormatException(CredentialFormatReason.MissingTokenSignature, "The authorizer has signing enabled but the token has no signature.");
                }

                signature = token.TokenSignature.ToCharArray();
                AwsIotCustomAuth.ValidateTokenSignature(signature);
            }

            bool tokenInUsername = _placement == MqttTokenPlacement.UsernameParameter;
            char[] namePart = _namePart;
            char[] extrasPart = ExtrasPart();

            // Exact length: prefix, then each present parameter preceded by '?' (first) or '&'.
            int length = _prefixChars.Length;
            int count = 0;
            if (namePart != null)
            {
                length += namePart.Length;
                count++;
            }

            if (signature != null)
            {
                // The signature's Base64 alphabet leaves only '+', '/' and '=' to encode (3 chars each).
                length += _signatureKeyChars.Length + 1 + PercentEncoding.EncodedLength(signature);
                count++;
            }

            if (tokenInUsername)
            {
                length += _tokenKeyNameChars.Length + 1 + PercentEncoding.EncodedLength(tokenChars);
                count++;
            }

            if (extrasPart.Length > 0)
            {
                length += extrasPart.Length;
                count++;
            }

            length += count;
            int prefixExtraBytes = _prefixUtf8Bytes - _prefixChars.Length;
            if (length + prefixExtraBytes > AwsIotCustomAuth.MaxMqttUsernameBytes)
            {
                throw new CredentialFormatException(CredentialFormatReason.UsernameTooLong, "The MQTT username would be " + (length + prefixExtraBytes).ToString() + " bytes; the limit is 65535.");
            }

            if (length == 0)
            {
                // Only the token-in-password placement leaves the username empty, and a password
                // without a username is a protocol error [MQTT-3.1.2-22] (M2Mqtt omits an empty username).
                throw new CredentialFormatException(CredentialFormatReason.EmptyUsername, "The MQTT username would be empty while the token goes in the password; MQTT forbids a password without a username. Set UsernamePrefix (e.g. to the device id).");
            }

            char[] chars = WriteUsername(length, namePart, signature, tokenInUsername ? tokenChars : null, extrasPart);
            string username = new string(chars);

            byte[] password = null;
            if (_fixedPassword != null)
            {
                // Each credentials object gets its own copy: a caller that clears or edits the bytes it
                // was handed (after the CONNECT, say) must not change what later connects send.
                password = new byte[_fixedPassword.Length];
                Array.Copy(_fixedPassword, password, password.Length);
            }

            if (_placement == MqttTokenPlacement.Password)
            {
                password = System.Text.Encoding.UTF8.GetBytes(token.Token);
                if (password.Length > AwsIotCustomAuth.MaxMqttPasswordBytes)
                {
                    throw new CredentialFormatException(CredentialFormatReason.InvalidPasswordLength, "The MQTT password must be 1-65535 bytes.");
                }
            }

            return new MqttConnectCredentials(clientId, username, password);
        }

        /// <summary>The username's characters: the prefix, then each present parameter after '?' (first) or '&amp;'.</summary>
        private char[] WriteUsername(int length, char[] namePart, char[] signature, char[] tokenChars, char[] extrasPart)
        {
            char[] chars = new char[length];
            int pos = PercentEncoding.AppendRaw(chars, 0, _prefixChars);
            bool first = true;
            if (namePart != null)
            {
                chars[pos++] = '?';
                first = false;
                pos = PercentEncoding.AppendRaw(chars, pos, namePart);
            }

            if (signature != null)
            {
                chars[pos++] = first ? '?' : '&';
                first = false;
                pos = PercentEncoding.AppendRaw(chars, pos, _signatureKeyChars);
                chars[pos++] = '=';
                pos = PercentEncoding.Append(chars, pos, signature);
            }

            if (tokenChars != null)
            {
                chars[pos++] = first ? '?' : '&';
                first = false;
                pos = PercentEncoding.AppendRaw(chars, pos, _tokenKeyNameChars);
                chars[pos++] = '=';
                pos = PercentEncoding.Append(chars, pos, tokenChars);
            }

            if (extrasPart.Length > 0)
            {
                chars[pos++] = first ? '?' : '&';
                PercentEncoding.AppendRaw(chars, pos, extrasPart);
            }

            return chars;
        }

        private char[] ExtrasPart()
        {
            char[] part = _extrasPart;
            if (part != null)
            {
                return part;
            }

            string[] names = _extraNames;
            string[] values = _extraValues;
            int length = 0;
            for (int i = 0; i < names.Length; i++)
            {
                length += (i > 0 ? 1 : 0) + ParameterLength(names[i], values[i]);
            }

            char[] chars = new char[length];
            int pos = 0;
            for (int i = 0; i < names.Length; i++)
            {
                if (i > 0)
                {
                    chars[pos++] = '&';
                }

                pos = PercentEncoding.AppendRaw(chars, pos, names[i]);
                chars[pos++] = '=';
                pos = PercentEncoding.Append(chars, pos, values[i]);
            }

            _extrasPart = chars;
            return chars;
        }

        /// <summary>Length of "name=encoded value" (the name is unreserved characters only).</summary>
        private static int ParameterLength(string name, string value)
        {
            return name.Length + 1 + PercentEncoding.EncodedLength(value);
        }
    }
}
