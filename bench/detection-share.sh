#!/usr/bin/env bash
# Detection's cost inside ingestion (issue 4 / 17: ≤ 20 %): `mssp bench ingest` with and without detection,
# alternating (with first in odd pairs, without first in even ones), fresh --data folder each run.
#
# Usage (from anywhere): bench/detection-share.sh [RUNS] [EVENTS]   (defaults 3 and 1,000,000)
# Environment: WORK (default /tmp/mssp-bench-detection), NO_BUILD=1 to skip the Release build of the CLI, MSSP_DLL
#   (default src/MsspPortal.Cli/bin/Release/net10.0/mssp.dll) to bench another build.
# Each run prints the load before it and the bench's events/s; the last line is detection's share,
# 1 − median(with) / median(without). The median of the pairs' own shares is printed before it: one slow run on
# either side moves the share of the medians more (a 2-core machine shared with others).
set -euo pipefail
runs=${1:-3}
events=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=${WORK:-/tmp/mssp-bench-detection}
dll=${MSSP_DLL:-"$root/src/MsspPortal.Cli/bin/Release/net10.0/mssp.dll"}
mkdir -p "$work"
if [ -z "${NO_BUILD:-}" ]; then
    dotnet build "$root/src/MsspPortal.Cli" -c Release -v q -nologo >&2
fi
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# $1 log name, then bench options; prints events/s.
bench_once() {
    local log="$work/$1.log" data="$work/data"
    shift
    rm -rf "$data"
    dotnet "$dll" bench ingest --events "$events" --data "$data" "$@" > "$log" 2>&1
    rm -rf "$data"
    grep -oE 'ingest: [0-9]+ events/s' "$log" | grep -oE '[0-9]+'
}

echo "detection share: $runs pairs, $events events, $(date -u +%FT%TZ)"
with=(); without=(); shares=()
for i in $(seq 1 "$runs"); do
    if (( i % 2 )); then
        lw=$(load); w=$(bench_once "with-$i"); lo=$(load); o=$(bench_once "without-$i" --no-detection)
    else
        lo=$(load); o=$(bench_once "without-$i" --no-detection); lw=$(load); w=$(bench_once "with-$i")
    fi
    with+=("$w"); without+=("$o")
    share=$(awk -v w="$w" -v o="$o" 'BEGIN { printf "%.1f", 100 * (1 - w / o) }')
    shares+=("$share")
    echo "run $i: with $w events/s (load $lw), without $o events/s (load $lo), share $share %"
    grep -E '^processing thread:' "$work/with-$i.log" | sed 's/^/    with:    /'
    grep -E '^processing thread:' "$work/without-$i.log" | sed 's/^/    without: /'
done
mw=$(printf '%s\n' "${with[@]}" | median); mo=$(printf '%s\n' "${without[@]}" | median)
echo "medians: with $mw, without $mo events/s; median of the pairs' shares $(printf '%s\n' "${shares[@]}" | median) %"
echo "detection share: $(awk -v w="$mw" -v o="$mo" 'BEGIN { printf "%.1f %%", 100 * (1 - w / o) }')"
