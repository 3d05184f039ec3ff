namespace MsspPortal.Web.Domain;

public enum BatchState
{
    Pending,
    Processing,
    Done,
    Duplicate,
    Failed,

    // Still arriving: chunks are committed as they are read, the batch is not acknowledged and never processed. One
    // that stops arriving (the sender went away, the process died) is removed by the sweep once its LeaseUntil has
    // passed.
    Receiving,
}
