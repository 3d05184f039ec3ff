#!/usr/bin/env bash
# mssp logtest vs syslog-ng 3.38 on the same CEF file, both writing one JSON object per line.
# Usage: bench/syslog-ng/run.sh [LINES] [RUNS]   (from the repository root; needs syslog-ng-core, hyperfine, and
#        clang + zlib1g-dev for the native front).
# Publishes the published layout first (scripts/publish-cli.sh $MSSP_DIR: DIR/mssp is the Native AOT front, DIR/mssp-cli
# the managed CLI; NO_PUBLISH=1 skips that).
# Prints each tool's median wall time and the ratio. syslog-ng never exits by itself, so its time is from
# start until the output file holds every line (polled every 10 ms), startup included; mssp's is the process:
# `DIR/mssp logtest FILE`, the command a user runs (the native front runs it itself), timed by hyperfine.
# The managed path (MSSP_LOGTEST_MANAGED=1: the front exec's DIR/mssp-cli, which runs logtest under the JIT) is timed
# too, for information, and the two outputs must be byte for byte the same.
set -euo pipefail
lines=${1:-200000}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=${WORK:-/tmp/mssp-bench-syslog-ng}
mssp_dir=${MSSP_DIR:-artifacts/mssp}
mkdir -p "$work"
if [ -z "${NO_PUBLISH:-}" ]; then
    "$here/../../scripts/publish-cli.sh" "$mssp_dir" >&2
fi
[ -x "$mssp_dir/mssp" ] && [ -x "$mssp_dir/mssp-cli" ] \
    || { echo "no $mssp_dir/mssp and $mssp_dir/mssp-cli: run scripts/publish-cli.sh $mssp_dir" >&2; exit 1; }
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
    until [ -f "$work/sng.json" ] && tail -n 1 "$work/sng.json" | grep -qE "\"externalId\":\"$last\".*\}\$"; do sleep 0.01; done
    end=$(date +%s%N)
    kill "$pid" && wait "$pid" || true
    echo $(( (end - start) / 1000000 ))
}

# Every generated line carries its sequence number as externalId (gen-cef.sh); kv-parser puts it in the JSON as is,
# whereas MESSAGE would be JSON-escaped when the line holds CEF escapes.
last=$(tail -n 1 "$in" | grep -oE 'externalId=[0-9]+' | cut -d= -f2)

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "load: $(uptime)"
sng=$(for _ in $(seq "$runs"); do syslog_ng_once; done | median)
echo "syslog-ng: median ${sng} ms over $runs runs ($lines lines)"

# Each run starts with no output file, as syslog-ng's does (rm -f above): truncating the previous run's 143 MB in the
# redirection took 50-60 ms, which the timed command would otherwise pay.
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/mssp.json" \
    --prepare "rm -f $work/mssp.ndjson" --prepare "rm -f $work/managed.ndjson" \
    -n "mssp logtest" "$mssp_dir/mssp logtest $in > $work/mssp.ndjson" \
    -n "mssp logtest (managed, MSSP_LOGTEST_MANAGED=1)" "MSSP_LOGTEST_MANAGED=1 $mssp_dir/mssp logtest $in > $work/managed.ndjson" >&2
cmp -s "$work/mssp.ndjson" "$work/managed.ndjson" || { echo "the native and the managed outputs differ" >&2; exit 1; }
medians=$(python3 -c "import json,sys; print(' '.join(str(round(r['median']*1000)) for r in json.load(open(sys.argv[1]))['results']))" "$work/mssp.json")
read -r mssp_ms managed_ms <<< "$medians"
echo "mssp logtest: median ${mssp_ms} ms over $runs runs ($(wc -l < "$work/mssp.ndjson") lines out)"
echo "  (managed path: median ${managed_ms} ms)"
echo "load after: $(uptime)"
awk -v a="$sng" -v b="$mssp_ms" 'BEGIN { printf "ratio syslog-ng / mssp logtest: %.1fx\n", a / b }'
