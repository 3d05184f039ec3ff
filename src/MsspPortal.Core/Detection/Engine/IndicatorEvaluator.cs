using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;
using MsspPortal.Core.Intel;

namespace MsspPortal.Core.Detection.Engine;

internal sealed class IndicatorEvaluator(IndicatorRule rule) : CompiledRule(rule)
{
    public override void Evaluate(NormalizedEvent e, in EvaluationContext context, GroupStore? store, ICollection<DetectionResult> output)
    {
        var intel = context.Intel;
        var at = e.Timestamp;
        ThreatIndicator? hit = null;
        string? internalSide = null;
        if (rule.CheckAddresses)
        {
            if (intel.TryMatch(IndicatorType.IpAddress, e.DestinationIp, at, out hit))
            {
                internalSide = e.SourceIp;
            }
            else if (intel.TryMatch(IndicatorType.IpAddress, e.SourceIp, at, out hit))
            {
                internalSide = e.DestinationIp;
            }
        }
        if (hit is null && rule.CheckDomains)
        {
            intel.TryMatch(IndicatorType.Domain, e.Domain, at, out hit);
        }
        if (hit is null && rule.CheckUrls)
        {
            intel.TryMatch(IndicatorType.Url, e.Url, at, out hit);
        }
        if (hit is null && rule.CheckFileHashes)
        {
            intel.TryMatch(IndicatorType.FileHash, e.FileHash, at, out hit);
        }
        if (hit is null || !Filter(e))
        {
            return;
        }
        internalSide ??= e.SourceIp ?? e.HostName ?? "-";
        output.Add(Create(e, context, string.Concat(hit.Value, "|", internalSide), at, 1) with
        {
            Detail = $"{hit.Type} {hit.Value} on list {hit.Source}",
            IntelConfidence = hit.Confidence,
        });
    }
}
