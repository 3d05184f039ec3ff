namespace MsspPortal.Core.Privacy;

// The kinds of personal or payment data masked at ingestion.
public enum PiiKind
{
    CardNumber,
    Email,
    Phone,
    ChineseResidentId,
    TenantPattern,
}

// How a found value is replaced.
public enum MaskMode
{
    // The form the standards allow: a card keeps its first 6 and last 4 digits (PCI DSS 3.4.1), an e-mail its domain,
    // a resident id its region code; the rest becomes '*'.
    Truncate,

    // A keyed pseudonym (HMAC-SHA256 with the tenant's key), so the same value correlates across events without being
    // readable. Never beside a truncated form of the same value: that would narrow the search for the original.
    Pseudonymize,

    // Only the kind stays: "[card]".
    Redact,
}
