namespace MsspPortal.Web.Domain;

// What a meeting decided someone must do: open until it is done or dropped, which is final.
public sealed class ActionItem : ITenantOwned
{
    private ActionItem()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long MeetingId { get; private set; }

    public string Title { get; private set; } = "";

    public string Owner { get; private set; } = "";

    public DateOnly? DueOn { get; private set; }

    public ActionItemStatus Status { get; private set; }

    public static ActionItem Raise(Meeting meeting, string title, string owner, DateOnly? dueOn = null)
    {
        if (meeting.Id == 0)
        {
            throw new InvalidOperationException("Action items come from a saved meeting.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return new ActionItem { TenantId = meeting.TenantId, MeetingId = meeting.Id, Title = title, Owner = owner, DueOn = dueOn, Status = ActionItemStatus.Open };
    }

    public void Reassign(string owner, DateOnly? dueOn)
    {
        RequireOpen();
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        (Owner, DueOn) = (owner, dueOn);
    }

    public void Complete()
    {
        RequireOpen();
        Status = ActionItemStatus.Done;
    }

    public void Drop()
    {
        RequireOpen();
        Status = ActionItemStatus.Dropped;
    }

    private void RequireOpen()
    {
        if (Status != ActionItemStatus.Open)
        {
            throw new InvalidOperationException($"Action item {Id} is {Status}: it is no longer open.");
        }
    }
}

public enum ActionItemStatus
{
    Open,
    Done,
    Dropped,
}
