using System.Text;
using MsspPortal.Core.Privacy;

namespace MsspPortal.UnitTests.Privacy;

public sealed class LineMaskerTests
{
    private static readonly LineMasker Default = new(MaskingPolicy.PlatformDefault);

    private static readonly MaskingPolicy Pseudonyms = new() { Cards = MaskMode.Pseudonymize, Emails = MaskMode.Pseudonymize, ResidentIds = MaskMode.Pseudonymize };

    [Theory]
    // Test card numbers of the networks (their published test numbers), bare and grouped.
    [InlineData("pan=4111111111111111 amount=12.50", "pan=411111******1111 amount=12.50")]
    [InlineData("card 5500 0055 5555 5559 declined", "card 5500 00** **** 5559 declined")]
    [InlineData("amex 3782-822463-10005 ok", "amex 3782-82****-*0005 ok")]
    [InlineData("cs1Label=card cs1=6011111111111117", "cs1Label=card cs1=601111******1117")]
    [InlineData("port 443 4111 1111 1111 1111 end", "port 443 4111 11** **** 1111 end")]
    [InlineData("{\"pan\":\"4929804463622139\"}", "{\"pan\":\"492980******2139\"}")]
    public void Card_numbers_keep_the_first_six_and_last_four_digits(string line, string expected) =>
        Assert.Equal(expected, Default.Mask(line));

    [Theory]
    // Epoch milliseconds and microseconds pass Luhn now and then; they start with 1.
    [InlineData("ts=1700000000000001 rt=1700000000000")]
    // Luhn-valid digits after a dot: the decimals of a measurement.
    [InlineData("duration=0.4111111111111111 s")]
    [InlineData("version 2.4111111111111111")]
    // Part of a hex token or a word.
    [InlineData("session=ab4111111111111111 id=x_4111111111111111")]
    [InlineData("sha=4111111111111111ab")]
    // Dates, times, addresses and ports.
    [InlineData("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8 from 10.0.0.1:443")]
    [InlineData("2026-11-29 10:15:01.123 rt=Nov 29 2026 10:15:01 src=192.168.100.254 spt=65535")]
    // A number that fails the check.
    [InlineData("pan=4111111111111112")]
    // Too long to be one card.
    [InlineData("id=41111111111111111111111")]
    public void Numbers_that_are_not_cards_stay(string line) =>
        Assert.Same(line, Default.Mask(line));

    [Theory]
    [InlineData("user=11010519491231002X logged in", "user=110105************ logged in")]
    [InlineData("id:440308199901010012;", "id:440308************;")]
    [InlineData("holder 310104198512120023", "holder 310104************")]
    public void Resident_ids_with_a_valid_check_digit_keep_their_region(string line, string expected) =>
        Assert.Equal(expected, Default.Mask(line));

    [Theory]
    // Wrong check digit, and a right check digit on an impossible date (30 February).
    [InlineData("id=440308199901010011")]
    [InlineData("id=110105200002301237")]
    public void Numbers_that_are_not_resident_ids_stay(string line) =>
        Assert.Same(line, Default.Mask(line));

    [Theory]
    [InlineData("login failed for john.doe+test@example.co.uk from 10.1.1.1", "login failed for ***@example.co.uk from 10.1.1.1")]
    [InlineData("suser=alice@corp.example.", "suser=***@corp.example.")]
    [InlineData("\"actor\":{\"alternateId\":\"bob@orbit.example\"}", "\"actor\":{\"alternateId\":\"***@orbit.example\"}")]
    public void Email_addresses_keep_their_domain(string line, string expected) =>
        Assert.Equal(expected, Default.Mask(line));

    [Theory]
    [InlineData("user@localhost")]
    [InlineData("ssh root@10.0.0.1")]
    [InlineData("@timestamp=2026 a@b.c1")]
    [InlineData("{\"origin@32480.iut\":\"4\",\"x@1.2.3.example\":1}")]
    public void Things_with_an_at_sign_that_are_not_addresses_stay(string line) =>
        Assert.Same(line, Default.Mask(line));

    [Fact]
    public void Pseudonyms_correlate_equal_values_without_showing_them()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var masker = new LineMasker(Pseudonyms, new HmacPseudonymizer(key));

        var first = masker.Mask("pan=4111 1111 1111 1111 user=Alice@Example.com");
        var second = masker.Mask("pan=4111111111111111 user=alice@example.com");
        var other = new LineMasker(Pseudonyms, new HmacPseudonymizer([.. key.Reverse()]))
            .Mask("pan=4111111111111111 user=alice@example.com");

