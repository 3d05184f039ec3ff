using System.Text.Json;
using MsspPortal.Core.Conformance;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>Our logstash-codec-cef-shaped cases and a Metron-shaped CyberArk expectation, through the conformance comparers.</summary>
public sealed class CefExpectedOutputTests
{
    private const string CasesFile = "cef/cases/cef-cases.json";

    public static TheoryData<string> CaseIds() => Fixtures.CaseIds(CasesFile);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Cef_case_gives_the_expected_header_extension_or_failure(string id) =>
        Assert.Empty(CaseFiles.Cef(Fixtures.Case(CasesFile, id)));

    [Fact]
    public void Escapes_and_custom_labels_read_as_written()
    {
        var extension = CaseFiles.ReadCefExtension("msg=policy\\=strict cs1Label=Rule cs1=rule-27 path=C:\\\\temp act=deny");

        Assert.Equal("policy=strict", extension["msg"]);
        Assert.Equal(("Rule", "rule-27"), (extension["cs1Label"], extension["cs1"]));
        Assert.Equal(@"C:\temp", extension["path"]);
        var ev = LogLineParser.Parse("CEF:0|Acme|Firewall|5.0|300|Rule hit|6|cs1Label=Rule cs1=rule-27 msg=policy\\=strict", LogFormat.Cef, Fixtures.Options()).Event!;
        Assert.Equal(("rule-27", "policy=strict"), (ev.Fields["cef.Rule"], ev.Message));
    }

    [Fact]
    public void A_case_with_a_wrong_expectation_is_reported()
    {
        var altered = Fixtures.Case(CasesFile, "escaped_equals_in_value").GetRawText().Replace("policy=strict", "policy\\\\=strict", StringComparison.Ordinal);

        Assert.Contains(CaseFiles.Cef(JsonDocument.Parse(altered).RootElement), f => f.StartsWith("extension msg:", StringComparison.Ordinal));
    }

    [Fact]
    public void Vault_line_matches_its_metron_shaped_expected_output()
    {
        var (records, failures) = ExpectedOutputs.Compare(Fixtures.Text("cef/vendors/vault.cef"), Fixtures.Text("cef/vendors/vault.json"));

        Assert.Equal(1, records);
        Assert.Empty(failures);
    }

    [Fact]
    public void Vault_line_gives_labels_without_quotes_and_keeps_the_unescaped_backslash()
    {
        var line = Fixtures.Lines("cef/vendors/vault.cef")[0];
        var ev = LogLineParser.Parse(line, LogFormat.Auto, Fixtures.Options(2016)).Event!;

        Assert.Equal(("Cyber-Ark", "Vault", "7", "Retrieve password"), (ev.ObserverVendor, ev.ObserverProduct, ev.RuleId, ev.RuleName));
        Assert.Equal(("jsmith", "10.40.0.5"), (ev.UserName, ev.Fields["observer.ip"]));
        Assert.Equal(@"Root\Prod DB admin", ev.Fields["file.name"]);
        Assert.Equal("Linux Root Accounts", ev.Fields["cef.Safe Name"]);
        Assert.Equal("CHG-1042 approved", ev.Fields["cef.Ticket Id"]);
        Assert.Equal("VAULT01", ev.HostName);
        Assert.Equal(5, ev.Severity);
        Assert.Equal(new DateTimeOffset(2016, 4, 2, 9, 15, 44, TimeSpan.Zero), ev.Timestamp);
    }

    [Fact]
    public void A_metron_expectation_that_differs_is_reported()
    {
        var expected = Fixtures.Text("cef/vendors/vault.json").Replace("\"src_username\": \"jsmith\"", "\"src_username\": \"someone\"", StringComparison.Ordinal);

        var (_, failures) = ExpectedOutputs.Compare(Fixtures.Text("cef/vendors/vault.cef"), expected);

        Assert.Contains(failures, f => f.StartsWith("src_username: expected someone, got jsmith", StringComparison.Ordinal));
    }
}
