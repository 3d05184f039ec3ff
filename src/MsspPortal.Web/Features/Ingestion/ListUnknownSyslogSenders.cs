using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Ingestion;

// Syslog senders no log source claims, most recent first: what a platform admin must register or block.
public sealed record ListUnknownSyslogSenders : IQuery<IReadOnlyList<UnknownSenderRow>>;

public sealed record UnknownSenderRow(string Address, long Messages, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? LastSample);

internal sealed class ListUnknownSyslogSendersHandler(PortalDbContext db) : IQueryHandler<ListUnknownSyslogSenders, IReadOnlyList<UnknownSenderRow>>
{
    private const int Limit = 500;

    public async ValueTask<IReadOnlyList<UnknownSenderRow>> Handle(ListUnknownSyslogSenders query, CancellationToken cancellationToken) =>
        await db.UnknownSyslogSenders.AsNoTracking()
            .OrderByDescending(u => u.LastSeen).ThenBy(u => u.Id)
            .Take(Limit)
            .Select(u => new UnknownSenderRow(u.Address, u.Datagrams, u.FirstSeen, u.LastSeen, u.LastSample))
            .ToListAsync(cancellationToken);
}
