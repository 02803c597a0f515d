using System;

namespace DeviceAuth.Encoding
{
    /// <summary>
    /// Strict UTF-8 to string conversion: the bytes are validated (no overlong forms, no
    /// surrogates, nothing above U+10FFFF, no truncated sequences) before the platform decoder,
    /// whose handling of malformed input differs between the device and .NET, sees them.
    /// </summary>
    public static class Utf8Text
    {
        /// <summary>Decodes <paramref name="count"/> bytes from <paramref name="offset"/> as UTF-8.</summary>
        /// <param name="bytes">The buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <exception cref="FormatException">The bytes are not well-formed UTF-8.</exception>
        public static string Decode(byte[] bytes, int offset, int count)
        {
            if (bytes == null)
            {
                throw new ArgumentNullException("bytes");
            }

            if (offset < 0 || count < 0 || offset > bytes.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset", "offset and count must describe a range inside bytes.");
            }

            Validate(bytes, offset, count);
            if (count == 0)
            {
                return string.Empty;
            }

            return System.Text.Encoding.UTF8.GetString(bytes, offset, count);
        }

        private static void Validate(byte[] bytes, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int needed;
                int min;
                int cp;
                if ((b & 0xE0) == 0xC0)
                {
                    needed = 1;
                    min = 0x80;
                    cp = b & 0x1F;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    needed = 2;
                    min = 0x800;
                    cp = b & 0x0F;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    needed = 3;
                    min = 0x10000;
                    cp = b & 0x07;
                }
                else
                {
                    throw new FormatException("Invalid UTF-8 lead byte.");
                }

                if (i + needed >= end)
                {
                    throw new FormatException("Truncated UTF-8 sequence.");
                }

                for (int k = 1; k <= needed; k++)
                {
                    int c = bytes[i + k];
                    if ((c & 0xC0) != 0x80)
                    {
                        throw new FormatException("Invalid UTF-8 continuation byte.");
                    }

                    cp = (cp << 6) | (c & 0x3F);
                }

                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    throw new FormatException("Invalid UTF-8 code point.");
                }

                i += needed + 1;
            }
        }
    }
}
