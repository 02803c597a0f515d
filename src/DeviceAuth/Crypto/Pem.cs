using System;

using DeviceAuth.Encoding;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// Strict PEM (RFC 7468) reading: the first BEGIN line, the END line with the same label, and
    /// a body of canonical standard Base64 where only whitespace may separate characters. Text
    /// before BEGIN and after END is ignored, as RFC 7468 asks. Errors never quote the body.
    /// </summary>
    internal static class Pem
    {
        private const string BeginMarker = "-----BEGIN ";
        private const string EndMarker = "-----END ";
        private const string Dashes = "-----";

        /// <summary>
        /// Finds the first PEM block: returns the text's characters (read once) with the label and the
        /// range [<paramref name="bodyStart"/>, <paramref name="bodyEnd"/>) of the raw body between the armor lines.
        /// </summary>
        internal static char[] ReadBlock(string pem, out string label, out int bodyStart, out int bodyEnd)
        {
            if (pem == null)
            {
                throw new ArgumentNullException("pem");
            }

            char[] text = pem.ToCharArray();
            char[] dashes = Dashes.ToCharArray();
            char[] beginMarker = BeginMarker.ToCharArray();
            char[] endMarker = EndMarker.ToCharArray();
            int begin = AsciiText.IndexOfOrdinal(text, beginMarker, 0);
            if (begin < 0)
            {
                throw new RsaKeyException(RsaKeyError.MissingPemArmor, "The text has no '-----BEGIN <label>-----' line.");
            }

            int labelStart = begin + beginMarker.Length;
            int labelEnd = AsciiText.IndexOfOrdinal(text, dashes, labelStart);
            if (labelEnd < 0 || HasLineBreak(text, labelStart, labelEnd))
            {
                throw new RsaKeyException(RsaKeyError.MissingPemArmor, "The BEGIN line of the PEM text is not terminated by '-----'.");
            }

            label = new string(text, labelStart, labelEnd - labelStart);
            bodyStart = labelEnd + dashes.Length;
            int end = AsciiText.IndexOfOrdinal(text, endMarker, bodyStart);
            if (end < 0)
            {
                throw new RsaKeyException(RsaKeyError.MissingPemArmor, "The PEM text has no '-----END " + label + "-----' line.");
            }

            int endLabelStart = end + endMarker.Length;
            int endLabelEnd = AsciiText.IndexOfOrdinal(text, dashes, endLabelStart);
            if (endLabelEnd < 0 || HasLineBreak(text, endLabelStart, endLabelEnd))
            {
                throw new RsaKeyException(RsaKeyError.MissingPemArmor, "The END line of the PEM text is not terminated by '-----'.");
            }

            string endLabel = new string(text, endLabelStart, endLabelEnd - endLabelStart);
            if (endLabel != label)
            {
                throw new RsaKeyException(
                    RsaKeyError.MismatchedPemArmor,
                    "The PEM armor does not match: BEGIN " + Describe(label) + " but END " + Describe(endLabel) + ".");
            }

            bodyEnd = end;
            return text;
        }

        /// <summary>
        /// Decodes a PEM body as strict standard Base64 (alphabet A-Z a-z 0-9 + /, '=' padding only at
        /// the end, a multiple of four characters, zero unused bits); spaces, tabs and line breaks are skipped.
        /// </summary>
        internal static byte[] DecodeBase64(char[] text, int start, int end)
        {
            int significant = 0;
            int padding = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
                {
                    continue;
                }

                if (c == '=')
                {
                    padding++;
                }
                else if (Value(c) < 0)
                {
                    throw new RsaKeyException(
                        RsaKeyError.InvalidBase64,
                        "The PEM body contains a character outside the Base64 alphabet (at offset " + (i - start).ToString() + " of the body).");
                }
                else if (padding > 0)
                {
                    throw new RsaKeyException(RsaKeyError.InvalidBase64, "The PEM body has Base64 data after '=' padding.");
                }

                significant++;
            }

            if (significant == 0)
            {
                throw new RsaKeyException(RsaKeyError.InvalidBase64, "The PEM body is empty.");
            }

            if ((significant & 3) != 0)
            {
                throw new RsaKeyException(
                    RsaKeyError.InvalidBase64,
                    "The PEM body has " + significant.ToString() + " Base64 characters, not a multiple of 4.");
            }

            if (padding > 2)
            {
                throw new RsaKeyException(RsaKeyError.InvalidBase64, "The PEM body has more than two '=' padding characters.");
            }

            byte[] result = new byte[(significant >> 2) * 3 - padding];
            int bits = 0;
            int acc = 0;
            int o = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
                {
                    continue;
                }

                if (c == '=')
                {
                    break;
                }

                acc = (acc << 6) | Value(c);
                bits += 6;
                if (bits >= 8)
                {
                    bits -= 8;
                    result[o] = (byte)(acc >> bits);
                    o++;
                    acc &= (1 << bits) - 1;
                }
            }

            if (acc != 0)
            {
                throw new RsaKeyException(RsaKeyError.InvalidBase64, "The PEM body's Base64 has non-zero unused bits before the padding.");
            }

            return result;
        }

        /// <summary>Encodes DER bytes as PEM with 64-character lines and '\n' line ends.</summary>
        internal static string Encode(string label, byte[] der)
        {
            char[] base64 = Base64Url.EncodeStandardChars(der, 0, der.Length);
            int length = base64.Length;
            int lines = (length + 63) / 64;
            System.Text.StringBuilder sb = new System.Text.StringBuilder(length + lines + 2 * label.Length + 40);
            sb.Append(BeginMarker);
            sb.Append(label);
            sb.Append(Dashes);
            sb.Append('\n');
            for (int i = 0; i < length; i += 64)
            {
                int n = length - i;
                if (n > 64)
                {
                    n = 64;
                }

                sb.Append(base64, i, n);
                sb.Append('\n');
            }

            sb.Append(EndMarker);
            sb.Append(label);
            sb.Append(Dashes);
            sb.Append('\n');
            return sb.ToString();
        }

        private static bool HasLineBreak(char[] text, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                char c = text[i];
                if (c == '\n' || c == '\r')
                {
                    return true;
                }
            }

            return false;
        }

        // Labels are public metadata (RFC 7468), but keep them short and printable in messages.
        private static string Describe(string label)
        {
            if (label.Length > 40)
            {
                label = label.Substring(0, 40) + "...";
            }

            return "'" + label + "'";
        }

        private static int Value(char c)
        {
            return Base64Url.SextetValue(c, '+', '/');
        }
    }
}
