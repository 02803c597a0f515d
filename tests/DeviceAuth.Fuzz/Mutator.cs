namespace DeviceAuth.Fuzz;

/// <summary>
/// A deterministic byte-level mutator (seeded <see cref="Random"/>): bit flips, byte replacement with
/// interesting values, insertion and deletion of runs, chunk duplication, splicing with another seed,
/// insertion of the target's dictionary tokens, truncation. One to eight mutations are stacked per input.
/// </summary>
internal sealed class Mutator
{
    private static readonly byte[] Interesting = { 0x00, 0x01, 0x7F, 0x80, 0xFF, 0xC0, 0xE0, 0xED, 0xF0, 0xF4, 0xF8, (byte)'%', (byte)'"', (byte)'\\', (byte)'.', (byte)'=', (byte)'?', (byte)'&', (byte)'-', (byte)'\n', (byte)'\r', (byte)' ', (byte)'0', (byte)'9' };
    private readonly Random _random;
    private readonly byte[][] _seeds;
    private readonly byte[][] _tokens;

    public Mutator(int seed, byte[][] seeds, byte[][] tokens)
    {
        _random = new Random(seed);
        _seeds = seeds;
        _tokens = tokens;
    }

    public byte[] Next()
    {
        var data = new List<byte>(_seeds[_random.Next(_seeds.Length)]);
        int rounds = 1 + _random.Next(8);
        for (int r = 0; r < rounds; r++)
        {
            Mutate(data);
        }

        return data.ToArray();
    }

    private void Mutate(List<byte> d)
    {
        int at = d.Count == 0 ? 0 : _random.Next(d.Count);
        switch (_random.Next(10))
        {
            case 0 when d.Count > 0:
                d[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when d.Count > 0:
                d[at] = Interesting[_random.Next(Interesting.Length)];
                break;
            case 2:
                d.Insert(at, Interesting[_random.Next(Interesting.Length)]);
                break;
            case 3 when d.Count > 0:
                d.RemoveRange(at, Math.Min(d.Count - at, 1 + _random.Next(16)));
                break;
            case 4 when d.Count > 0:
                int len = Math.Min(d.Count - at, 1 + _random.Next(64));
                d.InsertRange(_random.Next(d.Count + 1), d.GetRange(at, len));
                break;
            case 5:
                byte[] other = _seeds[_random.Next(_seeds.Length)];
                int from = other.Length == 0 ? 0 : _random.Next(other.Length);
                d.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + _random.Next(128))).ToArray());
                break;
            case 6 when d.Count > 0:
                d.RemoveRange(at, d.Count - at);
                break;
            case 7 when d.Count > 0:
                d[at] = (byte)_random.Next(256);
                break;
            default:
                if (_tokens.Length > 0)
                {
                    d.InsertRange(at, _tokens[_random.Next(_tokens.Length)]);
                }

                break;
        }
    }
}
