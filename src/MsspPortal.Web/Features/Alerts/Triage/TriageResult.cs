namespace MsspPortal.Web.Features.Alerts;

// Changed: alerts the action moved; Unchanged: alerts already in that state; Refused: one line per alert not acted on.
public sealed record TriageResult(int Changed, int Unchanged, IReadOnlyList<string> Refused);
