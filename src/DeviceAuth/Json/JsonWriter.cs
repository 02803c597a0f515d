using System;
using System.Text;

namespace DeviceAuth.Json
{
    /// <summary>
    /// A small forward-only JSON writer (RFC 8259) producing compact text with no whitespace. It keeps
    /// track of nesting and commas and throws <see cref="InvalidOperationException"/> on misuse (a
    /// value where a name is expected, unbalanced ends, more than <see cref="MaxDepth"/> levels).
    /// Strings are escaped: '"', '\\', every control character below U+0020 (as \b \f \n \r \t or
    /// \u00XX), U+007F, U+2028 and U+2029 (as \uXXXX); other characters are written as they are.
    /// A string with an unpaired surrogate is refused, since its UTF-8 form would silently differ.
    /// </summary>
    public sealed class JsonWriter
    {
        /// <summary>Deepest nesting accepted.</summary>
        public const int MaxDepth = 32;


        private readonly StringBuilder _sb;
        private readonly bool[] _isObject = new bool[MaxDepth];
        private readonly bool[] _hasItems = new bool[MaxDepth];
        private int _depth;
        private bool _afterName;
        private bool _done;

        /// <summary>Creates a writer.</summary>
        public JsonWriter()
            : this(256)
        {
        }

        /// <summary>Creates a writer with an initial buffer capacity.</summary>
        /// <param name="capacity">Initial capacity in characters.</param>
        public JsonWriter(int capacity)
        {
            _sb = new StringBuilder(capacity < 16 ? 16 : capacity);
        }

        /// <summary>True when a complete top-level value has been written.</summary>
        public bool IsComplete
        {
            get { return _done; }
        }

        /// <summary>Starts an object.</summary>
        public JsonWriter BeginObject()
        {
            BeforeValue();
            Push(true);
            _sb.Append('{');
            return this;
        }

        /// <summary>Ends the current object.</summary>
        public JsonWriter EndObject()
        {
            Pop(true);
            _sb.Append('}');
            return this;
        }

        /// <summary>Starts an array.</summary>
        public JsonWriter BeginArray()
        {
            BeforeValue();
            Push(false);
            _sb.Append('[');
            return this;
        }

        /// <summary>Ends the current array.</summary>
        public JsonWriter EndArray()
        {
            Pop(false);
            _sb.Append(']');
            return this;
        }

        /// <summary>Writes a property name (inside an object, before its value).</summary>
        /// <param name="name">The name.</param>
        public JsonWriter Name(string name)
        {
            if (name == null)
            {
                throw new ArgumentNullException("name");
            }

            if (_depth == 0 || !_isObject[_depth - 1] || _afterName)
            {
                throw new InvalidOperationException("A property name is only valid inside an object, before a value.");
            }

            if (_hasItems[_depth - 1])
            {
                _sb.Append(',');
            }

            _hasItems[_depth - 1] = true;
            AppendQuoted(_sb, name);
            _sb.Append(':');
            _afterName = true;
            return this;
        }

        /// <summary>Writes a string value (null writes JSON null).</summary>
        /// <param name="value">The value.</param>
        public JsonWriter Value(string value)
        {
            if (value == null)
            {
                return Null();
            }

            BeforeValue();
            AppendQuoted(_sb, value);
            AfterValue();
            return this;
        }

        /// <summary>Writes an integer value.</summary>
        /// <param name="value">The value.</param>
        public JsonWriter Value(long value)
        {
            BeforeValue();
            _sb.Append(value);
            AfterValue();
            return this;
        }

        /// <summary>Writes true or false.</summary>
        /// <param name="value">The value.</param>
        public JsonWriter Value(bool value)
        {
            BeforeValue();
            _sb.Append(value ? "true" : "false");
            AfterValue();
            return this;
        }

        /// <summary>Writes null.</summary>
        public JsonWriter Null()
        {
            BeforeValue();
            _sb.Append("null");
            AfterValue();
            return this;
        }

        /// <summary>Writes a name and a string value.</summary>
        /// <param name="name">The property name.</param>
        /// <param name="value">The value (null writes JSON null).</param>
        public JsonWriter Property(string name, string value)
        {
            return Name(name).Value(value);
        }

        /// <summary>Writes a name and an integer value.</summary>
        /// <param name="name">The property name.</param>
        /// <param name="value">The value.</param>
        public JsonWriter Property(string name, long value)
        {
            return Name(name).Value(value);
        }

        /// <summary>Writes a name and a boolean value.</summary>
        /// <param name="name">The property name.</param>
        /// <param name="value">The value.</param>
        public JsonWriter Property(string name, bool value)
        {
            return Name(name).Value(value);
        }

