using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Detection.Sigma;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Rules;

// Imports one pasted Sigma rule for a tenant: all of it, or nothing with every reason listed.
public sealed record ImportSigmaRule : ICommand<long>
{
    public Guid TenantId { get; init; }

    public string Yaml { get; init; } = "";
}

public sealed class ImportSigmaRuleValidator : AbstractValidator<ImportSigmaRule>
{
    public ImportSigmaRuleValidator(ITenantContext tenant, PortalDbContext db)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.Yaml).NotEmpty().WithMessage("Paste one Sigma rule.").MaximumLength(20_000)
            .Custom((yaml, context) =>
            {
                var result = SigmaRuleImporter.Import(yaml, "tenant");
                foreach (var error in result.Errors)
                {
                    context.AddFailure(nameof(ImportSigmaRule.Yaml), $"Not supported: {error}");
                }
            });
        RuleFor(c => c).MustAsync(async (c, cancellationToken) =>
            {
                var result = SigmaRuleImporter.Import(c.Yaml, "tenant");
                if (!result.Succeeded)
                {
                    return true; // reported above
                }
                var id = result.Rule.Id;
                return !BuiltInRules.All.Any(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))
                    && !await db.TenantRules.AnyAsync(r => r.TenantId == c.TenantId && r.RuleId == id, cancellationToken);
            })
            .WithName(nameof(ImportSigmaRule.Yaml)).OverridePropertyName(nameof(ImportSigmaRule.Yaml))
            .WithMessage("This tenant already has a rule with that id.");
    }
}

internal sealed class ImportSigmaRuleHandler(PortalDbContext db, TimeProvider clock, DetectionRuntime runtime) : ICommandHandler<ImportSigmaRule, long>
{
    public async ValueTask<long> Handle(ImportSigmaRule command, CancellationToken cancellationToken)
    {
        var result = SigmaRuleImporter.Import(command.Yaml, "tenant");
        if (!result.Succeeded)
        {
            throw new ValidationException(string.Join("; ", result.Errors));
        }
        var now = clock.GetUtcNow();
        var row = TenantRule.Add(command.TenantId, result.Rule.Id,
            string.IsNullOrWhiteSpace(result.Rule.Provenance.Author) ? "unknown" : result.Rule.Provenance.Author,
            TenantRuleOrigin.SigmaImport, result.Rule.Title.Length > 200 ? result.Rule.Title[..200] : result.Rule.Title,
            command.Yaml, formJson: null, now);
        db.TenantRules.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(command.TenantId);
        return row.Id;
    }
}
