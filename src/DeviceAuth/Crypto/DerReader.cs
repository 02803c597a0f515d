namespace DeviceAuth.Crypto
{
    /// <summary>
    /// A strict DER reader over a slice of a byte array: single-byte tags, definite lengths in
    /// minimal form (at most 3 length bytes), every element inside its parent, INTEGERs in minimal
    /// two's complement. Violations raise <see cref="RsaKeyException"/> with
    /// <see cref="RsaKeyError.TruncatedDer"/> or <see cref="RsaKeyError.MalformedDer"/>; messages
    /// name the structure, never the content.
    /// </summary>
    internal sealed class DerReader
    {
        internal const int TagInteger = 0x02;
        internal const int TagBitString = 0x03;
        internal const int TagOctetString = 0x04;
        internal const int TagNull = 0x05;
        internal const int TagOid = 0x06;
        internal const int TagSequence = 0x30;

        private readonly byte[] _data;
        private readonly int _end;
        private int _position;

        internal DerReader(byte[] data, int offset, int count)
        {
            _data = data;
            _position = offset;
            _end = offset + count;
        }

        internal byte[] Data
        {
            get { return _data; }
        }

        internal bool HasData
        {
            get { return _position < _end; }
        }

        /// <summary>The tag of the next element (without consuming it).</summary>
        internal int PeekTag(string what)
        {
            if (_position >= _end)
            {
                throw Truncated(what);
            }

            return _data[_position];
        }

        /// <summary>Reads an element with the expected tag; returns the content offset, sets its length.</summary>
        internal int ReadElement(int expectedTag, string what, out int length)
        {
            int tag = PeekTag(what);
            if (tag != expectedTag)
            {
                throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER has an unexpected tag where " + what + " belongs.");
            }

            _position++;
            length = ReadLength(what);
            int content = _position;
            _position += length;
            return content;
        }

        /// <summary>Reads a SEQUENCE and returns a reader over its content.</summary>
        internal DerReader ReadSequence(string what)
        {
            int length;
            int content = ReadElement(TagSequence, what, out length);
            return new DerReader(_data, content, length);
        }

        /// <summary>Reads a non-negative INTEGER; returns the offset of its magnitude (leading 0x00 dropped) and sets its length (0 for zero).</summary>
        internal int ReadUnsignedInteger(string what, out int length)
        {
            int content = ReadElement(TagInteger, what, out length);
            if (length == 0)
            {
                throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER INTEGER " + what + " is empty.");
            }

            byte first = _data[content];
            if ((first & 0x80) != 0)
            {
                throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER INTEGER " + what + " is negative.");
            }

            if (first == 0)
            {
                if (length > 1 && (_data[content + 1] & 0x80) == 0)
                {
                    throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER INTEGER " + what + " is not minimally encoded.");
                }

                content++;
                length--;
            }

            return content;
        }

        /// <summary>Reads a small non-negative INTEGER (a version number).</summary>
        internal int ReadSmallInteger(string what)
        {
            int length;
            int content = ReadUnsignedInteger(what, out length);
            if (length > 2)
            {
                throw new RsaKeyException(RsaKeyError.UnsupportedVersion, "The " + what + " is out of the supported range.");
            }

            int value = 0;
            for (int i = 0; i < length; i++)
            {
                value = (value << 8) | _data[content + i];
            }

            return value;
        }

        /// <summary>Reads an OBJECT IDENTIFIER and tells whether its encoded value equals <paramref name="expected"/>.</summary>
        internal bool ReadOidEquals(byte[] expected, string what, out int offset, out int length)
        {
            offset = ReadElement(TagOid, what, out length);
            if (length == 0)
            {
                throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER OBJECT IDENTIFIER " + what + " is empty.");
            }

            return Matches(offset, length, expected);
        }

        /// <summary>Whether the bytes at <paramref name="offset"/> equal <paramref name="expected"/>.</summary>
        internal bool Matches(int offset, int length, byte[] expected)
        {
            if (length != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (_data[offset + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Reads a NULL.</summary>
        internal void ReadNull(string what)
        {
            int length;
            ReadElement(TagNull, what, out length);
            if (length != 0)
            {
                throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER NULL " + what + " has content.");
            }
        }

        /// <summary>Skips one element of any tag (single-byte tags only).</summary>
        internal void Skip(string what)
        {
            int tag = PeekTag(what);
            if ((tag & 0x1F) == 0x1F)
            {
                throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER uses a multi-byte tag in " + what + ".");
            }

            int length;
            ReadElement(tag, what, out length);
        }

        /// <summary>Requires that nothing is left.</summary>
        internal void ExpectEnd(string what)
        {
            if (_position != _end)
            {
                throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER has unexpected data after " + what + ".");
            }
        }

        private int ReadLength(string what)
        {
            if (_position >= _end)
            {
                throw Truncated(what);
            }

            int first = _data[_position];
            _position++;
            int length;
            if (first < 0x80)
            {
                length = first;
            }
            else
            {
                int count = first & 0x7F;
                if (count == 0)
                {
                    throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER uses an indefinite length in " + what + " (not allowed in DER).");
                }

                if (count > 3)
                {
                    throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER length of " + what + " is too large.");
                }

                if (_end - _position < count)
                {
                    throw Truncated(what);
                }

                if (_data[_position] == 0)
                {
                    throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER length of " + what + " is not minimally encoded.");
                }

                length = 0;
                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | _data[_position];
                    _position++;
                }

                if (length < 0x80)
                {
                    throw new RsaKeyException(RsaKeyError.MalformedDer, "The DER length of " + what + " is not minimally encoded.");
                }
            }

            if (length > _end - _position)
            {
                throw Truncated(what);
            }

            return length;
        }

        private static RsaKeyException Truncated(string what)
        {
            return new RsaKeyException(RsaKeyError.TruncatedDer, "The DER ends inside " + what + ".");
        }
    }
}
