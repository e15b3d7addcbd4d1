#!/usr/bin/env bash
# The mapping-engine benchmark in one go: release build, timings, valgrind counts, summary.
#
# usage: Benchmarks/run.sh [--quick] [--no-valgrind] [-- BENCH-ARGS...]
#   --quick        fewer passes and rounds (a smoke run: figures are rough)
#   --no-valgrind  timings only
#   BENCH-ARGS     as for intake-bench: ROOT, --samples DIR, --filter TEXT, --case NAME
# Writes the raw figures to .build/bench/ (timings.tsv, counts.tsv, callgrind/).
set -euo pipefail
cd "$(dirname "$0")/.."

timing_args=()
count=20
valgrind=1
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) timing_args=(--iterations 200 --rounds 5 --warmup 50); count=5; shift ;;
        --no-valgrind) valgrind=0; shift ;;
        --) shift; break ;;
        *) echo "run.sh: unknown option $1 (bench arguments go after --)" >&2; exit 2 ;;
    esac
done
source Benchmarks/common.sh
default_bench_args "$@"

echo "== build (release, intake-bench only)" >&2
swift build -c release --product intake-bench >&2
bin=.build/release/intake-bench
out=.build/bench
mkdir -p "$out"
rm -rf "$out/callgrind"   # inside this worktree's .build: stale per-case profiles

echo "== $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(swift --version 2>/dev/null | head -1)"
echo "== timings: intake-bench ${bench_args[*]} ${timing_args[*]:+${timing_args[*]} }--tsv" >&2
"$bin" "${bench_args[@]}" "${timing_args[@]}" --tsv > "$out/timings.tsv" 2>/dev/null

if [ "$valgrind" = 1 ]; then
    echo "== valgrind counts" >&2
    Benchmarks/allocations.sh -n "$count" --tsv "$out/counts.tsv" --keep "$out/callgrind" -- "${bench_args[@]}" >&2
else
    : > "$out/counts.tsv"
fi

# One line per case: the timing medians (CPU time) and, when counted, allocations and
# instructions. × = over Foundation's JSONSerialization parse of the same bytes.
awk -F'\t' '
    FILENAME == ARGV[1] { if (FNR > 1) { allocs[$1, $3] = $4; ir[$1, $3] = $6; irx[$1, $3] = $7 }; next }
    FNR == 1 {
        for (i = 1; i <= NF; i++) col[$i] = i
        printf "%-50s %-19s %2s %5s | %8s | %7s %5s | %7s %5s | %7s %5s | %7s %7s | %6s %6s | %7s %5s\n", \
            "case", "mapper", "n", "bytes", "payload/s", "found.", "xF", "parse", "xF", "map", "xF", "p+map", "xF", "allocs", "(map)", "Ir p+m", "Ir xF"
        next
    }
    {
        name = $col["case"]
        a = (name, "parse+map") in allocs ? allocs[name, "parse+map"] : "-"
        am = (name, "map") in allocs ? allocs[name, "map"] : "-"
        r = (name, "parse+map") in ir ? sprintf("%.0fk", ir[name, "parse+map"] / 1000) : "-"
        rx = (name, "parse+map") in irx ? sprintf("%.2f", irx[name, "parse+map"]) : "-"
        printf "%-50s %-19s %2s %5s | %9s | %7.1f %5s | %7.1f %5.2f | %7.1f %5.2f | %7.1f %7.2f | %6s %6s | %7s %5s\n", \
            substr(name, 1, 50), substr($col["mapper"], 1, 19), $col["payloads"], $col["bytes"], $col["payloads_per_second"], \
            $col["foundation_us"], "1", $col["parse_us"], $col["parse_ratio"], $col["map_us"], $col["map_ratio"], \
            $col["parse+map_us"], $col["parse+map_ratio"], a, am, r, rx
        n++; lpm += log($col["parse+map_ratio"]); lm += log($col["map_ratio"]); lp += log($col["parse_ratio"])
        if (rx != "-") { nr++; lr += log(rx) }
    }
    END {
        if (n) printf "geometric mean of time ratios: JSON.parse ×%.2f  map ×%.2f  parse+map ×%.2f", exp(lp / n), exp(lm / n), exp(lpm / n)
        if (nr) printf "; of instruction ratios (parse+map) ×%.2f", exp(lr / nr)
        printf "\n"
    }' "$out/counts.tsv" "$out/timings.tsv"
echo "µs = median CPU µs per payload; payload/s = parse+map; allocs and Ir = per payload under valgrind (parse+map, and map alone)"
