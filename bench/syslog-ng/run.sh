#!/usr/bin/env bash
# mssp logtest vs syslog-ng 3.38 on the same CEF file, both writing one JSON object per line.
# Usage: bench/syslog-ng/run.sh [LINES] [RUNS]   (from the repository root, after
#        `dotnet build -c Release src/MsspPortal.Cli`; needs syslog-ng-core and hyperfine).
# Prints each tool's median wall time and the ratio. syslog-ng never exits by itself, so its time is from
# start until the output file holds every line (polled every 10 ms), startup included; mssp's is the process.
set -euo pipefail
lines=${1:-200000}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=${WORK:-/tmp/mssp-bench-syslog-ng}
mssp=${MSSP:-src/MsspPortal.Cli/bin/Release/net10.0/mssp.dll}
mkdir -p "$work"
in="$work/cef-$lines.log"
[ -f "$in" ] || "$here/gen-cef.sh" "$in" "$lines"

syslog_ng_once() {
    rm -f "$work/sng.json" "$work/sng.persist"
    local start end
    start=$(date +%s%N)
    IN="$in" OUT="$work/sng.json" syslog-ng -F -f "$here/cef-to-json.conf" --persist-file "$work/sng.persist" \
        --pidfile "$work/sng.pid" --control "$work/sng.ctl" &
    local pid=$!
    # Done when the output's last object holds the input's last message (syslog-ng keeps order); tail reads only
    # the end of the file, so the poll costs syslog-ng no CPU on this 2-core machine (wc -l every 5 ms did).
    until [ -f "$work/sng.json" ] && tail -n 1 "$work/sng.json" | grep -qF -- "$last"; do sleep 0.01; done
    end=$(date +%s%N)
    kill "$pid" && wait "$pid" || true
    echo $(( (end - start) / 1000000 ))
}

# syslog-parser takes "CEF" as the program name, so MESSAGE is what follows "CEF:", verbatim for these lines.
last=$(tail -n 1 "$in" | sed 's/^.*CEF://')

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "load: $(uptime)"
sng=$(for _ in $(seq "$runs"); do syslog_ng_once; done | median)
echo "syslog-ng: median ${sng} ms over $runs runs ($lines lines)"

hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/mssp.json" \
    "dotnet $mssp logtest $in > $work/mssp.ndjson" >&2
mssp_ms=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$work/mssp.json")
echo "mssp logtest: median ${mssp_ms} ms over $runs runs ($(wc -l < "$work/mssp.ndjson") lines out)"
awk -v a="$sng" -v b="$mssp_ms" 'BEGIN { printf "ratio syslog-ng / mssp: %.1fx\n", a / b }'