        /// <summary>Returns the JSON text; throws when the top-level value is not complete.</summary>
        public string GetJson()
        {
            if (!_done)
            {
                throw new InvalidOperationException("The JSON value is not complete.");
            }

            return _sb.ToString();
        }

        /// <summary>Returns the text written so far (possibly incomplete).</summary>
        public override string ToString()
        {
            return _sb.ToString();
        }

        /// <summary>Returns <paramref name="value"/> as a quoted, escaped JSON string.</summary>
        /// <param name="value">The string.</param>
        public static string Quote(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            StringBuilder sb = new StringBuilder(value.Length + 8);
            AppendQuoted(sb, value);
            return sb.ToString();
        }

        /// <summary>Appends <paramref name="value"/> to <paramref name="sb"/> as a quoted, escaped JSON string.</summary>
        /// <param name="sb">The destination.</param>
        /// <param name="value">The string.</param>
        /// <exception cref="ArgumentException">The string contains an unpaired surrogate.</exception>
        public static void AppendQuoted(StringBuilder sb, string value)
        {
            if (sb == null)
            {
                throw new ArgumentNullException("sb");
            }

            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            sb.Append('"');
            char[] chars = value.ToCharArray();
            int length = chars.Length;
            int runStart = 0;
            for (int i = 0; i < length; i++)
            {
                char c = chars[i];
                string escape = null;
                bool hex = false;
                if (c == '"')
                {
                    escape = "\\\"";
                }
                else if (c == '\\')
                {
                    escape = "\\\\";
                }
                else if (c < ' ')
                {
                    if (c == '\n')
                    {
                        escape = "\\n";
                    }
                    else if (c == '\r')
                    {
                        escape = "\\r";
                    }
                    else if (c == '\t')
                    {
                        escape = "\\t";
                    }
                    else if (c == '\b')
                    {
                        escape = "\\b";
                    }
                    else if (c == '\f')
                    {
                        escape = "\\f";
                    }
                    else
                    {
                        hex = true;
                    }
                }
                else if (c == '\u007f' || c == '\u2028' || c == '\u2029')
                {
                    hex = true;
                }
                else if (c >= '\ud800' && c <= '\udfff')
                {
                    bool paired = c <= '\udbff' && i + 1 < length && chars[i + 1] >= '\udc00' && chars[i + 1] <= '\udfff';
                    if (!paired)
                    {
                        throw new ArgumentException("The string contains an unpaired surrogate and cannot be written as JSON.", "value");
                    }

                    i++;
                    continue;
                }
                else
                {
                    continue;
                }

                // Flush the plain run before this character.
                if (i > runStart)
                {
                    sb.Append(chars, runStart, i - runStart);
                }

                runStart = i + 1;

                if (hex)
                {
                    sb.Append("\\u");
                    sb.Append(HexDigit((c >> 12) & 0xF));
                    sb.Append(HexDigit((c >> 8) & 0xF));
                    sb.Append(HexDigit((c >> 4) & 0xF));
                    sb.Append(HexDigit(c & 0xF));
                }
                else
                {
                    sb.Append(escape);
                }
            }

            if (length > runStart)
            {
                sb.Append(chars, runStart, length - runStart);
            }

            sb.Append('"');
        }

        private static char HexDigit(int v)
        {
            return (char)(v < 10 ? '0' + v : 'a' + v - 10);
        }

        private void BeforeValue()
        {
            if (_done)
            {
                throw new InvalidOperationException("The JSON value is already complete.");
            }

            if (_depth > 0)
            {
                if (_isObject[_depth - 1])
                {
                    if (!_afterName)
                    {
                        throw new InvalidOperationException("A value inside an object needs a property name first.");
                    }
                }
                else
                {
                    if (_hasItems[_depth - 1])
                    {
                        _sb.Append(',');
                    }

                    _hasItems[_depth - 1] = true;
                }
            }

            _afterName = false;
        }

        private void AfterValue()
        {
            if (_depth == 0)
            {
                _done = true;
            }
        }

        private void Push(bool isObject)
        {
            if (_depth == MaxDepth)
            {
                throw new InvalidOperationException("JSON nesting is deeper than MaxDepth.");
            }

            _isObject[_depth] = isObject;
            _hasItems[_depth] = false;
            _depth++;
        }

        private void Pop(bool isObject)
        {
            if (_depth == 0 || _isObject[_depth - 1] != isObject || _afterName)
            {
                throw new InvalidOperationException(isObject ? "EndObject does not match an open object." : "EndArray does not match an open array.");
            }

            _depth--;
            AfterValue();
        }
    }
}
