using System;

namespace DeviceAuth.Crypto
{
    /// <summary>Just enough DER writing for SubjectPublicKeyInfo: headers with minimal definite lengths.</summary>
    internal static class DerWriter
    {
        /// <summary>The size of a tag and length header for content of <paramref name="length"/> bytes.</summary>
        internal static int HeaderSize(int length)
        {
            if (length < 0x80)
            {
                return 2;
            }

            if (length < 0x100)
            {
                return 3;
            }

            if (length < 0x10000)
            {
                return 4;
            }

            return 5;
        }

        /// <summary>Writes a tag and length at <paramref name="offset"/>; returns the offset after them.</summary>
        internal static int WriteHeader(byte[] output, int offset, int tag, int length)
        {
            output[offset] = (byte)tag;
            offset++;
            if (length < 0x80)
            {
                output[offset] = (byte)length;
                return offset + 1;
            }

            int count = HeaderSize(length) - 2;
            output[offset] = (byte)(0x80 | count);
            offset++;
            for (int i = count - 1; i >= 0; i--)
            {
                output[offset] = (byte)(length >> (8 * i));
                offset++;
            }

            return offset;
        }

        /// <summary>The content length of a non-negative INTEGER whose magnitude is <paramref name="magnitude"/> (big-endian, no leading zero).</summary>
        internal static int IntegerContentLength(byte[] magnitude)
        {
            if (magnitude.Length == 0)
            {
                return 1;
            }

            return (magnitude[0] & 0x80) != 0 ? magnitude.Length + 1 : magnitude.Length;
        }

        /// <summary>Writes a non-negative INTEGER; returns the offset after it.</summary>
        internal static int WriteInteger(byte[] output, int offset, byte[] magnitude)
        {
            int contentLength = IntegerContentLength(magnitude);
            offset = WriteHeader(output, offset, DerReader.TagInteger, contentLength);
            if (contentLength != magnitude.Length)
            {
                output[offset] = 0;
                offset++;
            }

            Array.Copy(magnitude, 0, output, offset, magnitude.Length);
            return offset + magnitude.Length;
        }
    }
}