        Assert.Matches(@"^pan=\[card:[0-9a-f]{16}\] user=\[email:[0-9a-f]{16}\]$", first);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        // No truncated form beside the pseudonym: nothing of the card's digits survives.
        Assert.DoesNotContain("1111", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_keeps_only_the_kind() =>
        Assert.Equal("pan=[card] id=[cnid] to [email]",
            new LineMasker(new MaskingPolicy { Cards = MaskMode.Redact, ResidentIds = MaskMode.Redact, Emails = MaskMode.Redact }).Mask("pan=4111111111111111 id=11010519491231002X to a@b.example"));

    [Fact]
    public void Tenant_patterns_mask_their_matches_and_count_them()
    {
        var tally = new MaskTally();
        var masker = new LineMasker(MaskingPolicy.Off with { Patterns = [new TenantPattern("employee", @"EMP-\d{6}")] });
        var tenantDefault = new LineMasker(MaskingPolicy.TenantDefault);

        Assert.Equal("badge [employee] and [employee] at door 4", masker.Mask("badge EMP-123456 and EMP-654321 at door 4", tally));
        Assert.Equal(2, tally[PiiKind.TenantPattern]);
        // A tenant's default masks cards but leaves addresses for the detections that correlate by user.
        Assert.Equal("pan=411111******1111 user=bob@shop.example", tenantDefault.Mask("pan=4111111111111111 user=bob@shop.example"));
        Assert.Throws<ArgumentException>(() => new TenantPattern("bad", @"(a)\1"));
    }

    [Fact]
    public void Phone_numbers_are_masked_where_the_finder_finds_them()
    {
        var finder = new FixedPhoneFinder();
        var tally = new MaskTally();
        var masker = new LineMasker(MaskingPolicy.PlatformDefault, phones: finder);

        Assert.Equal("call +86 1** **** **78 now", masker.Mask("call +86 138 1234 5678 now", tally));
        // Without a '+' and with no national region opted into, the finder is not even asked.
        const string national = "no plus sign 13812345678";
        Assert.Same(national, masker.Mask(national));
        Assert.Equal((1, 1L), (finder.Calls, tally[PiiKind.Phone]));
    }

    [Fact]
    public void A_line_without_anything_to_mask_is_returned_without_copying()
    {
        const string line = "CEF:0|Fortinet|FortiGate|7.2|0000000013|traffic|3|src=10.0.0.5 dst=8.8.8.8 spt=51000 dpt=53 proto=17";
        var tally = new MaskTally();

        Assert.Same(line, Default.Mask(line, tally));
        Assert.Equal(0, tally.Total);
    }

    [Fact]
    public void Counts_add_up_per_kind()
    {
        var tally = new MaskTally();
        Default.Mask("a 4111111111111111 b 5500005555555559 c x@y.example d 11010519491231002X", tally);

        Assert.Equal((2L, 1L, 1L, 4L), (tally[PiiKind.CardNumber], tally[PiiKind.Email], tally[PiiKind.ChineseResidentId], tally.Total));
    }

    private sealed class FixedPhoneFinder : IPhoneFinder
    {
        public int Calls { get; private set; }

        public IReadOnlyList<(int Start, int Length)> Find(string line, IReadOnlyList<string> nationalRegions)
        {
            Calls++;
            var start = line.IndexOf("+86", StringComparison.Ordinal);
            return start < 0 ? [] : [(start, "+86 138 1234 5678".Length)];
        }
    }
}

public sealed class ChunkMaskerTests
{
    private static readonly ChunkMasker Masker = new(new LineMasker(MaskingPolicy.PlatformDefault));

    [Fact]
    public void Only_the_masked_values_of_a_chunk_change_and_other_bytes_come_back_as_received()
    {
        // A NUL, an invalid UTF-8 byte (0xFF) and a valid multi-byte character around the values.
        byte[] chunk = [.. "plain line 1\n"u8, .. "pan=4111111111111111 \u00e9\u4e2d"u8, 0x00, 0xFF, .. "\nmail x@y.example\nlast"u8];
        var tally = new MaskTally();

        var masked = Masker.Mask(chunk, tally);

        byte[] expected = [.. "plain line 1\n"u8, .. "pan=411111******1111 \u00e9\u4e2d"u8, 0x00, 0xFF, .. "\nmail ***@y.example\nlast"u8];
        Assert.Equal(expected, masked);
        Assert.Equal((1L, 1L), (tally[PiiKind.CardNumber], tally[PiiKind.Email]));
    }

    [Fact]
    public void A_chunk_with_nothing_to_mask_is_the_same_array()
    {
        var chunk = "Nov 29 10:15:01 fw1 kernel: DROP IN=eth0 SRC=203.0.113.7 DST=10.0.0.5 LEN=60 ID=54321 PROTO=TCP SPT=51000 DPT=22\nsecond 2026-11-29 1700000000000"u8.ToArray();

        Assert.Same(chunk, Masker.Mask(chunk));
    }

    [Theory]
    [InlineData("no digits at all", false)]
    [InlineData("ts=170000000000 twelve digits", false)]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("a@b", true)]
    [InlineData("call +8613812345678", true)]
    public void The_byte_check_lets_through_only_lines_that_may_hold_a_value(string line, bool expected) =>
        Assert.Equal(expected, Masker.MayNeedMasking(Encoding.UTF8.GetBytes(line)));
}
