namespace MsspPortal.Core.Detection.Sigma;

/// <summary>Either a rule, or the reasons it was refused; never a rule that half works.</summary>
public sealed record SigmaImportResult(DetectionRule? Rule, IReadOnlyList<string> Errors)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Rule))]
    public bool Succeeded => Rule is not null && Errors.Count == 0;

    public override string ToString() => Succeeded ? $"Imported {Rule.Id}" : "Refused: " + string.Join("; ", Errors);
}
