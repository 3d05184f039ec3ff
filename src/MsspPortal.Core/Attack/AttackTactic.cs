namespace MsspPortal.Core.Attack;

/// <summary>An Enterprise tactic; <see cref="Order"/> is its column in the matrix (0 = Reconnaissance).</summary>
public sealed record AttackTactic(string Id, string Name, string ShortName, int Order);

/// <summary>A technique or sub-technique (T1110.003) with the tactics it serves.</summary>
public sealed record AttackTechnique(string Id, string Name, IReadOnlyList<string> TacticIds)
{
    public bool IsSubtechnique => Id.Contains('.', StringComparison.Ordinal);

    public string ParentId => IsSubtechnique ? Id[..Id.IndexOf('.', StringComparison.Ordinal)] : Id;
}
