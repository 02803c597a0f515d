using System;

using DeviceAuth.Encoding;

namespace DeviceAuth.Crypto
{
    /// <summary>
    /// Strict PEM (RFC 7468) reading: the first BEGIN line, the END line with the same label, and
    /// a body of canonical standard Base64 where only whitespace may separate characters. Text
    /// before BEGIN and after END is ignored, as RFC 7468 asks. Errors never quote the body, nor a
    /// label other than the known key labels (a damaged BEGIN line makes the key's Base64 a "label").
    /// </summary>
    internal static class Pem
    {
        private const string BeginMarker = "-----BEGIN ";
        private const string EndMarker = "-----END ";
        private const string Dashes = "-----";

        /// <summary>Finds the first PEM block; returns its label and the raw body text between the armor lines.</summary>
        internal static string ReadBlock(string pem, out string label)
        {
            if (pem == null)
            {
                throw new ArgumentNullException("pem");
            }

            int begin = AsciiText.IndexOfOrdinal(pem, BeginMarker);
            if (begin < 0)
            {
                throw new RsaKeyException(RsaKeyError.MissingPemArmor, "The text has no '-----BEGIN <label>-----' line.");
            }

            int labelStart = begin + BeginMarker.Length;
            int labelEnd = AsciiText.IndexOfOrdinal(pem, Dashes, labelStart);
            if (labelEnd < 0 || HasLineBreak(pem, labelStart, labelEnd))
            {
                throw new RsaKeyException(RsaKeyError.MissingPemArmor, "The BEGIN line of the PEM text is not terminated by '-----'.");
            }

            label = pem.Substring(labelStart, labelEnd - labelStart);
            int bodyStart = labelEnd + Dashes.Length;
            int end = AsciiText.IndexOfOrdinal(pem, EndMarker, bodyStart);
            if (end < 0)
            {
                throw new RsaKeyException(RsaKeyError.MissingPemArmor, "The PEM text has no '-----END <label>-----' line after the BEGIN line at offset " + begin.ToString() + " (label " + Describe(label) + ").");
            }

            int endLabelStart = end + EndMarker.Length;
            int endLabelEnd = AsciiText.IndexOfOrdinal(pem, Dashes, endLabelStart);
            if (endLabelEnd < 0 || HasLineBreak(pem, endLabelStart, endLabelEnd))
            {
                throw new RsaKeyException(RsaKeyError.MissingPemArmor, "The END line of the PEM text is not terminated by '-----'.");
            }

            string endLabel = pem.Substring(endLabelStart, endLabelEnd - endLabelStart);
            if (endLabel != label)
            {
                throw new RsaKeyException(
                    RsaKeyError.MismatchedPemArmor,
                    "The PEM armor does not match: BEGIN label " + Describe(label) + " but END label " + Describe(endLabel) + ".");
            }

            return pem.Substring(bodyStart, end - bodyStart);
        }

        /// <summary>
        /// Decodes a PEM body as strict standard Base64 (alphabet A-Z a-z 0-9 + /, '=' padding only at
        /// the end, a multiple of four characters, zero unused bits); spaces, tabs and line breaks are skipped.
        /// </summary>
        internal static byte[] DecodeBase64(string body)
        {
            int length = body.Length;
            int significant = 0;
            int padding = 0;
            for (int i = 0; i < length; i++)
            {
                char c = body[i];
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
                        "The PEM body contains a character outside the Base64 alphabet (at offset " + i.ToString() + " of the body).");
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
            for (int i = 0; i < length; i++)
            {
                char c = body[i];
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
            string base64 = Convert.ToBase64String(der);
            int lines = (base64.Length + 63) / 64;
            System.Text.StringBuilder sb = new System.Text.StringBuilder(base64.Length + lines + 2 * label.Length + 40);
            sb.Append(BeginMarker);
            sb.Append(label);
            sb.Append(Dashes);
            sb.Append('\n');
            for (int i = 0; i < base64.Length; i += 64)
            {
                int n = base64.Length - i;
                if (n > 64)
                {
                    n = 64;
                }

                sb.Append(base64.Substring(i, n));
                sb.Append('\n');
            }

            sb.Append(EndMarker);
            sb.Append(label);
            sb.Append(Dashes);
            sb.Append('\n');
            return sb.ToString();
        }

        private static bool HasLineBreak(string text, int from, int to)
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

        // Labels are public metadata (RFC 7468), but text between "-----BEGIN " and the next "-----" is a
        // label only when the armor is intact: with a damaged BEGIN line it is the key's Base64. So a
        // message quotes a label only when it is one of the labels below, and otherwise gives its length.
        private static readonly string[] KnownLabels = new string[]
        {
            "PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE",
        };

        private static string Describe(string label)
        {
            for (int i = 0; i < KnownLabels.Length; i++)
            {
                if (label == KnownLabels[i])
                {
                    return "'" + label + "'";
                }
            }

            return "of " + label.Length.ToString() + " characters, not a known key label";
        }

        private static int Value(char c)
        {
            return Base64Url.SextetValue(c, '+', '/');
        }
    }
}
