using Microsoft.Extensions.Compliance.Classification;

namespace MsspPortal.Web.Infrastructure.Logging;

// The data classification taxonomy of the portal's own log output. A [LoggerMessage] parameter labelled [Personal] or [Secret]
// is redacted before any sink sees it (LoggingServices): Personal by a keyed pseudonym (the same
// person gives the same token, so failed sign-ins of one account still group), Secret by erasure.
public static class PortalData
{
    public const string Taxonomy = "MsspPortal";

    public static DataClassification Personal { get; } = new(Taxonomy, nameof(Personal));

    public static DataClassification Secret { get; } = new(Taxonomy, nameof(Secret));
}

// A person's name, user name, e-mail address or phone number, or a line that may quote one.
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PersonalAttribute() : DataClassificationAttribute(PortalData.Personal);

// A password, token or key: never written, not even as a pseudonym.
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecretAttribute() : DataClassificationAttribute(PortalData.Secret);
