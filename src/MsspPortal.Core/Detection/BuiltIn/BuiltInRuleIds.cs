namespace MsspPortal.Core.Detection.BuiltIn;

/// <summary>Stable ids of the built-in detections: alert keys and tenant settings refer to them.</summary>
public static class BuiltInRuleIds
{
    public const string BruteForceUser = "mssp-brute-force-user";
    public const string BruteForceSource = "mssp-brute-force-source";
    public const string PasswordSpraying = "mssp-password-spraying";
    public const string PortScan = "mssp-port-scan";
    public const string VolumetricDos = "mssp-volumetric-dos";
    public const string OrderFlood = "mssp-order-flood";
    public const string CardTestingSource = "mssp-card-testing-source";
    public const string CardTestingCard = "mssp-card-testing-card";
    public const string KnownBadIndicator = "mssp-known-bad-indicator";
    public const string IdsPassThrough = "mssp-ids-passthrough";
    public const string NewLoginLocation = "mssp-new-login-location";
    public const string FailedThenSuccess = "mssp-failed-then-success";
    public const string EntityRisk = "mssp-entity-risk";
}
