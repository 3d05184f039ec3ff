namespace MsspPortal.Core.Events;

public enum EventOutcome
{
    Unknown = 0,
    Success,
    Failure,
}
