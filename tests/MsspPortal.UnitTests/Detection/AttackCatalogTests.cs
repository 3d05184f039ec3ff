using System.Text;
using MsspPortal.Core.Attack;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.UnitTests.Parsing;

namespace MsspPortal.UnitTests.Detection;

public sealed class AttackCatalogTests
{
    private static AttackCatalog FromFixtures()
    {
        using var techniques = File.OpenText(Fixtures.Path("mitre-attack/techniques.csv"));
        using var tactics = File.OpenText(Fixtures.Path("mitre-attack/tactics.csv"));
        return AttackCatalog.FromCsv(techniques, tactics);
    }

    [Fact]
    public void Mitre_csv_import_reads_all_techniques_and_tactics_in_matrix_order()
    {
        var catalog = FromFixtures();
        Assert.Equal(9, catalog.Techniques.Count);
        Assert.Equal(AttackCatalog.EnterpriseTactics.Select(t => t.Id), catalog.Tactics.Select(t => t.Id));
        Assert.Equal(["TA0001", "TA0003", "TA0004", "TA0005"], catalog.Find("T1078")!.TacticIds);
        Assert.Equal("Password Spraying", catalog.Find("T1110.003")!.Name);
        Assert.Equal("Archive via Utility", catalog.Find("T1560.001")!.Name);
        Assert.Equal(["TA0009"], catalog.Find("T1560.001")!.TacticIds);
    }

    [Fact]
    public void Csv_with_only_tactic_names_resolves_them_against_the_known_tactics()
    {
        var csv = "technique_id,name,tactics\nT1110,Brute Force,Credential Access\nT1078,Valid Accounts,\"Initial Access;Persistence\"\n";
        var catalog = AttackCatalog.FromCsv(new StringReader(csv));
        Assert.Equal(["TA0001", "TA0003"], catalog.Find("T1078")!.TacticIds);
    }

    [Fact]
    public void Built_in_catalogue_knows_every_technique_the_built_in_rules_name()
    {
        Assert.Equal(14, AttackCatalog.BuiltIn.Tactics.Count);
        foreach (var id in BuiltInRules.All.SelectMany(r => r.Techniques))
        {
            Assert.NotNull(AttackCatalog.BuiltIn.Find(id));
        }
    }

    [Fact]
    public void Unknown_sub_techniques_fall_back_to_their_parent() =>
        Assert.Equal("T1110", AttackCatalog.BuiltIn.Find("T1110.004")!.Id);

    [Fact]
    public void Stix_bundle_import_skips_revoked_and_deprecated_and_orders_tactics_by_the_matrix()
    {
        const string bundle = """
            {"type":"bundle","objects":[
              {"type":"x-mitre-matrix","tactic_refs":["x-mitre-tactic--2","x-mitre-tactic--1"]},
              {"type":"x-mitre-tactic","id":"x-mitre-tactic--1","name":"Impact","x_mitre_shortname":"impact","external_references":[{"source_name":"mitre-attack","external_id":"TA0040"}]},
              {"type":"x-mitre-tactic","id":"x-mitre-tactic--2","name":"Credential Access","x_mitre_shortname":"credential-access","external_references":[{"source_name":"mitre-attack","external_id":"TA0006"}]},
              {"type":"attack-pattern","name":"Brute Force","kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"credential-access"}],"external_references":[{"source_name":"mitre-attack","external_id":"T1110"}]},
              {"type":"attack-pattern","name":"Old","revoked":true,"external_references":[{"source_name":"mitre-attack","external_id":"T9999"}]},
              {"type":"attack-pattern","name":"Older","x_mitre_deprecated":true,"external_references":[{"source_name":"mitre-attack","external_id":"T9998"}]}
            ]}
            """;
        var catalog = AttackCatalog.FromStixBundle(new MemoryStream(Encoding.UTF8.GetBytes(bundle)));
        Assert.Equal(["TA0006", "TA0040"], catalog.Tactics.Select(t => t.Id));
        Assert.Equal(["TA0006"], Assert.Single(catalog.Techniques).TacticIds);
    }

    [Fact]
    public void Coverage_places_rules_and_alerts_under_each_tactic_of_their_technique()
    {
        var matrix = AttackCoverage.Compute(AttackCatalog.BuiltIn, BuiltInRules.All, new Dictionary<string, int> { ["T1078"] = 3, ["T9999"] = 1 });
        var initialAccess = matrix.Columns.Single(c => c.Tactic.Id == "TA0001");
        var validAccounts = initialAccess.Cells.Single(c => c.Technique.Id == "T1078");
        Assert.Equal((2, 3), (validAccounts.RuleCount, validAccounts.AlertCount));
        Assert.Equal(["T9999"], matrix.UnknownTechniqueIds);
        Assert.Equal(14, matrix.Columns.Count);
        Assert.Contains(matrix.Columns.Single(c => c.Tactic.Id == "TA0006").Cells, c => c.Technique.Id == "T1110.003" && c.Covered);
    }

    [Fact]
    public void The_mitre_notice_is_exposed_for_display() =>
        Assert.StartsWith("© 2025 The MITRE Corporation.", AttackNotice.Text, StringComparison.Ordinal);
}
