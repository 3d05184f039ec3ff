using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.Sigma;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Rules;

// A single-event or threshold rule made with the form. It is written out as Sigma YAML and imported like any pasted
// rule, so a form rule runs through exactly the same code and can be read by an analyst.
public abstract partial record RuleForm
{
    public Guid TenantId { get; init; }

    public string Title { get; init; } = "";

    public string? Description { get; init; }

    public DetectionSeverity Level { get; init; } = DetectionSeverity.Medium;

    // event.category the rule looks at (optional).
    public string? Category { get; init; }

    public string Field { get; init; } = "";

    public RuleFormOperator Operator { get; init; }

    public string Value { get; init; } = "";

    // Empty: raise on every matching event. Else raise when this many match within the window.
    public int? Threshold { get; init; }

    public int WindowMinutes { get; init; } = 5;

    public string GroupBy { get; init; } = "source.ip";

    // ATT&amp;CK technique ids, comma-separated.
    public string? Techniques { get; init; }

    // The form is kept beside the Sigma text it makes, so the rule can be edited in the form again.
    internal string ToFormJson() => JsonSerializer.Serialize<object>(this);

    public string ToSigmaYaml(string ruleId, string author)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"title: {Quote(Title.Trim())}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"id: {Quote(ruleId)}");
        yaml.AppendLine("status: experimental");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"author: {Quote(author)}");
        if (!string.IsNullOrWhiteSpace(Description))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"description: {Quote(Description.Trim())}");
        }
        var techniques = TechniqueIds();
        if (techniques.Count > 0)
        {
            yaml.AppendLine("tags:");
            foreach (var technique in techniques)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  - attack.{technique.ToLowerInvariant()}");
            }
        }
        yaml.AppendLine("logsource:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  category: {Quote(string.IsNullOrWhiteSpace(Category) ? "any" : Category.Trim())}");
        yaml.AppendLine("detection:");
        yaml.AppendLine("  selection:");
        if (!string.IsNullOrWhiteSpace(Category))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    event.category: {Quote(Category.Trim())}");
        }
        var modifier = Operator switch
        {
            RuleFormOperator.Contains => "|contains",
            RuleFormOperator.StartsWith => "|startswith",
            RuleFormOperator.EndsWith => "|endswith",
            _ => "",
        };
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    {Field.Trim()}{modifier}: {Quote(Value)}");
        if (Threshold is { } threshold)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  timeframe: {WindowMinutes}m");
            // Sigma's legacy aggregation says "more than N"; the form asks "at least N".
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  condition: selection | count() by {GroupBy.Trim()} > {threshold - 1}");
        }
        else
        {
            yaml.AppendLine("  condition: selection");
        }
        yaml.AppendLine(CultureInfo.InvariantCulture, $"level: {Level.ToString().ToLowerInvariant()}");
        return yaml.ToString();
    }

    public IReadOnlyList<string> TechniqueIds() =>
        [.. (Techniques ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    // Single-quoted YAML scalars: only the quote itself needs escaping, so no value can break out of its line.
    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal).ReplaceLineEndings(" ") + "'";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.]{0,99}$")]
    internal static partial Regex FieldName();

    [GeneratedRegex("^T[0-9]{4}(\\.[0-9]{3})?$")]
    internal static partial Regex TechniqueId();
}

public enum RuleFormOperator
{
    Equals,
    Contains,
    StartsWith,
    EndsWith,
}

internal static class RuleFormRules
{
    public static void Apply<T>(AbstractValidator<T> validator)
        where T : RuleForm
    {
        validator.RuleFor(f => f.Title).NotEmpty().MaximumLength(200);
        validator.RuleFor(f => f.Description).MaximumLength(1000);
        validator.RuleFor(f => f.Level).IsInEnum();
        validator.RuleFor(f => f.Operator).IsInEnum();
        validator.RuleFor(f => f.Category).MaximumLength(64);
        validator.RuleFor(f => f.Field).NotEmpty().Matches(RuleForm.FieldName()).WithMessage("Use a field name such as user.name or event.action.");
        validator.RuleFor(f => f.Value).NotEmpty().MaximumLength(500);
        validator.RuleFor(f => f.Threshold).InclusiveBetween(2, 100_000).WithMessage("A threshold counts at least 2 events; leave it empty for a single-event rule.");
        validator.RuleFor(f => f.WindowMinutes).InclusiveBetween(1, 24 * 60).When(f => f.Threshold is not null);
        validator.RuleFor(f => f.GroupBy).Matches(RuleForm.FieldName()).When(f => f.Threshold is not null).WithMessage("Group by one field, e.g. source.ip.");
        validator.RuleFor(f => f).Must(f => f.TechniqueIds().All(id => RuleForm.TechniqueId().IsMatch(id)))
            .OverridePropertyName(nameof(RuleForm.Techniques)).WithMessage("ATT&CK ids look like T1110 or T1110.003.");
        validator.RuleFor(f => f).Custom((form, context) =>
        {
            var result = SigmaRuleImporter.Import(form.ToSigmaYaml("form-check", "check"), "tenant");
            foreach (var error in result.Errors)
            {
                context.AddFailure(nameof(RuleForm.Value), error);
            }
        }).When(f => !string.IsNullOrEmpty(f.Field) && RuleForm.FieldName().IsMatch(f.Field) && !string.IsNullOrEmpty(f.Value)
            && (f.Threshold is null || RuleForm.FieldName().IsMatch(f.GroupBy ?? "")));
    }
}
