using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MsspPortal.Web.Features.Compliance.Frameworks.EvidencePack;
using PdfSharp.Pdf.IO;

namespace MsspPortal.UnitTests.Compliance;

public sealed class EvidencePackWriterTests
{
    private const string Ns = "https://mssp-portal.example/ns/compliance";

    private static readonly DateTimeOffset GeneratedAt = new(2026, 7, 1, 6, 30, 0, TimeSpan.Zero);

    // NIST's OSCAL 1.0.4 assessment-results schema (Compliance/Oscal/SOURCES.md), built once: its $id is registered.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(EvidencePackWriterTests).Assembly.GetManifestResourceStream("oscal_assessment-results_schema.json")!;
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    private static readonly EvaluationOptions Strict = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private const string Label1 = "Protect \"stored\" account data — données protégées";
    private const string RulesCsv = "rule,enabled\r\nbrute-force,yes\r\n";
    private const string AttestationText = "Signed by the CISO on 2026-06-12.";

    public static EvidencePackRequest Request() => new(
        "Banque Émeraude", "bank", "pci-dss-4.0.1", "PCI DSS", "4.0.1", "PCI SSC (ids and our own labels only)",
        new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), GeneratedAt, "auditor@bank.example",
        [
            new("1.2.1", "Network security controls configured", ControlStatus.Met, "Firewall log sources reported every day of the period.", EvidenceAutomation.Automated, "Net team", null, ["evidence/log-sources.csv"]),
            new("3.4.1", Label1, ControlStatus.PartlyMet, "Card numbers masked on 2 of 3 tenants' sources.", EvidenceAutomation.Partial, "Ana Lima", new DateOnly(2026, 9, 30), ["evidence/log-sources.csv", "evidence/masking rules.csv"]),
            new("5.2.1", "Anti-malware deployed", ControlStatus.NotMet, "=cmd|' /C calc'!A0", EvidenceAutomation.Manual, null, null, []),
            new("6.3.3", "Patches applied", ControlStatus.NotAssessed, "No upload for the period.", EvidenceAutomation.Manual, "IT ops", new DateOnly(2026, 7, 15), []),
            new("9.4.1", "Media physically secured", ControlStatus.NotApplicable, "No removable media in scope.", EvidenceAutomation.Manual, null, null, []),
            new("10.2.1", "Audit logs enabled", ControlStatus.Met, "All 14 sources sent events in every week.", EvidenceAutomation.Automated, "SOC", null, ["evidence/log-sources.csv"]),
            new("10.4.1", "Audit logs reviewed daily", ControlStatus.PartlyMet, "Reviewed on 170 of 181 days.", EvidenceAutomation.Automated, "SOC", null, []),
            new("10.5.1", "Audit log history kept 12 months", ControlStatus.NotMet, "Retention of raw lines is 6 months.", EvidenceAutomation.Automated, "SOC", null, []),
            new("11.4.1", "Penetration testing", ControlStatus.NotAssessed, "", EvidenceAutomation.Manual, null, null, []),
            new("12.10.1", "Incident response plan", ControlStatus.Met, "Plan attested; 3 incidents handled within SLA.", EvidenceAutomation.Partial, "CISO", new DateOnly(2027, 1, 31), ["attestations/ir-plan.txt"]),
            new("A.5.1", "Policies for information security", ControlStatus.Met, "Policy reviewed\nby the committee.", EvidenceAutomation.Manual, "  CISO  ", null, ["attestations/ir-plan.txt"]),
            new("12.8.1", "Third-party service providers listed", ControlStatus.NotApplicable, "Not in scope.", EvidenceAutomation.Manual, null, null, []),
        ],
        [
            new("evidence/log-sources.csv", "Log sources and the days each reported", WriteText("source,days\r\nfw-01,181\r\n")),
            new("evidence/masking rules.csv", "Masking rules per kind", WriteText(RulesCsv)),
            new("attestations/ir-plan.txt", "Incident response plan attestation", WriteText(AttestationText)),
        ]);

    private static Func<Stream, CancellationToken, Task> WriteText(string text) =>
        async (stream, ct) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);

    private static async Task<byte[]> PackAsync(EvidencePackRequest request)
    {
        using var buffer = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyAsyncStream(buffer))
        {
            await new EvidencePackWriter().WriteAsync(request, forwardOnly, CancellationToken.None);
        }
        return buffer.ToArray();
    }

    private static Dictionary<string, byte[]> Entries(byte[] zip, out List<string> order)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        order = archive.Entries.Select(e => e.FullName).ToList();
        var entries = new Dictionary<string, byte[]>();
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            entries[entry.FullName] = copy.ToArray();
        }
        return entries;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task The_pack_streams_to_a_forward_only_output_with_evidence_first_and_the_index_and_manifest_last()
    {
        var entries = Entries(await PackAsync(Request()), out var order);

        Assert.Equal(
            ["evidence/log-sources.csv", "evidence/masking rules.csv", "attestations/ir-plan.txt", "controls.csv", "controls.json",
                "oscal-assessment-results.json", "index.pdf", "manifest.json"],
            order);
        Assert.Equal(RulesCsv, Encoding.UTF8.GetString(entries["evidence/masking rules.csv"]));
        Assert.Equal(AttestationText, Encoding.UTF8.GetString(entries["attestations/ir-plan.txt"]));
    }

    [Fact]
    public async Task The_same_request_gives_the_same_archive_byte_for_byte()
    {
        var first = Entries(await PackAsync(Request()), out _);
        var second = Entries(await PackAsync(Request()), out _);
        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first.Keys, k => Assert.True(first[k].SequenceEqual(second[k]), k));
    }

    [Fact]
    public async Task Manifest_and_controls_json_hashes_are_those_of_the_entries_bytes()
    {
        var entries = Entries(await PackAsync(Request()), out _);

        using var manifest = JsonDocument.Parse(entries["manifest.json"]);
        var listed = manifest.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => (Sha: f.GetProperty("sha256").GetString()!, Bytes: f.GetProperty("bytes").GetInt64()));
        Assert.Equal(entries.Keys.Where(k => k != "manifest.json").Order(), listed.Keys.Order());
        foreach (var (name, (sha, bytes)) in listed)
        {
            Assert.Equal(Hex(entries[name]), sha);
            Assert.Equal(entries[name].Length, bytes);
        }
        // Known by hand: SHA-256 of the attestation's UTF-8 text.
        Assert.Equal(Hex(Encoding.UTF8.GetBytes(AttestationText)), listed["attestations/ir-plan.txt"].Sha);

        using var controls = JsonDocument.Parse(entries["controls.json"]);
        var files = controls.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(3, files.Count);
        foreach (var file in files)
        {
            Assert.Equal(Hex(entries[file.GetProperty("fileName").GetString()!]), file.GetProperty("sha256").GetString());
        }
        var partly = controls.RootElement.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("controlId").GetString() == "3.4.1");
        Assert.Equal("partly-met", partly.GetProperty("status").GetString());
        Assert.Equal(Label1, partly.GetProperty("label").GetString());
        Assert.Equal(Hex(Encoding.UTF8.GetBytes(RulesCsv)), partly.GetProperty("evidenceFiles")[1].GetProperty("sha256").GetString());

        // 12 controls: 4 met, 2 partly met, 2 not met, 2 not assessed, 2 not applicable (counted by hand above).
        var counts = controls.RootElement.GetProperty("statusCounts");
        Assert.Equal([4, 2, 2, 2, 2], new[] { "met", "partly-met", "not-met", "not-assessed", "not-applicable" }.Select(s => counts.GetProperty(s).GetInt32()));
    }

    [Fact]
    public async Task Controls_csv_quotes_cells_and_defuses_formulas()
    {
        var csv = Entries(await PackAsync(Request()), out _)["controls.csv"];

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Control,Label,Status,Reason,Evidence gathered,Owner,Review due,Evidence files", lines[0]);
        Assert.Contains("5.2.1,Anti-malware deployed,Not met,'=cmd|' /C calc'!A0,manual,,,", lines);
        Assert.Contains("3.4.1,\"Protect \"\"stored\"\" account data — données protégées\",Partly met,Card numbers masked on 2 of 3 tenants' sources.,partial,Ana Lima,2026-09-30,evidence/log-sources.csv; evidence/masking rules.csv", lines);
        Assert.DoesNotContain(lines, l => l.Contains(",=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_index_is_a_pdf_that_pdfsharp_opens()
    {
        var pdf = Entries(await PackAsync(Request()), out _)["index.pdf"];

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 1);
        Assert.StartsWith("Evidence pack PCI DSS Banque", document.Info.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_lists_every_control_status_and_every_file_hash_before_it()
    {
        var entries = Entries(await PackAsync(Request()), out _);
        using var document = PdfReader.Open(new MemoryStream(entries["index.pdf"]), PdfDocumentOpenMode.Import);
        var content = new StringBuilder();
        foreach (var page in document.Pages)
        {
            content.Append(Encoding.Latin1.GetString(page.Contents.CreateSingleContent().Stream.UnfilteredValue));
        }
        var text = content.ToString().Replace("\\(", "(", StringComparison.Ordinal).Replace("\\)", ")", StringComparison.Ordinal); // literal strings escape parentheses

        Assert.Contains("Met: 4; Partly met: 2; Not met: 2; Not assessed: 2; Not applicable: 2 (12 controls)", text, StringComparison.Ordinal);
        Assert.Contains("Audit period 2026-01-01 to 2026-06-30", text, StringComparison.Ordinal);
        foreach (var name in entries.Keys.Where(k => k is not "index.pdf" and not "manifest.json"))
        {
            Assert.Contains($"{Hex(entries[name])}  {name}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_large_evidence_file_is_streamed_not_held_in_memory()
    {
        var random = new Random(16);
        var chunk = new byte[64 * 1024];
        var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var request = Request() with
        {
            Files = [.. Request().Files, new EvidenceFile("evidence/raw-export.bin", "4 MiB that do not compress", async (stream, ct) =>
            {
                for (var i = 0; i < 64; i++)
                {
                    random.NextBytes(chunk);
                    whole.AppendData(chunk);
                    await stream.WriteAsync(chunk, ct);
                }
            })],
        };
        using var buffer = new MemoryStream();
        var output = new ForwardOnlyAsyncStream(buffer);

        await new EvidencePackWriter().WriteAsync(request, output, CancellationToken.None);

        Assert.True(buffer.Length > 4 * 1024 * 1024);
        Assert.True(output.LargestWrite < 256 * 1024, $"largest single write {output.LargestWrite} bytes");
        using var manifest = JsonDocument.Parse(Entries(buffer.ToArray(), out _)["manifest.json"]);
        var raw = manifest.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "evidence/raw-export.bin");
        Assert.Equal(Convert.ToHexStringLower(whole.GetHashAndReset()), raw.GetProperty("sha256").GetString());
        Assert.Equal(4 * 1024 * 1024, raw.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task The_oscal_assessment_results_are_valid_against_nists_schema()
    {
        var oscal = Entries(await PackAsync(Request()), out _)["oscal-assessment-results.json"];

        var results = Evaluate(oscal);

        Assert.True(results.IsValid, Errors(results));
    }

    [Fact]
    public async Task The_oscal_document_maps_status_reason_and_evidence()
    {
        var entries = Entries(await PackAsync(Request()), out _);
        var ar = JsonNode.Parse(entries["oscal-assessment-results.json"])!["assessment-results"]!;
        var result = ar["results"]![0]!;

        Assert.Equal("1.0.4", (string?)ar["metadata"]!["oscal-version"]);
        Assert.Equal("2026-01-01T00:00:00Z", (string?)result["start"]);
        Assert.Equal("2026-06-30T23:59:59Z", (string?)result["end"]);
        var included = result["reviewed-controls"]!["control-selections"]![0]!["include-controls"]!.AsArray().Select(c => (string?)c!["control-id"]).ToList();
        Assert.Equal(12, included.Count);
        Assert.Contains("ctl-3.4.1", included); // "3.4.1" is not an OSCAL token: prefixed
        Assert.Contains("A.5.1", included);

        var findings = result["findings"]!.AsArray();
        Assert.Equal(12, findings.Count);
        var partly = findings.Single(f => (string?)f!["target"]!["target-id"] == "ctl-3.4.1")!;
        Assert.Equal("not-satisfied", (string?)partly["target"]!["status"]!["state"]);
        Assert.Equal("Card numbers masked on 2 of 3 tenants' sources.", (string?)partly["description"]);
        var props = partly["props"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (string?)p!["value"]);
        Assert.Equal("partly-met", props["status"]);
        Assert.Equal("3.4.1", props["control-id"]);
        Assert.All(partly["props"]!.AsArray(), p => Assert.Equal(Ns, (string?)p!["ns"]));
        var met = findings.Single(f => (string?)f!["target"]!["target-id"] == "ctl-1.2.1")!;
        Assert.Equal("satisfied", (string?)met["target"]!["status"]!["state"]);
        Assert.Equal(4, findings.Count(f => (string?)f!["target"]!["status"]!["state"] == "satisfied"));

        var observations = result["observations"]!.AsArray().ToDictionary(o => (string)o!["title"]!, o => o!);
        Assert.Equal(3, observations.Count);
        Assert.Equal("TEST", (string?)observations["evidence/log-sources.csv"]["methods"]![0]); // cited by an automated control
        Assert.Equal("EXAMINE", (string?)observations["attestations/ir-plan.txt"]["methods"]![0]);
        var masking = observations["evidence/masking rules.csv"]["relevant-evidence"]![0]!;
        Assert.Equal("evidence/masking%20rules.csv", (string?)masking["href"]);
        Assert.Equal(Hex(entries["evidence/masking rules.csv"]), (string?)masking["props"]![0]!["value"]);
        var linked = partly["related-observations"]!.AsArray().Select(o => (string?)o!["observation-uuid"]).ToList();
        Assert.Equal([(string?)observations["evidence/log-sources.csv"]["uuid"], (string?)observations["evidence/masking rules.csv"]["uuid"]], linked);
    }

    [Fact]
    public async Task Oscal_uuids_are_version_5_and_follow_tenant_framework_period_and_time()
    {
        static async Task<string> UuidOf(EvidencePackRequest request) =>
            (string)JsonNode.Parse(Entries(await PackAsync(request), out _)["oscal-assessment-results.json"])!["assessment-results"]!["uuid"]!;

        var first = await UuidOf(Request());
        Assert.Equal(first, await UuidOf(Request()));
        Assert.Equal('5', first[14]);
        Assert.NotEqual(first, await UuidOf(Request() with { GeneratedAt = GeneratedAt.AddMinutes(1) }));
        Assert.NotEqual(first, await UuidOf(Request() with { TenantSlug = "saas" }));
    }

    [Fact]
    public async Task The_schema_rejects_a_document_without_import_ap()
    {
        var doc = JsonNode.Parse(Entries(await PackAsync(Request()), out _)["oscal-assessment-results.json"])!;
        doc["assessment-results"]!.AsObject().Remove("import-ap");

        var results = Evaluate(Encoding.UTF8.GetBytes(doc.ToJsonString()));

        Assert.False(results.IsValid);
        Assert.Contains("import-ap", Errors(results), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_rejects_a_finding_without_target()
    {
        var doc = JsonNode.Parse(Entries(await PackAsync(Request()), out _)["oscal-assessment-results.json"])!;
        doc["assessment-results"]!["results"]![0]!["findings"]![0]!.AsObject().Remove("target");

        var results = Evaluate(Encoding.UTF8.GetBytes(doc.ToJsonString()));

        Assert.False(results.IsValid);
        Assert.Contains("target", Errors(results), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_rejects_a_state_oscal_does_not_know()
    {
        var doc = JsonNode.Parse(Entries(await PackAsync(Request()), out _)["oscal-assessment-results.json"])!;
        doc["assessment-results"]!["results"]![0]!["findings"]![1]!["target"]!["status"]!["state"] = "partly-met";

        Assert.False(Evaluate(Encoding.UTF8.GetBytes(doc.ToJsonString())).IsValid);
    }

    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("evidence/../../outside.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("evidence\\rules.csv")]
    [InlineData("C:/evidence/rules.csv")]
    [InlineData("evidence//rules.csv")]
    [InlineData("")]
    [InlineData("controls.csv")]
    public async Task An_unsafe_or_reserved_file_name_is_refused_before_anything_is_written(string name)
    {
        var request = Request() with { Files = [new EvidenceFile(name, "bad", WriteText("x"))], Controls = [Request().Controls[2]] };
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentException>(() => new EvidencePackWriter().WriteAsync(request, output, CancellationToken.None));

        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task A_control_citing_a_file_not_in_the_pack_is_refused()
    {
        var request = Request() with { Files = [] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new EvidencePackWriter().WriteAsync(request, new MemoryStream(), CancellationToken.None));

        Assert.Contains("evidence/log-sources.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citation_must_name_the_file_exactly_not_in_another_case()
    {
        var request = Request() with { Controls = [Request().Controls[0] with { EvidenceFileNames = ["Evidence/Log-Sources.csv"] }] };

        await Assert.ThrowsAsync<ArgumentException>(() => new EvidencePackWriter().WriteAsync(request, new MemoryStream(), CancellationToken.None));
    }

    private static EvaluationResults Evaluate(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Value.Evaluate(document.RootElement, Strict);
    }

    private static string Errors(EvaluationResults results) => string.Join("\n",
        new[] { results }.Concat(results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}")));

    // A response body: forward only, no length or position, and synchronous writes refused (Kestrel refuses them).
    private sealed class ForwardOnlyAsyncStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public long LargestWrite { get; private set; }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
