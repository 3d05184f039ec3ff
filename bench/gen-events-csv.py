#!/usr/bin/env python3
# Writes N rows of the SecurityEvents shape as CSV for sqlite3's .import (bench/ingest-vs-sqlite3.sh): 15 columns, the
# last one the raw line (~250 bytes, a quarter of them with quotes and commas that CSV must escape).
import csv, random, sys, uuid
n = int(sys.argv[1])
rnd = random.Random(17)
tenants = [str(uuid.UUID(int=rnd.getrandbits(128))) for _ in range(3)]
users = ["alice", "bob", "carol", "svc_backup", "root", "admin", "dave", "eve"]
hosts = ["web01", "web02", "db01", "fw-edge", "dc01", "mail01"]
actions = [("sshd", "authentication", "failed password"), ("sudo", "privilege", "command"),
           ("iptables", "network", "drop"), ("suricata", "ids", "alert")]
w = csv.writer(sys.stdout, lineterminator="\n")
for i in range(n):
    t = tenants[i % 3]
    src = f"10.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"
    dst = f"192.168.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"
    sport, dport = rnd.randrange(1024, 65535), rnd.choice([22, 80, 443, 3389, 445])
    user, host = rnd.choice(users), rnd.choice(hosts)
    prog, cat, act = rnd.choice(actions)
    ts = f"2026-12-02 {i // 3600000 % 24:02d}:{i // 60000 % 60:02d}:{i // 1000 % 60:02d}.{i % 1000:03d}0000"
    if i % 4 == 0:
        raw = (f'CEF:0|Suricata|IDS|7.0|2010935|ET SCAN "Suspicious inbound" to port {dport}, policy\\=strict|6|'
               f'src={src} spt={sport} dst={dst} dpt={dport} suser={user} shost={host} act={act} msg="seq {i}, ok"')
    else:
        raw = (f"<38>Dec  2 12:{i // 60000 % 60:02d}:{i // 1000 % 60:02d} {host} {prog}[{rnd.randrange(100, 99999)}]: "
               f"{act} for {user} from {src} port {sport} ssh2; session opened by uid=0 tty=pts/{rnd.randrange(9)} "
               f"seq={i} dst={dst} dpt={dport} reason=policy-match rule=default-deny cid={rnd.getrandbits(48):012x}")
    w.writerow([t, 1 + i % 3, i // 3000 + 1, i % 3000, ts, ts, src, sport, dst, dport, user, host, act,
                rnd.randrange(1, 11), raw])
