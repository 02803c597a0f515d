using System;

namespace DeviceAuth.Json
{
    /// <summary>
    /// A strict, forward-only JSON reader (RFC 8259) over a string: exactly one top-level value with
    /// optional surrounding whitespace; no comments, no trailing commas, no single quotes, no leading
    /// zeros, no NaN/Infinity, no unescaped control characters, no unpaired surrogates, no <c>\u0000</c>
    /// (a device string ends at U+0000, so it is refused on both builds), nesting at
    /// most <see cref="MaxDepth"/>. Any violation throws <see cref="FormatException"/> with the
    /// offset; messages never quote the input (it may carry a token). Duplicate property names are
    /// not detected here: a caller that cares checks them. The text is read once into a char array
    /// (on the device, indexing a string re-counts it from the start), and escapes are decoded and
    /// checked for unpaired surrogates before a string is made (a device string cannot hold one).
    /// </summary>
    public sealed class JsonReader
    {
        /// <summary>Deepest nesting accepted.</summary>
        public const int MaxDepth = 64;

        private const int StateValue = 0;
        private const int StateValueOrEndArray = 1;
        private const int StateNameOrEndObject = 2;
        private const int StateName = 3;
        private const int StateAfterValue = 4;
        private const int StateEnd = 5;

        private readonly char[] _json;
        private readonly int _length;
        private readonly bool[] _isObject = new bool[MaxDepth];
        private int _pos;
        private int _depth;
        private int _state;
        private JsonTokenType _tokenType;
        private string _string;
        private int _numberStart;
        private int _numberEnd;
        private bool _numberIsInteger;

        /// <summary>Creates a reader over <paramref name="json"/>.</summary>
        /// <param name="json">The JSON text.</param>
        public JsonReader(string json)
        {
            if (json == null)
            {
                throw new ArgumentNullException("json");
            }

            _json = json.ToCharArray();
            _length = _json.Length;
            _state = StateValue;
        }

        /// <summary>The token the reader is positioned on.</summary>
        public JsonTokenType TokenType
        {
            get { return _tokenType; }
        }

        /// <summary>Nesting depth: 0 at top level, 1 inside the outermost object or array, and so on (a Start/End token reports the depth outside it).</summary>
        public int Depth
        {
            get { return (_tokenType == JsonTokenType.StartObject || _tokenType == JsonTokenType.StartArray) ? _depth - 1 : _depth; }
        }

        /// <summary>Offset of the next character to read.</summary>
        public int Position
        {
            get { return _pos; }
        }

        /// <summary>Advances to the next token.</summary>
        /// <returns>False once the single top-level value has been read completely (and only whitespace follows).</returns>
        /// <exception cref="FormatException">The text is not strict JSON.</exception>
        public bool Read()
        {
            _string = null;
            while (true)
            {
                SkipWhitespace();
                switch (_state)
                {
                    case StateEnd:
                        _tokenType = JsonTokenType.None;
                        return false;

                    case StateAfterValue:
                        if (_depth == 0)
                        {
                            if (_pos != _length)
                            {
                                throw Error("unexpected text after the top-level value");
                            }

                            _state = StateEnd;
                            _tokenType = JsonTokenType.None;
                            return false;
                        }

                        char c = Peek("',' or a closing bracket");
                        if (c == ',')
                        {
                            _pos++;
                            _state = _isObject[_depth - 1] ? StateName : StateValue;
                            continue;
                        }

                        if (c == '}' && _isObject[_depth - 1])
                        {
                            _pos++;
                            return Close(JsonTokenType.EndObject);
                        }

                        if (c == ']' && !_isObject[_depth - 1])
                        {
                            _pos++;
                            return Close(JsonTokenType.EndArray);
                        }

                        throw Error("expected ',' or a closing bracket");

                    case StateNameOrEndObject:
                    case StateName:
                        char n = Peek("a property name");
                        if (n == '}' && _state == StateNameOrEndObject)
                        {
                            _pos++;
                            return Close(JsonTokenType.EndObject);
                        }

                        if (n != '"')
                        {
                            throw Error("expected a property name");
                        }

                        _string = ReadString();
                        SkipWhitespace();
                        if (Peek("':'") != ':')
                        {
                            throw Error("expected ':'");
                        }

                        _pos++;
                        _state = StateValue;
                        _tokenType = JsonTokenType.PropertyName;
                        return true;

                    default:
                        char v = Peek("a value");
                        if (v == ']' && _state == StateValueOrEndArray)
                        {
                            _pos++;
                            return Close(JsonTokenType.EndArray);
                        }

                        return ReadValue(v);
                }
            }
        }

        /// <summary>The text of the current <see cref="JsonTokenType.String"/> or <see cref="JsonTokenType.PropertyName"/>.</summary>
        public string GetString()
        {
            if (_tokenType != JsonTokenType.String && _tokenType != JsonTokenType.PropertyName)
            {
                throw new InvalidOperationException("The current token is not a string or a property name.");
            }

            return _string;
        }

