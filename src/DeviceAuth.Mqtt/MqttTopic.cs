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
            CheckText(topic);
            if (topic.IndexOf('+') >= 0 || topic.IndexOf('#') >= 0)
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
            CheckText(filter);
            int length = filter.Length;
            for (int i = 0; i < length; i++)
            {
                char c = filter[i];
                if (c != '+' && c != '#')
                {
                    continue;
                }

                bool levelStart = i == 0 || filter[i - 1] == '/';
                if (c == '#' && (!levelStart || i != length - 1))
                {
                    throw new ArgumentException("The wildcard '#' must be the whole last level of a topic filter.", "topic");
                }

                if (c == '+' && (!levelStart || (i + 1 < length && filter[i + 1] != '/')))
                {
                    throw new ArgumentException("The wildcard '+' must be a whole level of a topic filter.", "topic");
                }
            }
        }

        private static void CheckText(string topic)
        {
            if (topic == null || topic.Length == 0)
            {
                throw new ArgumentException("The topic must not be empty.", "topic");
            }

            long bytes = 0;
            int length = topic.Length;
            for (int i = 0; i < length; i++)
            {
                char c = topic[i];
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
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && topic[i + 1] >= 0xDC00 && topic[i + 1] <= 0xDFFF)
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
        }
    }
}
