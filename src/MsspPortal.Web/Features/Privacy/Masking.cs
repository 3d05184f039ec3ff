using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Privacy;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Privacy;

public sealed record GetMasking(Guid TenantId, string? Sample = null) : IQuery<MaskingPage?>;

public sealed record MaskingPage(Guid TenantId, string TenantName, SaveMasking Form, bool Defaults, DateTimeOffset? UpdatedAt, string? UpdatedBy,
    long MaskedLast30Days, long BatchesLast30Days, string? Sample, string? SampleMasked);

// The masking form: modes as text ("Off", "Truncate", "Pseudonymize", "Redact") and patterns one per line as
// "name: regex", so a rejected form shows back exactly what was typed.
public sealed record SaveMasking : ICommand<bool>
{
    public Guid TenantId { get; init; }

    public string Cards { get; init; } = "Truncate";

    public string Emails { get; init; } = "Off";

    public string Phones { get; init; } = "Off";

    public string? PhoneRegions { get; init; }

    public string ResidentIds { get; init; } = "Truncate";

    public string PatternMode { get; init; } = nameof(MaskMode.Redact);

    public string? Patterns { get; init; }

    internal static MaskMode? Mode(string value) => Enum.TryParse<MaskMode>(value, out var mode) ? mode : null;

    internal static string Text(MaskMode? mode) => mode?.ToString() ?? "Off";

    // "name: regex" per line; blank lines ignored.
    internal IReadOnlyList<NamedPattern> ParsedPatterns() =>
        [.. (Patterns ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l =>
        {
            var colon = l.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 ? new NamedPattern("", l) : new NamedPattern(l[..colon].Trim(), l[(colon + 1)..].Trim());
        })];
}

public sealed class SaveMaskingValidator : AbstractValidator<SaveMasking>
{
    private static readonly string[] Modes = ["Off", .. Enum.GetNames<MaskMode>()];

    public SaveMaskingValidator(ITenantContext tenant)
    {
        RuleFor(f => f.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        foreach (var rule in new[] { RuleFor(f => f.Cards), RuleFor(f => f.Emails), RuleFor(f => f.Phones), RuleFor(f => f.ResidentIds) })
        {
            rule.Must(Modes.Contains).WithMessage("Choose Off, Truncate, Pseudonymize or Redact.");
        }
        RuleFor(f => f.PatternMode).Must(m => m is nameof(MaskMode.Redact) or nameof(MaskMode.Pseudonymize))
            .WithMessage("A pattern's matches are redacted or pseudonymised.");
        RuleFor(f => f.PhoneRegions).Must(r => (r ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .All(x => x.Length == 2 && x.All(char.IsAsciiLetter)))
            .WithMessage("Regions are two-letter codes separated by commas, e.g. CN, US.");
        RuleFor(f => f.Patterns).Custom((patterns, context) =>
        {
            foreach (var pattern in context.InstanceToValidate.ParsedPatterns())
            {
                if (pattern.Name.Length == 0 || pattern.Name.Length > 40 || !pattern.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    context.AddFailure($"\"{Clip(pattern.Pattern)}\": start the line with a short name (letters, digits, - or _) and a colon.");
                    continue;
                }
                try
                {
                    GC.KeepAlive(new TenantPattern(pattern.Name, pattern.Pattern));
                }
                catch (ArgumentException e)
                {
                    context.AddFailure($"{pattern.Name}: {e.Message}");
                }
            }
        });
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

internal sealed class GetMaskingHandler(PortalDbContext db, TimeProvider clock, MaskingPolicies policies) : IQueryHandler<GetMasking, MaskingPage?>
{
    public async ValueTask<MaskingPage?> Handle(GetMasking query, CancellationToken cancellationToken)
    {
        var name = await db.Tenants.Where(t => t.Id == query.TenantId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }
        var settings = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(p => p.TenantId == query.TenantId, cancellationToken);
        var since = clock.GetUtcNow().AddDays(-30);
        var masked = await db.RawBatches.Where(b => b.TenantId == query.TenantId && b.ReceivedAt >= since)
            .GroupBy(_ => 1).Select(g => new { Values = g.Sum(b => b.MaskedValues), Batches = g.Count() }).FirstOrDefaultAsync(cancellationToken);
        string? sampleMasked = null;
        if (!string.IsNullOrEmpty(query.Sample))
        {
            var masker = await policies.ForTenantAsync(db, query.TenantId, cancellationToken);
            sampleMasked = System.Text.Encoding.UTF8.GetString(masker.Mask(System.Text.Encoding.UTF8.GetBytes(query.Sample)));
        }
        var form = settings is null
            ? new SaveMasking { TenantId = query.TenantId }
            : new SaveMasking
            {
                TenantId = query.TenantId, Cards = SaveMasking.Text(settings.Cards), Emails = SaveMasking.Text(settings.Emails),
                Phones = SaveMasking.Text(settings.Phones), PhoneRegions = settings.PhoneRegions, ResidentIds = SaveMasking.Text(settings.ResidentIds),
                PatternMode = settings.PatternMode.ToString(), Patterns = string.Join('\n', settings.PatternList().Select(p => $"{p.Name}: {p.Pattern}")),
            };
        return new MaskingPage(query.TenantId, name, form, settings is null, settings?.UpdatedAt, settings?.UpdatedBy, masked?.Values ?? 0,
            masked?.Batches ?? 0, query.Sample, sampleMasked);
    }
}

internal sealed class SaveMaskingHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit) : ICommandHandler<SaveMasking, bool>
{
    public async ValueTask<bool> Handle(SaveMasking command, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken))
        {
            return false;
        }
        var settings = await db.PrivacySettings.FirstOrDefaultAsync(p => p.TenantId == command.TenantId, cancellationToken);
        if (settings is null)
        {
            settings = PrivacySettings.For(command.TenantId);
            db.PrivacySettings.Add(settings);
        }
        settings.Change(SaveMasking.Mode(command.Cards), SaveMasking.Mode(command.Emails), SaveMasking.Mode(command.Phones),
            (command.PhoneRegions ?? "").Split(','), SaveMasking.Mode(command.ResidentIds), SaveMasking.Mode(command.PatternMode) ?? MaskMode.Redact,
            command.ParsedPatterns(), user.Id ?? "system", clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(settings.TenantId, "privacy.masking.updated", nameof(PrivacySettings), settings.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
