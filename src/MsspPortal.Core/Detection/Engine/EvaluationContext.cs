using MsspPortal.Core.Intel;

namespace MsspPortal.Core.Detection.Engine;

internal readonly record struct EvaluationContext(Guid TenantId, ThreatIntelStore.TenantIntel Intel, LocationResolver Locations);
