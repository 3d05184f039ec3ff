namespace MsspPortal.Core.Conformance;

/// <summary>One conformance check: a file that must parse, an expected output that must match, a rule, a catalogue.</summary>
/// <param name="Kind">parse, expected, cases, sigma or attack.</param>
/// <param name="Subject">The file (or pair of files) checked, relative to the folder the run started in.</param>
/// <param name="Summary">One line: what was found.</param>
/// <param name="Failures">Why the check failed; empty when it passed.</param>
/// <param name="Notes">What a passing check wants the reader to know (a Sigma rule's refusal reasons).</param>
public sealed record ConformanceCheck(string Kind, string Subject, string Summary, IReadOnlyList<string> Failures, IReadOnlyList<string> Notes)
{
    public bool Passed => Failures.Count == 0;

    public static ConformanceCheck Pass(string kind, string subject, string summary, IReadOnlyList<string>? notes = null) =>
        new(kind, subject, summary, [], notes ?? []);

    public static ConformanceCheck Fail(string kind, string subject, string summary, IReadOnlyList<string> failures) =>
        new(kind, subject, summary, failures, []);

    public static ConformanceCheck From(string kind, string subject, string summary, IReadOnlyList<string> failures) =>
        new(kind, subject, summary, failures, []);
}
