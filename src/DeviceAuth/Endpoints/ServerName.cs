using DeviceAuth.Credentials;
using DeviceAuth.Encoding;

namespace DeviceAuth.Endpoints
{
    /// <summary>
    /// Validation of a TLS server name (SNI, RFC 6066): a DNS host name of at most 253 characters,
    /// dot-separated labels of 1-63 letters, digits and hyphens (no leading or trailing hyphen), no
    /// trailing dot, and not an IP address literal (which SNI does not carry).
    /// </summary>
    public static class ServerName
    {
        /// <summary>Longest server name.</summary>
        public const int MaxLength = 253;

        /// <summary>True when <paramref name="hostName"/> is a valid SNI host name.</summary>
        /// <param name="hostName">The candidate.</param>
        public static bool IsValid(string hostName)
        {
            char[] name = hostName == null ? null : hostName.ToCharArray();
            if (name == null || name.Length == 0 || name.Length > MaxLength)
            {
                return false;
            }

            int labelStart = 0;
            int length = name.Length;
            bool lastLabelNumeric = true;
            for (int i = 0; i <= length; i++)
            {
                if (i == length || name[i] == '.')
                {
                    int labelLength = i - labelStart;
                    if (labelLength == 0 || labelLength > 63 || name[labelStart] == '-' || name[i - 1] == '-')
                    {
                        return false;
                    }

                    lastLabelNumeric = true;
                    for (int k = labelStart; k < i; k++)
                    {
                        char d = name[k];
                        if (d < '0' || d > '9')
                        {
                            lastLabelNumeric = false;
                            break;
                        }
                    }

                    labelStart = i + 1;
                    continue;
                }

                char c = name[i];
                if (!(AsciiText.IsAlnum(c) || c == '-'))
                {
                    return false;
                }
            }

            // A numeric top-level label means an IPv4 literal (or not a resolvable name).
            return !lastLabelNumeric;
        }

        /// <summary>Throws when <paramref name="hostName"/> is not a valid SNI host name.</summary>
        /// <param name="hostName">The candidate.</param>
        /// <exception cref="CredentialFormatException">Reason <see cref="CredentialFormatReason.InvalidServerName"/>.</exception>
        public static void Validate(string hostName)
        {
            if (!IsValid(hostName))
            {
                throw new CredentialFormatException(CredentialFormatReason.InvalidServerName, "The TLS server name must be a DNS host name of at most 253 characters (labels of 1-63 letters, digits and inner hyphens; no IP address, no trailing dot).");
            }
        }
    }
}
