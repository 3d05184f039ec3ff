using System.IO.Pipelines;
using System.Text.Unicode;

namespace MsspPortal.Cli;

// Realistic log lines of every format the parsers know (RFC 3164 sshd/sudo/iptables, RFC 5424, CEF, LEEF, JSON
// Suricata and Windows), written straight into a pipe as UTF-8 without a string per line: the benchmark measures
// ingestion, not its own generator, and never holds the whole input in memory. The mix is a customer's ordinary
// day: mostly allowed traffic, web requests and logons of known users from their usual addresses, with a few
// percent of hostile lines from a small pool of attackers (brute force, scans, IDS and WAF hits) — so detection
// works on a realistic alert rate instead of an alert for every third line.
internal static class SyntheticLogs
{
    private static readonly string[] Users = ["root", "admin", "deploy", "alice", "bob", "svc-backup", "oracle", "m.keane", "teller.ops", "guest"];
    private static readonly string[] Hosts = ["bastion-01", "web-01", "web-02", "db-01", "fw-edge", "dc01"];
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static async Task WriteAsync(PipeWriter output, int lines, int seed, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        for (var i = 0; i < lines; i++)
        {
            var memory = output.GetMemory(2048);
            var at = start.AddMilliseconds(i * 3);
            output.Advance(Write(memory.Span, Kind(i % 100), random, at));
            if ((i & 255) == 255)
            {
                // Awaiting the flush is the back-pressure that keeps the pipe (and memory) small.
                await output.FlushAsync(cancellationToken);
            }
        }
        await output.CompleteAsync();
    }

    // Out of 100 lines: 3 failed logons and 2 firewall drops and 1 IDS and 1 WAF hit from attackers; the rest is ordinary work.
    private static int Kind(int slot) => slot switch
    {
        < 3 => 0,    // failed ssh password from an attacker
        < 13 => 1,   // accepted ssh key from the user's usual address
        < 23 => 2,   // sudo
        < 25 => 3,   // firewall drop of a scan
        < 40 => 4,   // web access (RFC 5424)
        < 41 => 5,   // WAF SQL injection blocked
        < 46 => 6,   // anti-malware event (LEEF)
        < 47 => 7,   // Suricata alert
        < 57 => 8,   // Windows logon of a known user
        < 67 => 9,   // ssh session opened
        _ => 10,     // allowed firewall traffic (CEF)
    };

    private static int Write(Span<byte> span, int kind, Random r, DateTimeOffset at)
    {
        var userIndex = r.Next(Users.Length);
        var user = Users[userIndex];
        var host = Hosts[r.Next(Hosts.Length)];
        var attacker = r.Next(1, 40);
        // Hostile lines come from a small pool of attackers; known users come from their own address.
        var (a, b, port) = (kind is 0 or 3 or 5 or 7 ? attacker : userIndex + 10, r.Next(1, 255), r.Next(1024, 65535));
        var bsd = string.Create(Invariant, $"{Months[at.Month - 1]} {at.Day,2} {at:HH:mm:ss}");
        int written;
        var ok = kind switch
        {
            0 => Utf8.TryWrite(span, Invariant, $"<38>{bsd} {host} sshd[{port % 9000}]: Failed password for invalid user {user} from 203.0.{a}.{b} port {port} ssh2\n", out written),
            1 => Utf8.TryWrite(span, Invariant, $"<38>{bsd} {host} sshd[{port % 9000}]: Accepted publickey for {user} from 198.51.{a}.{b} port {port} ssh2: RSA SHA256:9a8b7c6d5e4f\n", out written),
            2 => Utf8.TryWrite(span, Invariant, $"<85>{bsd} {host} sudo:    {user} : TTY=pts/{a % 8} ; PWD=/home/{user} ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx\n", out written),
            3 => Utf8.TryWrite(span, Invariant, $"<4>{bsd} fw-edge kernel: [{port}.{b:D6}] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=192.0.2.{a} DST=10.0.0.{b} LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID={port} DF PROTO=TCP SPT={port} DPT={(a % 2 == 0 ? 22 : 3389)} WINDOW=29200 RES=0x00 SYN URGP=0\n", out written),
            4 => Utf8.TryWrite(span, Invariant, $"<165>1 {at:yyyy-MM-ddTHH:mm:ss.fffZ} {host} nginx {port % 9000} ACCESS [req@32473 src=\"203.0.113.{a}\" user=\"{user}\" status=\"401\"] GET /login HTTP/1.1 401\n", out written),
            5 => Utf8.TryWrite(span, Invariant, $"CEF:0|Imperva Inc.|SecureSphere|12.0|{a}|SQL injection attempt|High|rt={at.ToUnixTimeMilliseconds()} src=198.51.100.{a} dst=10.10.1.{b} spt={port} dpt=443 act=blocked suser={user} requestMethod=POST request=/api/orders cs1Label=Policy cs1=Default Web Policy\n", out written),
            6 => Utf8.TryWrite(span, Invariant, $"LEEF:1.0|Trend Micro|Deep Security Agent|20.0|4000030|cat=Anti-Malware\tsev={a % 10}\tsrc=10.20.{a}.{b}\tdst=10.20.0.5\tusrName={user}\tname=HEU_AEGIS_CRYPT\tact=quarantine\n", out written),
            7 => Utf8.TryWrite(span, Invariant, $"{{\"timestamp\":\"{at:yyyy-MM-ddTHH:mm:ss.ffffff}+0000\",\"flow_id\":{port}{b},\"event_type\":\"alert\",\"src_ip\":\"203.0.113.{a}\",\"src_port\":{port},\"dest_ip\":\"10.0.0.{b}\",\"dest_port\":80,\"proto\":\"TCP\",\"alert\":{{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2013028,\"rev\":7,\"signature\":\"ET POLICY curl User-Agent Outbound\",\"category\":\"Attempted Information Leak\",\"severity\":2}}}}\n", out written),
            8 => Utf8.TryWrite(span, Invariant, $"{{\"EventTime\":\"{at:yyyy-MM-dd HH:mm:ss}\",\"Hostname\":\"dc01.corp.example\",\"EventID\":4624,\"EventType\":\"AUDIT_SUCCESS\",\"Category\":\"Logon\",\"TargetUserName\":\"{user}\",\"IpAddress\":\"198.51.100.{a}\",\"IpPort\":\"{port}\",\"LogonType\":\"3\"}}\n", out written),
            9 => Utf8.TryWrite(span, Invariant, $"<86>{bsd} {host} sshd[{port % 9000}]: pam_unix(sshd:session): session opened for user {user} by (uid=0)\n", out written),
            _ => Utf8.TryWrite(span, Invariant, $"<14>{bsd} fw-edge CEF:0|Palo Alto Networks|PAN-OS|10.2|end|TRAFFIC|1|rt={at.ToUnixTimeMilliseconds()} src=10.10.{userIndex}.{b % 20} dst=10.10.1.{b % 8} spt={port} dpt=443 proto=TCP act=allow cs1Label=Rule cs1=allow-internal\n", out written),
        };
        return ok ? written : throw new InvalidOperationException("A synthetic line did not fit its buffer.");
    }
}
