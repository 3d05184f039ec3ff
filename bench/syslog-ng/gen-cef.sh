#!/usr/bin/env bash
# Writes N (default 200,000) CEF lines with an RFC 3164 prefix to FILE, deterministically (same bytes every run):
# firewall allow/deny traffic plus bursts of failed VPN logons, so that both parsing and detection have work.
# Every line carries custom labels (cs1Label=Rule cs1=rule-27) and a sequence number (externalId=N: the bench finds
# the end of syslog-ng's output by it). With ESCAPES (the default, "escapes"), half the lines also hold CEF escapes
# in their extension (msg=policy\=strict, a "\\" in a path); "plain" writes the same lines without them.
# Usage: gen-cef.sh FILE [LINES] [escapes|plain]
set -euo pipefail
out=${1:?usage: gen-cef.sh FILE [LINES] [escapes|plain]}
lines=${2:-200000}
variant=${3:-escapes}
case "$variant" in escapes) esc=1 ;; plain) esc=0 ;; *) echo "variant must be escapes or plain" >&2; exit 2 ;; esac
awk -v n="$lines" -v esc="$esc" 'BEGIN {
  split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ");
  for (i = 0; i < n; i++) {
    s = i % 86400; hh = int(s / 3600); mm = int(s % 3600 / 60); ss = s % 60;
    m = mon[int(i / 86400) % 12 + 1]; d = int(i / 20000) % 28 + 1;
    stamp = sprintf("%s %2d %02d:%02d:%02d", m, d, hh, mm, ss);
    src = sprintf("10.%d.%d.%d", i % 7, int(i / 7) % 250, i % 253 + 1);
    dst = sprintf("192.168.%d.%d", i % 13, i % 251 + 1);
    if (i % 10 == 0) {
      reason = (esc && i % 20 == 0) ? sprintf("cs2Label=Policy cs2=policy\\=strict cs3Label=Profile cs3=C:\\\\vpn\\\\user%d.xml ", i % 97) : "";
      printf "<134>%s vpn01 CEF:0|Acme|VPN Gateway|4.2|auth-fail|Logon failed|6|rt=%s 2025 %02d:%02d:%02d src=%s suser=user%d outcome=failure cat=/Authentication/Verify act=logon %scs1Label=Rule cs1=rule-%d externalId=%d msg=Invalid credentials for user%d\n", stamp, sprintf("%s %02d", m, d), hh, mm, ss, src, i % 97, reason, i % 40, i, i % 97;
    } else {
      act = (i % 3 == 0) ? "deny" : "allow";
      note = (esc && i % 2 == 0) ? sprintf(" msg=%s by policy\\=strict", act) : "";
      printf "<134>%s fw01 CEF:0|Palo Alto Networks|PAN-OS|10.1.0|TRAFFIC|end|3|rt=%s 2025 %02d:%02d:%02d src=%s dst=%s spt=%d dpt=%d proto=TCP act=%s suser=user%d cs1Label=Rule cs1=rule-%d cs2Label=App cs2=ssl in=%d out=%d externalId=%d%s\n", stamp, sprintf("%s %02d", m, d), hh, mm, ss, src, dst, 1024 + i % 60000, (i % 5 == 0) ? 22 : 443, act, i % 500, i % 40, i % 9000 + 60, i % 70000 + 40, i, note;
    }
  }
}' > "$out"
