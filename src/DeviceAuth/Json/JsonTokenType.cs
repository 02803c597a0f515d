namespace DeviceAuth.Json
{
    /// <summary>The kind of token <see cref="JsonReader"/> is positioned on.</summary>
    public enum JsonTokenType
    {
        /// <summary>Before the first <see cref="JsonReader.Read"/> or after the end.</summary>
        None = 0,

        /// <summary>'{'.</summary>
        StartObject = 1,

        /// <summary>'}'.</summary>
        EndObject = 2,

        /// <summary>'['.</summary>
        StartArray = 3,

        /// <summary>']'.</summary>
        EndArray = 4,

        /// <summary>A property name (read it with <see cref="JsonReader.GetString"/>).</summary>
        PropertyName = 5,

        /// <summary>A string value.</summary>
        String = 6,

        /// <summary>A number value.</summary>
        Number = 7,

        /// <summary>true.</summary>
        True = 8,

        /// <summary>false.</summary>
        False = 9,

        /// <summary>null.</summary>
        Null = 10,
    }
}
