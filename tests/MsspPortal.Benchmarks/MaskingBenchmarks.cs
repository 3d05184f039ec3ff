using System.Text;
using BenchmarkDotNet.Attributes;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;
using MsspPortal.Core.Privacy;

namespace MsspPortal.Benchmarks;

/// <summary>
/// Issue 16: masking must keep the parser within 30% of its speed. Parse alone against mask-then-parse, per line, on a
/// line with nothing to mask (the common case: the byte check lets it through) and on one with a card number and an
/// address (decoded, masked, copied). The tenant default (cards, ids) and the platform default (every kind, no phone
/// finder) are both measured. Ratio = MaskAndParse / Parse of the same line.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MaskingBenchmarks
{
    private static readonly byte[] Plain = Encoding.UTF8.GetBytes(
        "<14>Apr  7 10:10:10 fw01 CEF:0|Palo Alto Networks|PAN-OS|6.1.3|url|THREAT|5|rt=Apr 07 2017 00:10:10 GMT src=10.10.10.10 dst=20.20.20.20 spt=18371 dpt=443 suser=alice act=alert proto=tcp request=www.example.com/ cs1Label=Rule cs1=Trusted-to-Untrusted");

    private static readonly byte[] WithValues = Encoding.UTF8.GetBytes(
        "<14>Apr  7 10:10:10 pos01 CEF:0|Acme|POS|1.0|100|Payment|5|rt=Apr 07 2017 00:10:10 GMT src=10.10.10.10 dst=20.20.20.20 spt=18371 dpt=443 suser=carol.buyer@mail.example act=alert cs1Label=pan cs1=4111111111111111");

    private readonly ParseOptions _options = ParseOptions.Utc(new DateTimeOffset(2017, 4, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly NormalizedEvent _recycled = new();
    private readonly int _cardRun = 13;
    private readonly ChunkMasker _tenant = new(new LineMasker(MaskingPolicy.TenantDefault));
    private readonly ChunkMasker _platform = new(new LineMasker(MaskingPolicy.PlatformDefault));

    [Benchmark(Baseline = true)]
    public NormalizedEvent? ParsePlain() => Parse(Plain);

    [Benchmark]
    public NormalizedEvent? MaskTenantDefaultAndParsePlain() => Parse(_tenant.Mask(Plain));

    [Benchmark]
    public NormalizedEvent? MaskPlatformDefaultAndParsePlain() => Parse(_platform.Mask(Plain));

    [Benchmark]
    public NormalizedEvent? ParseWithValues() => Parse(WithValues);

    [Benchmark]
    public NormalizedEvent? MaskPlatformDefaultAndParseWithValues() => Parse(_platform.Mask(WithValues));

    // The check alone, and the byte walk it replaced for lines without a long digit run.
    [Benchmark]
    public bool CheckPlain() => _tenant.MayNeedMasking(Plain);

    [Benchmark]
    public bool ByteWalkPlain() => ChunkMasker.HasDigitRun(Plain, _cardRun);

    // Ingestion hands the parser text decoded from the stored chunk; the decode is part of both sides.
    private NormalizedEvent? Parse(byte[] line) => LogLineParser.Parse(Encoding.UTF8.GetString(line), LogFormat.Auto, _options, _recycled).Event;
}