        /// <summary>The current <see cref="JsonTokenType.Number"/> as a 64-bit integer.</summary>
        /// <exception cref="FormatException">The number has a fraction or exponent, or does not fit.</exception>
        public long GetInt64()
        {
            if (_tokenType != JsonTokenType.Number)
            {
                throw new InvalidOperationException("The current token is not a number.");
            }

            if (!_numberIsInteger)
            {
                throw new FormatException("The JSON number at offset " + _numberStart.ToString() + " is not an integer.");
            }

            bool negative = _json[_numberStart] == '-';
            int i = negative ? _numberStart + 1 : _numberStart;
            long value = 0;
            for (; i < _numberEnd; i++)
            {
                int digit = _json[i] - '0';

                // Accumulate negatively so that long.MinValue fits.
                if (value < (long.MinValue + digit) / 10)
                {
                    throw new FormatException("The JSON number at offset " + _numberStart.ToString() + " does not fit in 64 bits.");
                }

                value = value * 10 - digit;
            }

            if (!negative)
            {
                if (value == long.MinValue)
                {
                    throw new FormatException("The JSON number at offset " + _numberStart.ToString() + " does not fit in 64 bits.");
                }

                value = -value;
            }

            return value;
        }

        /// <summary>The current <see cref="JsonTokenType.Number"/> exactly as written.</summary>
        public string GetNumberText()
        {
            if (_tokenType != JsonTokenType.Number)
            {
                throw new InvalidOperationException("The current token is not a number.");
            }

            return new string(_json, _numberStart, _numberEnd - _numberStart);
        }

        /// <summary>The current <see cref="JsonTokenType.True"/> or <see cref="JsonTokenType.False"/>.</summary>
        public bool GetBoolean()
        {
            if (_tokenType == JsonTokenType.True)
            {
                return true;
            }

            if (_tokenType == JsonTokenType.False)
            {
                return false;
            }

            throw new InvalidOperationException("The current token is not a boolean.");
        }

        /// <summary>
        /// Skips the current value: on a property name, its value; on a start token, everything up to
        /// and including the matching end token; on a scalar, nothing.
        /// </summary>
        public void Skip()
        {
            if (_tokenType == JsonTokenType.PropertyName)
            {
                Read();
            }

            if (_tokenType == JsonTokenType.StartObject || _tokenType == JsonTokenType.StartArray)
            {
                int target = _depth - 1;
                while (Read())
                {
                    if ((_tokenType == JsonTokenType.EndObject || _tokenType == JsonTokenType.EndArray) && _depth == target)
                    {
                        return;
                    }
                }

                throw Error("unexpected end of input");
            }
        }

        private bool Close(JsonTokenType type)
        {
            _depth--;
            _state = StateAfterValue;
            _tokenType = type;
            return true;
        }

        private bool ReadValue(char c)
        {
            if (c == '{' || c == '[')
            {
                if (_depth == MaxDepth)
                {
                    throw Error("nesting deeper than " + MaxDepth.ToString());
                }

                _pos++;
                _isObject[_depth] = c == '{';
                _depth++;
                _state = c == '{' ? StateNameOrEndObject : StateValueOrEndArray;
                _tokenType = c == '{' ? JsonTokenType.StartObject : JsonTokenType.StartArray;
                return true;
            }

            _state = StateAfterValue;
            if (c == '"')
            {
                _string = ReadString();
                _tokenType = JsonTokenType.String;
                return true;
            }

            if (c == 't')
            {
                ExpectLiteral("true");
                _tokenType = JsonTokenType.True;
                return true;
            }

            if (c == 'f')
            {
                ExpectLiteral("false");
                _tokenType = JsonTokenType.False;
                return true;
            }

            if (c == 'n')
            {
                ExpectLiteral("null");
                _tokenType = JsonTokenType.Null;
                return true;
            }

            if (c == '-' || (c >= '0' && c <= '9'))
            {
                ReadNumber();
                _tokenType = JsonTokenType.Number;
                return true;
            }

            throw Error("expected a value");
        }

        private void ExpectLiteral(string literal)
        {
            char[] expected = literal.ToCharArray();
            int length = expected.Length;
            if (_pos + length > _length)
            {
                throw Error("unexpected end of input");
            }

            for (int i = 0; i < length; i++)
            {
                if (_json[_pos + i] != expected[i])
                {
                    throw Error("invalid literal");
                }
            }

            _pos += length;
        }

