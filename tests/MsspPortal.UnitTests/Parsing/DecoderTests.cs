using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

public sealed class DecoderTests
{
    private static NormalizedEvent Parse(string line)
    {
        var outcome = LogLineParser.Parse(line, LogFormat.Auto, Fixtures.Options());
        Assert.True(outcome.Event is not null, outcome.Error);
        return outcome.Event!;
    }

    [Theory]
    [InlineData("Feb 20 08:35:22 h sshd[5774]: Failed password for root from 216.160.83.57 port 29160 ssh2", "logon-failed", "root", "216.160.83.57", 29160)]
    [InlineData("Feb 20 08:35:22 h sshd[5774]: Failed password for invalid user admin from 1.2.3.4 port 22 ssh2", "logon-failed", "admin", "1.2.3.4", 22)]
    [InlineData("Feb 23 00:13:35 h sshd[7483]: Accepted password for vagrant from 192.168.33.1 port 58803 ssh2", "logon", "vagrant", "192.168.33.1", 58803)]
    [InlineData("Feb 21 21:54:44 h sshd[3402]: Accepted publickey for vagrant from 10.0.2.2 port 63673 ssh2: RSA 39:33", "logon", "vagrant", "10.0.2.2", 63673)]
    [InlineData("Feb 21 21:56:12 h sshd[3430]: Invalid user test from 10.0.2.2", "logon-failed", "test", "10.0.2.2", null)]
    public void Sshd_logon_messages_give_action_user_address_and_port(string line, string action, string user, string ip, int? port)
    {
        var ev = Parse(line);

        Assert.Equal(action, ev.EventAction);
        Assert.Equal(action == "logon" ? EventOutcome.Success : EventOutcome.Failure, ev.Outcome);
        Assert.Equal("authentication", ev.EventCategory);
        Assert.Equal(user, ev.UserName);
        Assert.Equal(ip, ev.SourceIp);
        Assert.Equal(port, ev.SourcePort);
    }

    [Fact]
    public void Sudo_command_is_a_successful_privilege_use()
    {
        var ev = Parse("Feb 23 00:08:48 localhost sudo: vagrant : TTY=pts/1 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/cat /var/log/secure");

        Assert.Equal("sudo", ev.EventAction);
        Assert.Equal(EventOutcome.Success, ev.Outcome);
        Assert.Equal("vagrant", ev.UserName);
        Assert.Equal("root", ev.Fields["user.target.name"]);
        Assert.Equal("/bin/cat /var/log/secure", ev.Fields["process.command_line"]);
    }

    [Fact]
    public void Sudo_user_not_in_sudoers_is_a_failure()
    {
        var ev = Parse("Feb 24 00:13:02 precise32 sudo:      tsg : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls");

        Assert.Equal(EventOutcome.Failure, ev.Outcome);
        Assert.Equal("tsg", ev.UserName);
        Assert.Equal("user NOT in sudoers", ev.Fields["sudo.error"]);
    }

    [Theory]
    [InlineData("Oct 1 10:00:00 h su: FAILED su for root by alice", EventOutcome.Failure)]
    [InlineData("Oct 1 10:00:00 h su: Successful su for root by alice", EventOutcome.Success)]
    [InlineData("Oct 1 10:00:00 h su[42]: (to root) alice on pts/0", EventOutcome.Success)]
    public void Su_gives_the_user_the_target_and_the_outcome(string line, EventOutcome outcome)
    {
        var ev = Parse(line);

        Assert.Equal(outcome, ev.Outcome);
        Assert.Equal("alice", ev.UserName);
        Assert.Equal("root", ev.Fields["user.target.name"]);
    }

    [Fact]
    public void Asa_106023_deny_gives_addresses_ports_protocol_and_severity()
    {
        var ev = Parse("<164>Aug 05 2016 01:02:25: %ASA-4-106023: Deny udp src Inside:10.230.4.88/42350 dst Outside:192.168.2.53/53 by access-group \"Inside_access_in\" [0x962df600, 0x0]");

        Assert.Equal("connection-denied", ev.EventAction);
        Assert.Equal(EventOutcome.Failure, ev.Outcome);
        Assert.Equal(("10.230.4.88", 42350, "192.168.2.53", 53), (ev.SourceIp, ev.SourcePort, ev.DestinationIp, ev.DestinationPort));
        Assert.Equal("udp", ev.NetworkTransport);
        Assert.Equal("106023", ev.RuleId);
        Assert.Equal(5, ev.Severity);
        Assert.Equal("ASA", ev.ObserverProduct);
    }

