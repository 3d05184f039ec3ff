using MsspPortal.Web.Domain;

namespace MsspPortal.UnitTests.Domain;

public sealed class TenantRuleTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_form_rule_is_revised_and_toggled_with_its_time()
    {
        var rule = TenantRule.Add(Guid.NewGuid(), "tenant-1", "Ana", TenantRuleOrigin.Form, "Old", "title: Old", "{}", Created);

        rule.Revise("New", "title: New", "{\"Title\":\"New\"}", Created.AddHours(1));
        rule.Toggle(enabled: false, Created.AddHours(2));

        Assert.Equal(("New", "title: New", false), (rule.Title, rule.SigmaYaml, rule.Enabled));
        Assert.Equal(Created, rule.CreatedAt);
        Assert.Equal(Created.AddHours(2), rule.UpdatedAt);
    }

    [Fact]
    public void An_imported_rule_has_no_form_to_revise()
    {
        var rule = TenantRule.Add(Guid.NewGuid(), "sigma-1", "Ana", TenantRuleOrigin.SigmaImport, "Imported", "title: Imported", null, Created);

        Assert.Throws<InvalidOperationException>(() => rule.Revise("Other", "title: Other", "{}", Created.AddHours(1)));
        Assert.Equal("title: Imported", rule.SigmaYaml);
    }

    [Fact]
    public void A_quarantined_line_is_released_once_and_keeps_its_bytes_when_it_held_a_nul()
    {
        var line = QuarantinedLine.Hold(Guid.NewGuid(), 1, 2, 3, Created, "No parser accepted the line", "a\0b", "a\0b"u8, truncated: false);

        Assert.Equal("a\u2400b", line.RawLine);
        Assert.Equal("a\0b"u8.ToArray(), line.RawBytes);
        line.Release(Created.AddDays(1));
        Assert.Throws<InvalidOperationException>(() => line.Release(Created.AddDays(2)));
        Assert.Equal(Created.AddDays(1), line.ReleasedAt);
    }
}
