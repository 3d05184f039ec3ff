namespace MsspPortal.Core.Privacy;

// What masking found in a batch: counts per kind, and lines withheld because a tenant pattern timed out.
public sealed class MaskTally
{
    private readonly long[] _counts = new long[Enum.GetValues<PiiKind>().Length];

    public long this[PiiKind kind] => _counts[(int)kind];

    public long Total => _counts.Sum();

    public long Withheld { get; private set; }

    internal void Add(PiiKind kind) => _counts[(int)kind]++;

    internal void AddWithheld() => Withheld++;

    public void Add(MaskTally other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
        Withheld += other.Withheld;
    }
}
