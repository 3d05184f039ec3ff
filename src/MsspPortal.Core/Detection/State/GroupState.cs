namespace MsspPortal.Core.Detection.State;

// The open window of one group key of one rule. One shape for every rule kind keeps snapshots simple.
internal sealed class GroupState
{
    public TimeRing? Times { get; set; }

    public Dictionary<string, long>? Values { get; set; }

    /// <summary>The previous event already completed a detection: later ones add 1 to the alert, not the window.</summary>
    public bool Firing { get; set; }

    public long LastSeen { get; set; }
}