    [Fact]
    public void Ftd_messages_are_decoded_like_asa()
    {
        var ev = Parse("<166>Jan  5 09:52:35 fw %FTD-6-302014: Teardown TCP connection 1 for outside:1.2.3.4/80 to inside:10.0.0.1/5555 duration 0:00:01 bytes 10 TCP FINs");

        Assert.Equal("FTD", ev.ObserverProduct);
        Assert.Equal("connection-ended", ev.EventAction);
        Assert.Equal("1.2.3.4", ev.SourceIp);
        Assert.Equal(5555, ev.DestinationPort);
    }

    [Theory]
    [InlineData("%ASA-6-113004: AAA user authentication Successful : server = 10.1.1.1 : user = bob", "logon", "bob")]
    [InlineData("%ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 10.1.1.1 : user = eve : user IP = 203.0.113.9", "logon-failed", "eve")]
    public void Asa_aaa_messages_are_logons(string message, string action, string user)
    {
        var ev = Parse("<166>Jan  5 09:52:35 fw " + message);

        Assert.Equal(action, ev.EventAction);
        Assert.Equal("authentication", ev.EventCategory);
        Assert.Equal(user, ev.UserName);
    }

    [Fact]
    public void Pan_os_threat_csv_gives_threat_name_id_severity_and_user()
    {
        var ev = Parse(Fixtures.Lines("syslog/paloalto/panos.log")[0]);

        Assert.Equal("Palo Alto Networks", ev.ObserverVendor);
        Assert.Equal("SQL Injection Attempt", ev.RuleName);
        Assert.Equal("91234", ev.RuleId);
        Assert.Equal(10, ev.Severity);
        Assert.Equal(@"corp\jdoe", ev.UserName);
        Assert.Equal(("10.20.0.15", 50522, "198.51.100.80", 80), (ev.SourceIp, ev.SourcePort, ev.DestinationIp, ev.DestinationPort));
        Assert.Equal("connection-denied", ev.EventAction);
        Assert.Equal(new DateTimeOffset(2024, 3, 14, 10, 20, 29, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal("intrusion_detection", ev.EventCategory);
        Assert.Equal("login.php?user=admin&id=1", ev.Fields["panos.misc"]);
    }

    [Fact]
    public void Pan_os_traffic_csv_gives_the_session()
    {
        var ev = Parse(Fixtures.Lines("syslog/paloalto/panos.log")[1]);

        Assert.Equal("network", ev.EventCategory);
        Assert.Equal("TRAFFIC", ev.Fields["panos.type"]);
        Assert.Equal(("10.20.0.16", 53001, "192.0.2.10", 53, "udp"), (ev.SourceIp, ev.SourcePort, ev.DestinationIp, ev.DestinationPort, ev.NetworkTransport));
        Assert.Equal(("connection-allowed", EventOutcome.Success), (ev.EventAction, ev.Outcome));
        Assert.Equal("312", ev.Fields["network.bytes"]);
        Assert.Equal("203.0.113.1", ev.Fields["source.nat.ip"]);
    }

    [Fact]
    public void Pan_os_traffic_deny_is_a_denied_connection()
    {
        var ev = Parse(Fixtures.Lines("syslog/paloalto/panos.log")[2]);

        Assert.Equal(("connection-denied", EventOutcome.Failure, "203.0.113.66", 3389), (ev.EventAction, ev.Outcome, ev.SourceIp, ev.DestinationPort));
    }

    [Fact]
    public void Every_auth_log_line_with_a_decoder_gets_an_action()
    {
        var decoded = Fixtures.Lines("syslog/auth/auth.log")
            .Select(l => LogLineParser.Parse(l, LogFormat.Auto, Fixtures.Options()).Event!)
            .Where(e => e.ProcessName is "sshd" or "sudo" or "su")
            .ToList();

        // 6 sshd, 2 sudo, 3 su; only "Connection closed ... [preauth]" says nothing about a logon.
        Assert.Equal(11, decoded.Count);
        Assert.Equal(10, decoded.Count(e => e.EventAction is not null));
        Assert.Null(decoded.Single(e => e.Message!.StartsWith("Connection closed", StringComparison.Ordinal)).EventAction);
    }
}
