using System;
using System.IO;
using System.Net.Http;
using DeviceAuth.Encoding;

namespace DeviceAuth.Http
{
    /// <summary>Reads a response body with a size limit (the device heap is small).</summary>
    public static class HttpBody
    {
        /// <summary>Reads the body of <paramref name="response"/> as strict UTF-8 text.</summary>
        /// <param name="response">The response.</param>
        /// <param name="maxBytes">Largest body accepted.</param>
        /// <exception cref="IOException">The body is larger than <paramref name="maxBytes"/>.</exception>
        /// <exception cref="FormatException">The body is not UTF-8.</exception>
        public static string ReadString(HttpResponseMessage response, int maxBytes)
        {
            if (response == null)
            {
                throw new ArgumentNullException("response");
            }

            if (maxBytes < 1)
            {
                throw new ArgumentOutOfRangeException("maxBytes", "maxBytes must be positive.");
            }

            HttpContent content = response.Content;
            if (content == null)
            {
                return string.Empty;
            }

            Stream stream = content.ReadAsStream();
            byte[] buffer = new byte[256];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= maxBytes + 1)
                    {
                        throw new IOException("The response body is larger than " + maxBytes.ToString() + " bytes.");
                    }

                    int grown = buffer.Length * 2 > maxBytes + 1 ? maxBytes + 1 : buffer.Length * 2;
                    byte[] larger = new byte[grown];
                    Array.Copy(buffer, larger, length);
                    buffer = larger;
                }

                int n = stream.Read(buffer, length, buffer.Length - length);
                if (n <= 0)
                {
                    break;
                }

                length += n;
            }

            if (length > maxBytes)
            {
                throw new IOException("The response body is larger than " + maxBytes.ToString() + " bytes.");
            }

            return Utf8Text.Decode(buffer, 0, length);
        }
    }
}
