using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Compliance.Frameworks.Checks;

// The one table of which control the portal's records evidence, and how far (docs/privacy.md, "Compliance checks").
// Automated: the records decide the status. Partial: the records cover part of the control; the rest needs a current
// attestation or upload, without which a Met from the records is reported as Partly met. Every control not in this
// table is manual: its current manual evidence decides. No status is ever set from a crosswalk.
public static class ComplianceMapping
{
    public sealed record Entry(string FrameworkId, string ControlId, EvidenceSource Source, ControlAutomation Automation);

    public static readonly IReadOnlyList<Entry> Table =
    [
        // PCI DSS 4.0.1 (ids only; our labels).
        new("pci-dss-4.0.1", "3.4.1", EvidenceSource.MaskingOn, ControlAutomation.Partial),
        new("pci-dss-4.0.1", "3.5.1", EvidenceSource.MaskingOn, ControlAutomation.Partial),
        new("pci-dss-4.0.1", "10.2.1", EvidenceSource.LogSourcesReporting, ControlAutomation.Automated),
        new("pci-dss-4.0.1", "10.4.1", EvidenceSource.AlertsTriagedWithinSla, ControlAutomation.Automated),
        new("pci-dss-4.0.1", "10.4.1.1", EvidenceSource.DetectionsEnabled, ControlAutomation.Automated),
        new("pci-dss-4.0.1", "10.5.1", EvidenceSource.RetentionSettings, ControlAutomation.Partial),
        new("pci-dss-4.0.1", "10.7.2", EvidenceSource.LogSourcesReporting, ControlAutomation.Automated),
        new("pci-dss-4.0.1", "11.5.1", EvidenceSource.DetectionsEnabled, ControlAutomation.Automated),
        new("pci-dss-4.0.1", "12.10.1", EvidenceSource.IncidentsWithinSla, ControlAutomation.Partial),
        new("pci-dss-4.0.1", "12.10.5", EvidenceSource.AlertsTriagedWithinSla, ControlAutomation.Partial),
        // NIST CSF 2.0.
        new("nist-csf-2.0", "GV.OV-01", EvidenceSource.CommitteeMeetings, ControlAutomation.Partial),
        new("nist-csf-2.0", "GV.OV-03", EvidenceSource.CommitteeMeetings, ControlAutomation.Partial),
        new("nist-csf-2.0", "ID.AM-01", EvidenceSource.AssetInventory, ControlAutomation.Partial),
        new("nist-csf-2.0", "PR.DS-01", EvidenceSource.MaskingOn, ControlAutomation.Partial),
        new("nist-csf-2.0", "PR.PS-04", EvidenceSource.LogSourcesReporting, ControlAutomation.Automated),
        new("nist-csf-2.0", "DE.CM-01", EvidenceSource.DetectionsEnabled, ControlAutomation.Automated),
        new("nist-csf-2.0", "DE.CM-09", EvidenceSource.LogSourcesReporting, ControlAutomation.Automated),
        new("nist-csf-2.0", "DE.AE-02", EvidenceSource.AlertsTriagedWithinSla, ControlAutomation.Automated),
        new("nist-csf-2.0", "RS.MA-01", EvidenceSource.IncidentsWithinSla, ControlAutomation.Automated),
        new("nist-csf-2.0", "RS.CO-02", EvidenceSource.BreachesNotifiedOnTime, ControlAutomation.Partial),
        // GDPR.
        new("gdpr", "Art. 32(1)", EvidenceSource.MaskingOn, ControlAutomation.Partial),
        new("gdpr", "Art. 33(1)", EvidenceSource.BreachesNotifiedOnTime, ControlAutomation.Automated),
        new("gdpr", "Art. 33(2)", EvidenceSource.BreachesNotifiedOnTime, ControlAutomation.Automated),
        new("gdpr", "Art. 33(5)", EvidenceSource.BreachesNotifiedOnTime, ControlAutomation.Partial),
        new("gdpr", "Art. 34(1)", EvidenceSource.BreachesNotifiedOnTime, ControlAutomation.Partial),
        // China's Cybersecurity Law: Art. 21 (technical measures, monitoring and logs) and Art. 25 (incident response).
        new("csl", "Art. 21(2)", EvidenceSource.DetectionsEnabled, ControlAutomation.Partial),
        new("csl", "Art. 21(3)", EvidenceSource.NetworkLogRetention, ControlAutomation.Partial),
        new("csl", "Art. 25", EvidenceSource.IncidentsWithinSla, ControlAutomation.Partial),
    ];

    private static readonly Dictionary<(string, string), Entry> ByKey =
        Table.ToDictionary(e => (Key(e.FrameworkId), Key(e.ControlId)));

    public static Entry? Find(string frameworkId, string controlId) => ByKey.GetValueOrDefault((Key(frameworkId), Key(controlId)));

    // Ids compare without case or spaces and without an "Art." prefix ("Art. 32(1)", "art 32(1)", "Article 32(1)" are one), so
    // the table survives the catalog's spelling; the dots and brackets stay (10.2.1 is not 102.1).
    public static string Key(string id)
    {
        var key = new string([.. id.Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant)]);
        foreach (var prefix in new[] { "article", "art.", "art" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return key[prefix.Length..];
            }
        }
        return key;
    }
}
