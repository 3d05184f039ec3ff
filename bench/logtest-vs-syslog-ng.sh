#!/usr/bin/env bash
# `mssp logtest` (the published native front) vs syslog-ng 3.38 on the same CEF file, both writing one JSON object per
# line (issue 17: mssp must be at least 10x faster than the tuned syslog-ng).
#
# Usage (from anywhere): bench/logtest-vs-syslog-ng.sh [escapes|plain|both] [RUNS] [LINES]
#   escapes (default): bench/syslog-ng/gen-cef.sh's lines, 45 % of them with CEF escapes (msg=policy\=strict);
#   plain: the same lines without escapes; both: one comparison after the other.
#   RUNS (default 5) pairs of runs, LINES (default 200,000).
# Environment: SNG_CONF (default bench/syslog-ng/cef-to-json-tuned.conf, the tuned peer; cef-to-json.conf is the slower
#   one of issue 3), MSSP_DIR (default artifacts/mssp; published first by scripts/publish-cli.sh unless NO_PUBLISH=1),
#   WORK (default /tmp/mssp-bench-logtest).
# Needs syslog-ng-core, and clang + zlib1g-dev to publish the native front.
#
# The two tools alternate run by run (syslog-ng first in odd runs, mssp first in even ones), so a change in the
# machine's load falls on both. Each run prints the 1-minute load average before it. Times are wall times, start-up
# included, each tool starting with no output file:
#   - mssp: `DIR/mssp logtest FILE > OUT`, the command a user runs;
#   - syslog-ng never exits by itself: from its start until the last line of its output holds the input's last
#     sequence number (externalId), polled every 10 ms by reading only the end of the file (`tail -n 1`; a `wc -l`
#     of the growing 140 MB file stole syslog-ng's CPU on 2 cores); then it is stopped.
# After each run (untimed) both outputs must hold one object per input line. The last line is the ratio of the
# medians (syslog-ng / mssp); with "both", the last line gives both ratios.
set -euo pipefail
variant=${1:-escapes}
runs=${2:-5}
lines=${3:-200000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
conf=$(realpath "${SNG_CONF:-$here/syslog-ng/cef-to-json-tuned.conf}")
work=${WORK:-/tmp/mssp-bench-logtest}
mssp_dir=$(realpath -m "${MSSP_DIR:-$root/artifacts/mssp}")
case "$variant" in escapes|plain|both) ;; *) echo "variant must be escapes, plain or both" >&2; exit 2 ;; esac
mkdir -p "$work"
if [ -z "${NO_PUBLISH:-}" ]; then
    "$root/scripts/publish-cli.sh" "$mssp_dir" >&2
fi
[ -x "$mssp_dir/mssp" ] || { echo "no $mssp_dir/mssp: run scripts/publish-cli.sh $mssp_dir" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
load() { cut -d' ' -f1 /proc/loadavg; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Untimed, before each tool: the other tool's output (150-200 MB) is written back to disk now, not by the kernel's
# flusher threads while the next tool runs (on 2 cores they took CPU from whichever ran second).
settle() { sync; }

# $1 input, $2 the input's last externalId; prints milliseconds.
syslog_ng_once() {
    local in=$1 last=$2
    local out="$work/sng.json"
    rm -f "$out" "$work/sng.persist"
    settle
    local start end pid
    start=$(now_ms)
    IN="$in" OUT="$out" syslog-ng -F -f "$conf" --persist-file "$work/sng.persist" --pidfile "$work/sng.pid" \
        --control "$work/sng.ctl" &
    pid=$!
    # syslog-ng keeps the input's order: the object holding the last sequence number is the last one. A line still
    # being written has no closing brace yet.
    until [ -f "$out" ] && tail -n 1 "$out" | grep -qE "\"externalId\":\"$last\".*\}\$"; do sleep 0.01; done
    end=$(now_ms)
    kill "$pid" && wait "$pid" || true
    echo $(( end - start ))
}

mssp_once() {
    local in=$1
    local out="$work/mssp.ndjson"
    rm -f "$out"
    settle
    local start end
    start=$(now_ms)
    "$mssp_dir/mssp" logtest "$in" > "$out"
    end=$(now_ms)
    echo $(( end - start ))
}

count_ok() {
    local name=$1 file=$2
    local n
    n=$(wc -l < "$file")
    [ "$n" -eq "$lines" ] || { echo "$name wrote $n objects for $lines lines" >&2; exit 1; }
}

compare() {
    local v=$1
    local in="$work/cef-$v-$lines.log"
    [ -f "$in" ] || "$here/syslog-ng/gen-cef.sh" "$in" "$lines" "$v"
    local last
    last=$(tail -n 1 "$in" | grep -oE 'externalId=[0-9]+' | cut -d= -f2)
    echo "== $v: $lines lines ($(du -h "$in" | cut -f1)), syslog-ng config $(basename "$conf"), $runs alternating runs"
    local sng_times=() mssp_times=()
    for run in $(seq "$runs"); do
        local l s m
        l=$(load)
        if (( run % 2 == 1 )); then
            s=$(syslog_ng_once "$in" "$last"); m=$(mssp_once "$in")
        else
            m=$(mssp_once "$in"); s=$(syslog_ng_once "$in" "$last")
        fi
        count_ok syslog-ng "$work/sng.json"
        count_ok "mssp logtest" "$work/mssp.ndjson"
        sng_times+=("$s"); mssp_times+=("$m")
        awk -v r="$run" -v l="$l" -v l2="$(load)" -v s="$s" -v m="$m" -v n="$lines" \
            'BEGIN { printf "run %d  load %s -> %s  syslog-ng %5d ms (%d lines/s)  mssp logtest %4d ms  ratio %.1fx\n", r, l, l2, s, n * 1000 / s, m, s / m }'
    done
    local sng_med mssp_med
    sng_med=$(printf '%s\n' "${sng_times[@]}" | median)
    mssp_med=$(printf '%s\n' "${mssp_times[@]}" | median)
    echo "medians ($v): syslog-ng $sng_med ms, mssp logtest $mssp_med ms"
    ratio=$(awk -v a="$sng_med" -v b="$mssp_med" 'BEGIN { printf "%.1f", a / b }')
}

if [ "$variant" = both ]; then
    compare escapes; escapes_ratio=$ratio
    compare plain; plain_ratio=$ratio
    echo "ratio syslog-ng / mssp logtest (medians): escapes ${escapes_ratio}x, plain ${plain_ratio}x"
else
    compare "$variant"
    echo "ratio syslog-ng / mssp logtest (medians, $variant): ${ratio}x"
fi
