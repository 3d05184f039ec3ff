#!/usr/bin/env bash
# Durable ingestion against the machine's limit (issue 17: `mssp bench ingest` must reach ≥ 0.5 × what the sqlite3
# shell itself imports). The limit: /usr/bin/sqlite3 importing 1,000,000 rows of the events' shape (15 columns, the
# last the raw line of ~250 bytes, a quarter of them with quotes and commas that CSV escapes) into a fresh database,
# one transaction, journal_mode=WAL, synchronous=NORMAL, no secondary index.
#
# Usage (from anywhere): bench/ingest-vs-sqlite3.sh [RUNS] [EVENTS] [-- extra bench options, e.g. --no-detection]
#   RUNS (default 3) alternating pairs; EVENTS (default 1,000,000) rows for sqlite3 and events for the bench.
# Environment: WORK (default /tmp/mssp-bench-sqlite3), NO_BUILD=1 to skip the Release build of the CLI, MSSP_DLL
#   (default src/MsspPortal.Cli/bin/Release/net10.0/mssp.dll) to bench another build.
#
# sqlite3 runs first in odd pairs, mssp first in even ones, so a change in the machine's load falls on both. Each run
# prints the 1-minute load average before it. sqlite3 is timed with `date +%s.%N` around the shell (start-up and
# reading the CSV included); mssp's figure is its own `ingest: N events/s` (timed part of the bench, fresh --data
# folder each run). The CSV is written once, untimed. The last line is the median of the pairs' ratios (mssp/sqlite3).
set -euo pipefail
runs=${1:-3}
events=${2:-1000000}
shift $(( $# >= 2 ? 2 : $# ))
[ "${1:-}" = "--" ] && shift
extra=("$@")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=${WORK:-/tmp/mssp-bench-sqlite3}
dll=${MSSP_DLL:-"$root/src/MsspPortal.Cli/bin/Release/net10.0/mssp.dll"}
mkdir -p "$work"
if [ -z "${NO_BUILD:-}" ]; then
    dotnet build "$root/src/MsspPortal.Cli" -c Release -v q -nologo >&2
fi
csv="$work/events-$events.csv"
if [ ! -s "$csv" ]; then
    echo "writing $events rows to $csv (untimed)" >&2
    python3 "$here/gen-events-csv.py" "$events" > "$csv.tmp" && mv "$csv.tmp" "$csv"
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Prints rows/s.
sqlite3_once() {
    local db="$work/limit.db"
    rm -f "$db" "$db-wal" "$db-shm"
    local start end
    start=$(date +%s.%N)
    sqlite3 "$db" <<SQL >/dev/null
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE SecurityEvents (TenantId TEXT NOT NULL, LogSourceId INTEGER NOT NULL,
  BatchId INTEGER, LineNumber INTEGER NOT NULL, Timestamp TEXT NOT NULL, ReceivedAt TEXT NOT NULL, SourceIp TEXT,
  SourcePort INTEGER, DestinationIp TEXT, DestinationPort INTEGER, UserName TEXT, HostName TEXT, Action TEXT,
  Severity INTEGER NOT NULL, RawLine TEXT NOT NULL);
BEGIN;
.mode csv
.import $csv SecurityEvents
COMMIT;
SQL
    end=$(date +%s.%N)
    local n
    n=$(sqlite3 "$db" "SELECT count(*) FROM SecurityEvents")
    [ "$n" -eq "$events" ] || { echo "sqlite3 imported $n rows, expected $events" >&2; exit 1; }
    rm -f "$db" "$db-wal" "$db-shm"
    awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f\n", n / (e - s) }'
}

# Prints events/s; the bench's whole output goes to $work/mssp-RUN.log.
mssp_once() {
    local data="$work/data"
    rm -rf "$data"
    dotnet "$dll" bench ingest --events "$events" --data "$data" "${extra[@]}" > "$work/mssp-$1.log" 2>&1
    rm -rf "$data"
    grep -oE 'ingest: [0-9]+ events/s' "$work/mssp-$1.log" | grep -oE '[0-9]+'
}

echo "ingest vs sqlite3: $runs pairs, $events rows/events, bench options: ${extra[*]:-(none)}, $(date -u +%FT%TZ)"
ratios=()
for i in $(seq 1 "$runs"); do
    if (( i % 2 )); then
        l1=$(load); s=$(sqlite3_once); l2=$(load); m=$(mssp_once "$i")
    else
        l2=$(load); m=$(mssp_once "$i"); l1=$(load); s=$(sqlite3_once)
    fi
    r=$(awk -v m="$m" -v s="$s" 'BEGIN { printf "%.3f", m / s }')
    ratios+=("$r")
    echo "run $i: sqlite3 $s rows/s (load $l1), mssp $m events/s (load $l2), ratio $r"
    grep -E '^processing thread:|^memory:' "$work/mssp-$i.log" | sed 's/^/    /'
done
echo "median ratio mssp/sqlite3: $(printf '%s\n' "${ratios[@]}" | median)"