        private void ReadNumber()
        {
            int start = _pos;
            int length = _length;
            bool integer = true;
            if (_json[_pos] == '-')
            {
                _pos++;
            }

            if (_pos >= length || !IsDigit(_json[_pos]))
            {
                throw Error("a number needs digits");
            }

            if (_json[_pos] == '0')
            {
                _pos++;
                if (_pos < length && IsDigit(_json[_pos]))
                {
                    throw Error("a number must not have leading zeros");
                }
            }
            else
            {
                while (_pos < length && IsDigit(_json[_pos]))
                {
                    _pos++;
                }
            }

            if (_pos < length && _json[_pos] == '.')
            {
                integer = false;
                _pos++;
                if (_pos >= length || !IsDigit(_json[_pos]))
                {
                    throw Error("a fraction needs digits");
                }

                while (_pos < length && IsDigit(_json[_pos]))
                {
                    _pos++;
                }
            }

            if (_pos < length && (_json[_pos] == 'e' || _json[_pos] == 'E'))
            {
                integer = false;
                _pos++;
                if (_pos < length && (_json[_pos] == '+' || _json[_pos] == '-'))
                {
                    _pos++;
                }

                if (_pos >= length || !IsDigit(_json[_pos]))
                {
                    throw Error("an exponent needs digits");
                }

                while (_pos < length && IsDigit(_json[_pos]))
                {
                    _pos++;
                }
            }

            _numberStart = start;
            _numberEnd = _pos;
            _numberIsInteger = integer;
        }

        private string ReadString()
        {
            // _json[_pos] is the opening quote. First pass: find the closing quote, check every
            // escape and count the decoded characters; second pass (only when there are escapes):
            // decode into a char array. Either way the characters are checked for unpaired
            // surrogates before a string is made of them.
            _pos++;
            int start = _pos;
            int decoded = ScanString();
            int end = _pos;
            _pos++;
            if (decoded == end - start)
            {
                CheckSurrogates(_json, start, end, start);
                return new string(_json, start, end - start);
            }

            char[] chars = new char[decoded];
            int o = 0;
            for (int i = start; i < end; i++)
            {
                char c = _json[i];
                if (c == '\\')
                {
                    c = _json[++i];
                    if (c == 'u')
                    {
                        c = (char)((HexValue(_json[i + 1]) << 12) | (HexValue(_json[i + 2]) << 8) | (HexValue(_json[i + 3]) << 4) | HexValue(_json[i + 4]));
                        i += 4;
                    }
                    else
                    {
                        c = Unescape(c);
                    }
                }

                chars[o++] = c;
            }

            CheckSurrogates(chars, 0, decoded, start);
            return new string(chars);
        }

        /// <summary>Moves <see cref="_pos"/> to the closing quote of the string starting there; returns its decoded length.</summary>
        private int ScanString()
        {
            int length = _length;
            int decoded = 0;
            while (true)
            {
                if (_pos >= length)
                {
                    throw Error("unterminated string");
                }

                char c = _json[_pos];
                if (c == '"')
                {
                    return decoded;
                }

                if (c < ' ')
                {
                    throw Error("unescaped control character in a string");
                }

                decoded++;
                if (c != '\\')
                {
                    _pos++;
                    continue;
                }

                if (_pos + 1 >= length)
                {
                    throw Error("unterminated escape");
                }

                char e = _json[_pos + 1];
                _pos += 2;
                if (e == 'u')
                {
                    if (_pos + 4 > length)
                    {
                        throw Error("truncated \\u escape");
                    }

                    int code = 0;
                    for (int k = 0; k < 4; k++)
                    {
                        int h = HexValue(_json[_pos + k]);
                        if (h < 0)
                        {
                            throw Error("invalid \\u escape");
                        }

                        code = (code << 4) | h;
                    }

                    if (code == 0)
                    {
                        // A device string ends at U+0000: refused on both builds so both read the same.
                        throw Error("\\u0000 is not accepted");
                    }

                    _pos += 4;
                }
                else if (Unescape(e) == '\0')
                {
                    _pos -= 1;
                    throw Error("invalid escape");
                }
            }
        }

        /// <summary>The character a one-letter escape stands for, or U+0000 when it is not one.</summary>
        private static char Unescape(char e)
        {
            switch (e)
            {
                case '"':
                    return '"';
                case '\\':
                    return '\\';
                case '/':
                    return '/';
                case 'b':
                    return '\b';
                case 'f':
                    return '\f';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                default:
                    return '\0';
            }
        }

        private static void CheckSurrogates(char[] s, int from, int to, int offset)
        {
            for (int i = from; i < to; i++)
            {
                char c = s[i];
                if (c < '\ud800' || c > '\udfff')
                {
                    continue;
                }

                if (c <= '\udbff' && i + 1 < to && s[i + 1] >= '\udc00' && s[i + 1] <= '\udfff')
                {
                    i++;
                    continue;
                }

                throw new FormatException("Invalid JSON: unpaired surrogate in the string starting at offset " + offset.ToString() + ".");
            }
        }

        private void SkipWhitespace()
        {
            int length = _length;
            while (_pos < length)
            {
                char c = _json[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        private char Peek(string expected)
        {
            if (_pos >= _length)
            {
                throw Error("unexpected end of input, expected " + expected);
            }

            return _json[_pos];
        }

        private FormatException Error(string what)
        {
            return new FormatException("Invalid JSON at offset " + _pos.ToString() + ": " + what + ".");
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
