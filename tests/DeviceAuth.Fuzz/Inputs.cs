namespace DeviceAuth.Fuzz;

/// <summary>How fuzz bytes become the text a parser takes.</summary>
internal static class Inputs
{
    /// <summary>UTF-8 (malformed sequences become U+FFFD), or, after a leading 0xFE byte, UTF-16LE so that lone surrogates and U+0000 reach string APIs too.</summary>
    public static string Text(byte[] data)
    {
        if (data.Length > 0 && data[0] == 0xFE)
        {
            return System.Text.Encoding.Unicode.GetString(data, 1, (data.Length - 1) & ~1);
        }

        return System.Text.Encoding.UTF8.GetString(data);
    }
}
