using System.Globalization;
using System.Text;

namespace DeviceAuth.LocalCloud.Text;

/// <summary>
/// Makes text from the network or from files safe to print as one log or error line: control
/// characters (C0, DEL, C1), line and paragraph separators, bidirectional and other format
/// characters, and lone surrogates become <c>\uXXXX</c>, so a client id or a percent-decoded path
/// can neither start a forged line nor rewrite the terminal.
/// </summary>
internal static class LogText
{
    /// <summary>The line with every unsafe character escaped; the text itself when there is none.</summary>
    public static string Escape(string line)
    {
        if (line == null)
        {
            return null;
        }

        int first = 0;
        while (first < line.Length && !Unsafe(line, first))
        {
            first++;
        }

        if (first == line.Length)
        {
            return line;
        }

        var sb = new StringBuilder(line.Length + 16);
        sb.Append(line, 0, first);
        for (int i = first; i < line.Length; i++)
        {
            if (Unsafe(line, i))
            {
                sb.Append("\\u").Append(((int)line[i]).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(line[i]);
                if (char.IsHighSurrogate(line[i]))
                {
                    sb.Append(line[++i]); // a valid pair (Unsafe checked it)
                }
            }
        }

        return sb.ToString();
    }

    private static bool Unsafe(string s, int i)
    {
        char c = s[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(s[i - 1]);
        }

        return char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }
}
