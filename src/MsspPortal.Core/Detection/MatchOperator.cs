namespace MsspPortal.Core.Detection;

public enum MatchOperator
{
    /// <summary>Equal to any of the values; with many values this is the in-list test.</summary>
    Equals = 0,
    Contains,
    StartsWith,
    EndsWith,
    Regex,
    Cidr,
    /// <summary>The field is present and not empty (values ignored).</summary>
    Exists,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
}
