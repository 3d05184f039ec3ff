namespace MsspPortal.Core.Detection;

public enum MatchOperator
{
    // Equal to any of the values; with many values this is the in-list test.
    Equals = 0,
    Contains,
    StartsWith,
    EndsWith,
    Regex,
    Cidr,
    // The field is present and not empty (values ignored).
    Exists,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
}
