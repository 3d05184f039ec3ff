using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Value.Profile;

// One figure posted by the tenant's own systems (POST /api/value/reported-figures). The tenant is the API key's,
// fixed by the controller; ReportedBy names the key's source. A figure posted again for the same month replaces the
// value. Causality is never confirmed through the API: that is a person's statement.
public sealed record PostReportedFigure(Guid TenantId, string ReportedBy, ReportedMetric Metric, DateOnly Month, decimal Value, string? Note)
    : ICommand<PostedFigure?>;

public sealed record PostedFigure(long Id, string Tenant, string Metric, string Month, decimal Value, string Channel, bool Replaced);

public sealed class PostReportedFigureValidator : AbstractValidator<PostReportedFigure>
{
    public PostReportedFigureValidator(ITenantContext tenant, TimeProvider clock)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("The key does not belong to this tenant.");
        RuleFor(c => c.Metric).IsInEnum().WithMessage("Unknown metric.");
        RuleFor(c => c.Value).Must((c, v) => ReportedFigureRules.Problem(c.Metric, v) is null)
            .WithMessage(c => ReportedFigureRules.Problem(c.Metric, c.Value));
        RuleFor(c => c.Month).Must(m => m.Day == 1).WithMessage("A month is given as 2026-10.")
            .Must(m => ReportedMonth.HasBegun(m, clock)).WithMessage("That month has not begun yet.");
        RuleFor(c => c.Note).MaximumLength(ReportedFigure.MaxNoteLength);
        RuleFor(c => c.ReportedBy).NotEmpty().MaximumLength(450);
    }
}

internal sealed class PostReportedFigureHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<PostReportedFigure, PostedFigure?>
{
    public async ValueTask<PostedFigure?> Handle(PostReportedFigure command, CancellationToken cancellationToken)
    {
        var slug = await db.Tenants.Where(t => t.Id == command.TenantId).Select(t => t.Slug).FirstOrDefaultAsync(cancellationToken);
        if (slug is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note;
        var figure = await db.ReportedFigures.FirstOrDefaultAsync(f => f.TenantId == command.TenantId && f.Metric == command.Metric && f.Month == command.Month, cancellationToken);
        var replaced = figure is not null;
        if (figure is null)
        {
            figure = ReportedFigure.Report(command.TenantId, command.Metric, command.Month, command.Value, command.ReportedBy, now, ReportedFigureChannel.Api, note);
            db.ReportedFigures.Add(figure);
        }
        else
        {
            figure.Restate(command.Value, command.ReportedBy, now, ReportedFigureChannel.Api, note);
        }
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(command.TenantId, "reported-figures.posted", nameof(ReportedFigure), figure.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new PostedFigure(figure.Id, slug, figure.Metric.ToString(), ValueFormat.Month(figure.Month), figure.Value, figure.Channel.ToString(), replaced);
    }
}
