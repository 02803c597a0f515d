using System;

namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// MQTT 3.1.1 topic rules (sections 1.5.3 and 4.7) and AWS IoT Core's data-plane limits (at most
    /// 256 UTF-8 bytes and 7 slashes, not counting the 3 of a Basic Ingest <c>$aws/rules/&lt;rule&gt;/</c>
    /// prefix; topics beginning with '$' are reserved, so only <c>$aws/...</c> ones are accepted; no
    /// control character), checked before a message is queued or a filter remembered, so a malformed
    /// one fails at the caller instead of at every later send.
    /// </summary>
    public static class MqttTopic
    {
        /// <summary>Longest topic name or filter MQTT can carry, in UTF-8 bytes (a two-byte length prefix).</summary>
        public const int MaxUtf8Bytes = 65535;

        /// <summary>Longest topic name or filter AWS IoT Core accepts when publishing or subscribing, in UTF-8 bytes.</summary>
        public const int AwsIotMaxUtf8Bytes = 256;

        /// <summary>Most forward slashes AWS IoT Core accepts in a topic name or filter (the Basic Ingest prefix's 3 not counted).</summary>
        public const int AwsIotMaxSlashes = 7;

        private const string BasicIngestPrefix = "$aws/rules/";

        /// <summary>Throws unless <paramref name="topic"/> is a valid topic name to publish to: 1-256 UTF-8 bytes, at most 7 slashes, no wildcard ('+', '#'), no control character, no unpaired surrogate, '$' only as <c>$aws/</c>.</summary>
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
        /// Throws unless <paramref name="filter"/> is a valid topic filter: 1-256 UTF-8 bytes, at most 7 slashes,
        /// no control character, no unpaired surrogate, '+' only as a whole level, '#' only as the whole last level.
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
                if (c < ' ' || (c >= (char)0x7F && c <= (char)0x9F))
                {
                    throw new ArgumentException("The topic must not contain control characters (U+0000-U+001F, U+007F-U+009F); one is at index " + i.ToString() + ".", "topic");
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

            if (bytes > AwsIotMaxUtf8Bytes)
            {
                throw new ArgumentException("The topic is " + bytes.ToString() + " UTF-8 bytes; AWS IoT Core accepts at most 256.", "topic");
            }

            CheckAwsIotLevels(topic);
        }

        private static void CheckAwsIotLevels(string topic)
        {
            bool basicIngest = DeviceAuth.Encoding.AsciiText.StartsWithOrdinal(topic, BasicIngestPrefix);
            if (topic[0] == '$' && !DeviceAuth.Encoding.AsciiText.StartsWithOrdinal(topic, "$aws/"))
            {
                throw new ArgumentException("Topics beginning with '$' are reserved; AWS IoT Core accepts only its own under '$aws/'.", "topic");
            }

            int slashes = 0;
            char[] chars = topic.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '/')
                {
                    slashes++;
                }
            }

            if (basicIngest)
            {
                // $aws/rules/<rule-name>/: the 3 slashes of the mandatory segments are not counted.
                slashes = slashes < 3 ? 0 : slashes - 3;
            }

            if (slashes > AwsIotMaxSlashes)
            {
                throw new ArgumentException("The topic has " + slashes.ToString() + " forward slashes; AWS IoT Core accepts at most 7 (8 levels).", "topic");
            }
        }
    }
}
