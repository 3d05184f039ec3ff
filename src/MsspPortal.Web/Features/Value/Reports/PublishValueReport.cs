using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Value.Reports;

// The outcome of an action on a report: the report's id when it was found, and why it was refused if it was.
public sealed record ValueReportChange(long? ReportId, string? Error = null)
{
    public static readonly ValueReportChange NotFound = new(ReportId: null);
}

// The MSSP reviewed the draft and shows it to the customer: from now on its figures are fixed, and the business owner
// sees it waiting for their acknowledgement.
public sealed record PublishValueReport(long Id) : ICommand<ValueReportChange>;

internal sealed class PublishValueReportHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<PublishValueReport, ValueReportChange>
{
    public async ValueTask<ValueReportChange> Handle(PublishValueReport command, CancellationToken cancellationToken)
    {
        var report = await db.ValueReports.FirstOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (report is null || user.Id is not { } userId)
        {
            return ValueReportChange.NotFound;
        }
        if (report.IsPublished)
        {
            return new(report.Id, "This report is already published.");
        }
        report.Publish(userId, clock.GetUtcNow());
        audit.Record(report.TenantId, "value-report.published", nameof(Domain.ValueReport), report.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new(report.Id);
    }
}

// The business owner accepts the report as it stands.
public sealed record AcknowledgeValueReport(long Id) : ICommand<ValueReportChange>;

internal sealed class AcknowledgeValueReportHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<AcknowledgeValueReport, ValueReportChange>
{
    public async ValueTask<ValueReportChange> Handle(AcknowledgeValueReport command, CancellationToken cancellationToken)
    {
        var report = await db.ValueReports.FirstOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (report is null || user.Id is not { } userId)
        {
            return ValueReportChange.NotFound;
        }
        if (report.Status != Domain.ValueReportStatus.Published)
        {
            return new(report.Id, report.IsPublished ? $"This report is already {report.Status.ToString().ToLowerInvariant()}." : "This report is not published yet.");
        }
        report.Acknowledge(userId, clock.GetUtcNow());
        audit.Record(report.TenantId, "value-report.acknowledged", nameof(Domain.ValueReport), report.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new(report.Id);
    }
}

// The business owner does not accept one figure, and says why; the joint committee reads the disputes.
public sealed record DisputeValueReportFigure(long Id, string FigureKey, string Comment) : ICommand<ValueReportChange>;

public sealed class DisputeValueReportFigureValidator : AbstractValidator<DisputeValueReportFigure>
{
    public DisputeValueReportFigureValidator()
    {
        RuleFor(c => c.FigureKey).NotEmpty().MaximumLength(Domain.ValueReportDispute.MaxFigureKeyLength).WithMessage("Choose the figure you dispute.");
        RuleFor(c => c.Comment).NotEmpty().MaximumLength(Domain.ValueReport.MaxCommentLength).WithMessage("Say what is wrong with the figure (up to 2000 characters).");
    }
}

internal sealed class DisputeValueReportFigureHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<DisputeValueReportFigure, ValueReportChange>
{
    public async ValueTask<ValueReportChange> Handle(DisputeValueReportFigure command, CancellationToken cancellationToken)
    {
        var report = await db.ValueReports.Include(r => r.Disputes).FirstOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (report is null || user.Id is not { } userId)
        {
            return ValueReportChange.NotFound;
        }
        if (report.Status is not (Domain.ValueReportStatus.Published or Domain.ValueReportStatus.Disputed))
        {
            return new(report.Id, report.IsPublished ? "An acknowledged report is no longer disputed here: raise it with the committee." : "This report is not published yet.");
        }
        // Only a figure the report holds can be disputed.
        if (ValueReportSnapshot.Read(report).Figures.Find(command.FigureKey) is null)
        {
            return new(report.Id, "This report has no such figure.");
        }
        report.Dispute(command.FigureKey, command.Comment, userId, clock.GetUtcNow());
        audit.Record(report.TenantId, "value-report.disputed", nameof(Domain.ValueReport), report.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new(report.Id);
    }
}
