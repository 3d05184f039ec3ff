using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;

namespace MsspPortal.UnitTests.Compliance;

// The framework files the portal ships (embedded JSON beside FrameworkCatalog) and their SOURCES.md.
public sealed partial class FrameworkCatalogTests
{
    private const string ResourcePrefix = "MsspPortal.Web.Features.Compliance.Frameworks.Catalogs.";

    private static readonly FrameworkCatalog Catalog = FrameworkCatalog.LoadEmbedded();

    private static Dictionary<string, byte[]> EmbeddedFiles()
    {
        var assembly = typeof(FrameworkCatalog).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                return buffer.ToArray();
            }, StringComparer.Ordinal);
    }

    [Fact]
    public void Every_embedded_file_loads_and_each_framework_id_is_unique()
    {
        var files = EmbeddedFiles();
        Assert.Equal(files.Count, Catalog.All.Count);
        Assert.Equal(Catalog.All.Count, Catalog.All.Select(f => f.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var (name, bytes) in files)
        {
            var framework = FrameworkCatalog.Parse(bytes, name);
            // The file is named after the framework's id.
            Assert.Equal(framework.Id + ".json", name);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Catalog.Find(framework.Id)!.Sha256);
        }
    }

    [Fact]
    public void Every_framework_says_where_it_comes_from_and_under_which_licence()
    {
        foreach (var framework in Catalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(framework.Title), framework.Id);
            Assert.False(string.IsNullOrWhiteSpace(framework.Version), framework.Id);
            Assert.False(string.IsNullOrWhiteSpace(framework.Publisher), framework.Id);
            Assert.False(string.IsNullOrWhiteSpace(framework.Source), framework.Id);
            Assert.False(string.IsNullOrWhiteSpace(framework.Licence), framework.Id);
            Assert.NotEmpty(framework.Groups);
        }
    }

    [Fact]
    public void Control_and_group_ids_are_unique_and_every_control_sits_in_a_known_group()
    {
        foreach (var framework in Catalog.All)
        {
            Assert.Equal(framework.Controls.Count, framework.Controls.Select(c => c.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.Equal(framework.Groups.Count, framework.Groups.Select(g => g.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            var groups = framework.Groups.Select(g => g.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.All(framework.Controls, c => Assert.Contains(c.Group, groups));
            Assert.All(framework.Groups.Where(g => g.Parent is not null), g => Assert.Contains(g.Parent!, groups));
            Assert.All(framework.Controls, c => Assert.False(string.IsNullOrWhiteSpace(c.Label), $"{framework.Id} {c.Id}"));
        }
    }

    [Fact]
    public void Ids_only_frameworks_carry_no_text()
    {
        var idsOnly = Catalog.All.Where(f => f.Text == FrameworkText.IdsOnly).ToArray();
        Assert.Equal(["gb-t-22239-2019", "iso-27001-2022", "pci-dss-4.0.1"], idsOnly.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.All(idsOnly.SelectMany(f => f.Controls), c => Assert.Null(c.Text));
    }

    [Fact]
    public void An_ids_only_file_that_carries_text_is_refused()
    {
        var json = """
            {"id":"x","title":"X","version":"1","publisher":"P","source":"S","licence":"L","text":"ids-only",
             "groups":[{"id":"1","title":"One"}],"controls":[{"id":"1.1","group":"1","label":"ours","text":"theirs"}]}
            """;
        var error = Assert.Throws<InvalidDataException>(() => FrameworkCatalog.Parse(Encoding.UTF8.GetBytes(json), "x.json"));
        Assert.Contains("carries control text", error.Message);
    }

    [Fact]
    public void A_control_in_an_unknown_group_is_refused()
    {
        var json = """
            {"id":"x","title":"X","version":"1","publisher":"P","source":"S","licence":"L","text":"full",
             "groups":[{"id":"1","title":"One"}],"controls":[{"id":"2.1","group":"2","label":"ours"}]}
            """;
        Assert.Throws<InvalidDataException>(() => FrameworkCatalog.Parse(Encoding.UTF8.GetBytes(json), "x.json"));
    }

    [Fact]
    public void Sources_records_the_sha256_of_every_file_so_the_files_cannot_drift()
    {
        var sources = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalogs", "SOURCES.md"));
        var recorded = SourcesEntry().Matches(sources).ToDictionary(m => m.Groups["file"].Value, m => m.Groups["sha"].Value, StringComparer.Ordinal);
        var files = EmbeddedFiles();
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), recorded.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in files)
        {
            Assert.True(recorded[name] == Convert.ToHexStringLower(SHA256.HashData(bytes)),
                $"{name}: SOURCES.md records {recorded[name]}; update it (sha256sum) with the reason for the change");
        }
    }

    [Fact]
    public void Nist_csf_has_its_six_functions_twenty_two_categories_and_106_subcategories()
    {
        var csf = Catalog.Find("nist-csf-2.0")!;
        Assert.Equal(FrameworkText.Full, csf.Text);
        Assert.Equal(["GV", "ID", "PR", "DE", "RS", "RC"], csf.Groups.Where(g => g.Parent is null).Select(g => g.Id));
        var categories = csf.Groups.Where(g => g.Parent is not null && !g.Withdrawn).ToArray();
        Assert.Equal(22, categories.Length);
        Assert.Equal([6, 3, 5, 2, 4, 2], new[] { "GV", "ID", "PR", "DE", "RS", "RC" }.Select(f => categories.Count(c => c.Parent == f)));
        var current = csf.Controls.Where(c => !c.Withdrawn).ToArray();
        Assert.Equal(106, current.Length);
        Assert.All(current, c => Assert.False(string.IsNullOrWhiteSpace(c.Text)));
        // Current subcategories sit in current categories; withdrawn categories hold withdrawn subcategories only.
        var withdrawnCategories = csf.Groups.Where(g => g.Withdrawn).Select(g => g.Id).ToHashSet();
        Assert.DoesNotContain(current, c => withdrawnCategories.Contains(c.Group));
        Assert.Equal("Log records are generated and made available for continuous monitoring", csf.Controls.Single(c => c.Id == "PR.PS-04").Text);
        Assert.True(csf.Controls.Single(c => c.Id == "DE.CM-04").Withdrawn);
    }

    [Fact]
    public void The_portal_ships_the_eight_frameworks_of_issue_16()
    {
        Assert.Equal(
            ["ccpa-cpra", "csl", "gb-t-22239-2019", "gdpr", "iso-27001-2022", "nist-csf-2.0", "pci-dss-4.0.1", "pipl"],
            Catalog.All.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pci_dss_has_its_twelve_requirements_and_the_sub_requirements_a_soc_evidences()
    {
        var pci = Catalog.Find("pci-dss-4.0.1")!;
        Assert.Equal(Enumerable.Range(1, 12).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), pci.Groups.Select(g => g.Id));
        var ids = pci.Controls.Select(c => c.Id).ToHashSet();
        foreach (var id in new[] { "1.2.1", "1.3.1", "1.4.1", "3.4.1", "3.5.1", "5.2.1", "5.3.1", "6.4.2", "7.2.4", "8.3.1", "8.4.2",
                     "10.2.1", "10.2.2", "10.3.2", "10.4.1", "10.4.1.1", "10.5.1", "10.6.1", "10.7.2", "11.4.1", "11.5.1", "12.10.1", "12.10.7" })
        {
            Assert.Contains(id, ids);
        }
        // Each sub-requirement sits under the principal requirement its number starts with.
        Assert.All(pci.Controls, c => Assert.Equal(c.Id.Split('.')[0], c.Group));
    }

    [Fact]
    public void Iso_27001_annex_a_has_its_93_controls_in_four_themes()
    {
        var iso = Catalog.Find("iso-27001-2022")!;
        Assert.Equal(["A.5", "A.6", "A.7", "A.8"], iso.Groups.Select(g => g.Id));
        Assert.Equal(93, iso.Controls.Count);
        var expected = new[] { (5, 37), (6, 8), (7, 14), (8, 34) }
            .SelectMany(t => Enumerable.Range(1, t.Item2).Select(n => $"A.{t.Item1}.{n}"));
        Assert.Equal(expected, iso.Controls.Select(c => c.Id));
    }

    [Fact]
    public void Mlps_lists_the_ten_level_three_areas_and_the_audit_clauses()
    {
        var mlps = Catalog.Find("gb-t-22239-2019")!;
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"8.1.{n}"), mlps.Groups.Select(g => g.Id));
        var ids = mlps.Controls.Select(c => c.Id).ToHashSet();
        Assert.Contains("8.1.3.5", ids);
        Assert.Contains("8.1.4.3", ids);
        Assert.Contains("8.1.5.4", ids);
        Assert.Contains("8.1.10.12", ids);
        Assert.Contains("partial", mlps.Notes, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_laws_name_the_articles_the_breach_clock_and_retention_floors_rely_on()
    {
        Assert.Contains("72 hours", Catalog.Find("gdpr")!.Controls.Single(c => c.Id == "Art. 33(1)").Text);
        Assert.NotNull(Catalog.Find("gdpr")!.Controls.Single(c => c.Id == "Art. 33(5)").Text);
        Assert.Null(Catalog.Find("gdpr")!.Controls.Single(c => c.Id == "Art. 30(1)").Text);
        Assert.Contains("six months", Catalog.Find("csl")!.Controls.Single(c => c.Id == "Art. 21(3)").Label);
        Assert.Contains(Catalog.Find("ccpa-cpra")!.Controls, c => c.Id == "1798.82");
        Assert.Contains(Catalog.Find("pipl")!.Controls, c => c.Id == "Art. 57");
    }

    [GeneratedRegex(@"^## `(?<file>[a-z0-9.\-]+\.json)`.*?^- sha256: `(?<sha>[0-9a-f]{64})`", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SourcesEntry();
}
