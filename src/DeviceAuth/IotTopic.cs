using System;

namespace DeviceAuth
{
    /// <summary>Checks AWS IoT topic names and filters before anything is queued or sent, for MQTT and HTTPS publish alike.</summary>
    /// <remarks>
    /// MQTT 3.1.1 topic rules (sections 1.5.3 and 4.7) and AWS IoT Core's data-plane limits: at most
    /// 256 UTF-8 bytes and 7 slashes, not counting the 3 of a Basic Ingest <c>$aws/rules/&lt;rule&gt;/</c>
    /// prefix; topics beginning with '$' are reserved, so only <c>$aws/...</c> ones are accepted; no
    /// control character. A malformed topic fails at the caller instead of at every later send.
    /// </remarks>
    public static class IotTopic
    {
        /// <summary>Longest topic name or filter MQTT can carry, in UTF-8 bytes (a two-byte length prefix).</summary>
        public const int MaxUtf8Bytes = 65535;

        /// <summary>Longest topic name or filter AWS IoT Core accepts when publishing or subscribing, in UTF-8 bytes.</summary>
        public const int AwsIotMaxUtf8Bytes = 256;

        /// <summary>Most forward slashes AWS IoT Core accepts in a topic name or filter (the Basic Ingest prefix's 3 not counted).</summary>
        public const int AwsIotMaxSlashes = 7;

        private static readonly char[] BasicIngestPrefix = "$aws/rules/".ToCharArray();

        private static readonly char[] AwsPrefix = "$aws/".ToCharArray();

        /// <summary>Throws unless <paramref name="topic"/> is a valid topic name to publish to: 1-256 UTF-8 bytes, at most 7 slashes, no wildcard ('+', '#'), no control character, no unpaired surrogate, '$' only as <c>$aws/</c>.</summary>
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
        /// Throws unless <paramref name="filter"/> is a valid topic filter: 1-256 UTF-8 bytes, at most 7 slashes,
        /// no control character, no unpaired surrogate, '+' only as a whole level, '#' only as the whole last level.
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

            int at = Credentials.AwsIotCustomAuth.IndexOfControl(chars);
            if (at >= 0)
            {
                throw new ArgumentException("The topic must not contain control characters (U+0000-U+001F, U+007F-U+009F); one is at index " + at.ToString() + ".", "topic");
            }

            int bytes = Credentials.AwsIotCustomAuth.Utf8Length(chars, 0, chars.Length);
            if (bytes < 0)
            {
                throw new ArgumentException("The topic must be well-formed UTF-16 (an unpaired surrogate has no UTF-8 form).", "topic");
            }

            if (bytes > AwsIotMaxUtf8Bytes)
            {
                throw new ArgumentException("The topic is " + bytes.ToString() + " UTF-8 bytes; AWS IoT Core accepts at most 256.", "topic");
            }

            CheckAwsIotLevels(chars);
            return chars;
        }

        /// <summary>AWS IoT Core's level rules: '$' only as <c>$aws/</c>, at most 7 slashes (a Basic Ingest prefix's 3 not counted).</summary>
        private static void CheckAwsIotLevels(char[] chars)
        {
            bool basicIngest = chars.Length >= BasicIngestPrefix.Length && DeviceAuth.Encoding.AsciiText.MatchesAt(chars, 0, BasicIngestPrefix);
            if (chars[0] == '$' && !(chars.Length >= AwsPrefix.Length && DeviceAuth.Encoding.AsciiText.MatchesAt(chars, 0, AwsPrefix)))
            {
                throw new ArgumentException("Topics beginning with '$' are reserved; AWS IoT Core accepts only its own under '$aws/'.", "topic");
            }

            int slashes = 0;
            int length = chars.Length;
            for (int i = 0; i < length; i++)
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
