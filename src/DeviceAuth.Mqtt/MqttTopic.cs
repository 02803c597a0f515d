using System;

namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// MQTT 3.1.1 topic rules (sections 1.5.3 and 4.7), checked before a message is queued or a filter
    /// remembered, so a malformed one fails at the caller instead of at every later send.
    /// </summary>
    public static class MqttTopic
    {
        /// <summary>Longest topic name or filter, in UTF-8 bytes (a two-byte length prefix).</summary>
        public const int MaxUtf8Bytes = 65535;

        /// <summary>Throws unless <paramref name="topic"/> is a valid topic name to publish to: 1-65535 UTF-8 bytes, no wildcard ('+', '#'), no U+0000, no unpaired surrogate.</summary>
        /// <param name="topic">The topic name.</param>
        /// <exception cref="ArgumentException">It is not.</exception>
        public static void ValidateName(string topic)
        {
            char[] chars = CheckText(topic);
            if (DeviceAuth.Encoding.AsciiText.IndexOf(chars, '+', 0, chars.Length) >= 0 || DeviceAuth.Encoding.AsciiText.IndexOf(chars, '#', 0, chars.Length) >= 0)
            {
                throw new ArgumentException("A topic to publish to must not contain the wildcards '+' or '#'.", "topic");
            }
        }

        /// <summary>
        /// Throws unless <paramref name="filter"/> is a valid topic filter: 1-65535 UTF-8 bytes, no U+0000,
        /// no unpaired surrogate, '+' only as a whole level, '#' only as the whole last level.
        /// </summary>
        /// <param name="filter">The topic filter.</param>
        /// <exception cref="ArgumentException">It is not.</exception>
        public static void ValidateFilter(string filter)
        {
            char[] chars = CheckText(filter);
            int length = chars.Length;
            for (int i = 0; i < length; i++)
            {
                char c = chars[i];
                if (c != '+' && c != '#')
                {
                    continue;
                }

                bool levelStart = i == 0 || chars[i - 1] == '/';
                if (c == '#' && (!levelStart || i != length - 1))
                {
                    throw new ArgumentException("The wildcard '#' must be the whole last level of a topic filter.", "topic");
                }

                if (c == '+' && (!levelStart || (i + 1 < length && chars[i + 1] != '/')))
                {
                    throw new ArgumentException("The wildcard '+' must be a whole level of a topic filter.", "topic");
                }
            }
        }

        /// <summary>Checks the text of a topic name or filter; returns its characters, read once.</summary>
        private static char[] CheckText(string topic)
        {
            char[] chars = topic == null ? null : topic.ToCharArray();
            if (chars == null || chars.Length == 0)
            {
                throw new ArgumentException("The topic must not be empty.", "topic");
            }

            long bytes = 0;
            int length = chars.Length;
            for (int i = 0; i < length; i++)
            {
                char c = chars[i];
                if (c == '\0')
                {
                    throw new ArgumentException("The topic must not contain U+0000.", "topic");
                }

                if (c < 0x80)
                {
                    bytes += 1;
                }
                else if (c < 0x800)
                {
                    bytes += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && chars[i + 1] >= 0xDC00 && chars[i + 1] <= 0xDFFF)
                {
                    bytes += 4;
                    i++;
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    throw new ArgumentException("The topic must be well-formed UTF-16 (an unpaired surrogate has no UTF-8 form).", "topic");
                }
                else
                {
                    bytes += 3;
                }
            }

            if (bytes > MaxUtf8Bytes)
            {
                throw new ArgumentException("The topic must be at most 65535 UTF-8 bytes.", "topic");
            }

            return chars;
        }
    }
}
