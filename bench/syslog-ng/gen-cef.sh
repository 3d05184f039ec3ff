#!/usr/bin/env bash
# Writes N (default 200,000) CEF lines with an RFC 3164 prefix to FILE, deterministically (same bytes every run):
# firewall allow/deny traffic plus bursts of failed VPN logons, so that both parsing and detection have work.
set -euo pipefail
out=${1:?usage: gen-cef.sh FILE [LINES]}
lines=${2:-200000}
awk -v n="$lines" 'BEGIN {
  split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ");
  for (i = 0; i < n; i++) {
    s = i % 86400; hh = int(s / 3600); mm = int(s % 3600 / 60); ss = s % 60;
    m = mon[int(i / 86400) % 12 + 1]; d = int(i / 20000) % 28 + 1;
    stamp = sprintf("%s %2d %02d:%02d:%02d", m, d, hh, mm, ss);
    src = sprintf("10.%d.%d.%d", i % 7, int(i / 7) % 250, i % 253 + 1);
    dst = sprintf("192.168.%d.%d", i % 13, i % 251 + 1);
    if (i % 10 == 0) {
      printf "<134>%s vpn01 CEF:0|Acme|VPN Gateway|4.2|auth-fail|Logon failed|6|rt=%s 2025 %02d:%02d:%02d src=%s suser=user%d outcome=failure cat=/Authentication/Verify act=logon msg=Invalid credentials for user%d\n", stamp, sprintf("%s %02d", m, d), hh, mm, ss, src, i % 97, i % 97;
    } else {
      act = (i % 3 == 0) ? "deny" : "allow";
      printf "<134>%s fw01 CEF:0|Palo Alto Networks|PAN-OS|10.1.0|TRAFFIC|end|3|rt=%s 2025 %02d:%02d:%02d src=%s dst=%s spt=%d dpt=%d proto=TCP act=%s suser=user%d cs1Label=Rule cs1=Trusted-to-Untrusted cs2Label=App cs2=ssl in=%d out=%d\n", stamp, sprintf("%s %02d", m, d), hh, mm, ss, src, dst, 1024 + i % 60000, (i % 5 == 0) ? 22 : 443, act, i % 500, i % 9000 + 60, i % 70000 + 40;
    }
  }
}' > "$out"
