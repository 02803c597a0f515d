using System;
using System.Collections;
using System.IO;
using DeviceAuth.Json;

namespace DeviceAuth.Samples
{
    /// <summary>
    /// A sample's settings: one flat JSON object in the device's internal storage, deployed with
    /// nanoff next to the key (never compiled into the application, never in source control).
    /// Values are never printed: some of them (the Wi-Fi password) are secrets.
    /// </summary>
    internal sealed class SampleSettings
    {
        /// <summary>The folder on the device's internal storage that holds the sample's files.</summary>
        internal const string Folder = "I:\\deviceauth\\";

        private readonly Hashtable _values = new Hashtable();

        /// <summary>Reads <c>I:\deviceauth\settings.json</c>.</summary>
        internal static SampleSettings Load()
        {
            SampleSettings settings = new SampleSettings();
            JsonReader reader = new JsonReader(DeviceFiles.ReadText(Folder + "settings.json"));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("settings.json must hold one JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString();
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    settings._values[name] = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.Number)
                {
                    settings._values[name] = reader.GetInt64();
                }
                else
                {
                    reader.Skip();
                }
            }

            return settings;
        }

        /// <summary>A text setting; throws naming the setting (not its value) when it is missing.</summary>
        internal string Text(string name)
        {
            string value = _values[name] as string;
            if (value == null || value.Length == 0)
            {
                throw new ArgumentException("settings.json has no text value '" + name + "'.");
            }

            return value;
        }

        /// <summary>A whole-number setting, or <paramref name="fallback"/> when it is absent.</summary>
        internal int Number(string name, int fallback)
        {
            object value = _values[name];
            return value == null ? fallback : (int)(long)value;
        }
    }
}
