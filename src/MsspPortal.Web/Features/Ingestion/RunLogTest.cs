using System.Globalization;
using FluentValidation;
using Mediator;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Web.Features.Ingestion;

// The "Log test" page: paste lines, see how each parses and which built-in rules fire (like wazuh-logtest).
public sealed record RunLogTest : IQuery<LogTestViewModel>
{
    public string Lines { get; init; } = "";

    public LogFormat Format { get; init; } = LogFormat.Auto;

    public string TimeZone { get; init; } = "UTC";
}

public sealed record LogTestViewModel(RunLogTest Input, IReadOnlyList<LogTestViewModel.Line> Results)
{
    public sealed record Line(int Number, string Raw, LogFormat Format, string? Error, bool Truncated,
        IReadOnlyList<KeyValuePair<string, string>> Fields, IReadOnlyList<string> Rules);
}

public sealed class RunLogTestValidator : AbstractValidator<RunLogTest>
{
    public const int MaxLines = 500;

    public RunLogTestValidator()
    {
        RuleFor(r => r.Lines).NotEmpty().WithMessage("Paste at least one log line.")
            .Must(l => l.Split('\n').Length <= MaxLines).WithMessage($"Paste at most {MaxLines} lines at a time.");
        RuleFor(r => r.Format).IsInEnum();
        RuleFor(r => r.TimeZone).Must(z => TimeZoneInfo.TryFindSystemTimeZoneById(z, out _)).WithMessage("Enter an IANA time zone such as Europe/Berlin.");
    }
}

internal sealed class RunLogTestHandler(TimeProvider clock) : IQueryHandler<RunLogTest, LogTestViewModel>
{
    private static readonly Guid LogTestTenant = new("00000000-0000-0000-0000-00000000c0de");

    public ValueTask<LogTestViewModel> Handle(RunLogTest query, CancellationToken cancellationToken)
    {
        var options = new ParseOptions(TimeZoneInfo.FindSystemTimeZoneById(query.TimeZone), clock.GetUtcNow());
        // A fresh engine per run: thresholds and sequences count only the pasted lines, in order.
        var engine = new DetectionEngine(BuiltInRules.All);
        var results = new List<LogTestViewModel.Line>();
        var detections = new List<DetectionResult>();
        var number = 0;
        foreach (var raw in query.Lines.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            var outcome = LogLineParser.Parse(line, query.Format, options);
            if (outcome.Event is not { } e)
            {
                results.Add(new LogTestViewModel.Line(number, line, outcome.DetectedFormat, outcome.Error, outcome.Truncated, [], []));
                continue;
            }
            detections.Clear();
            engine.Evaluate(LogTestTenant, e, detections);
            results.Add(new LogTestViewModel.Line(number, line, e.Format, null, outcome.Truncated, FieldsOf(e),
                detections.Select(d => $"{d.RuleId} — {d.RuleTitle} ({string.Join(", ", d.Techniques)})").ToList()));
        }
        return ValueTask.FromResult(new LogTestViewModel(query, results));
    }

    private static List<KeyValuePair<string, string>> FieldsOf(NormalizedEvent e)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var name in TypedFields)
        {
            if (e.Get(name) is { Length: > 0 } value)
            {
                fields.Add(new(name, value));
            }
        }
        if (e.HasFields)
        {
            fields.AddRange(e.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        }
        return fields;
    }

    private static readonly string[] TypedFields =
    [
        "@timestamp", "event.action", "event.outcome", "event.category", "event.severity", "source.ip", "source.port",
        "destination.ip", "destination.port", "network.transport", "user.name", "host.name", "process.name", "rule.id", "rule.name",
        "url.original", "dns.question.name", "file.hash", "source.geo.country_iso_code", "observer.vendor", "observer.product", "message",
    ];
}
