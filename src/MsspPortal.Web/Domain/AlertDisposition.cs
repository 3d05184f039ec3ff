namespace MsspPortal.Web.Domain;

// What a resolved alert turned out to be. The false-positive rate per rule and the value report read it.
public enum AlertDisposition
{
    // A real attack or compromise.
    TruePositive,

    // Real activity the rule meant to catch, but allowed (a pen test, an admin's scan).
    BenignTruePositive,

    // The rule fired on something it should not have.
    FalsePositive,
}
