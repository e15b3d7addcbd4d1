#!/usr/bin/env bash
# Allocations and instructions per payload of the mapping engine, counted under valgrind.
#
# For every sample case, runs the release `intake-bench --count N --phase P` under memcheck
# (heap allocations) and callgrind (instructions), and once more with --count 0; the
# difference divided by N × payloads per file is the cost of one payload in that phase:
# catalog loading, file reading and process start cancel out. Both counts are
# deterministic for a given binary and input, so they compare across runs and machines
# where timings cannot.
#
# usage: Benchmarks/allocations.sh [-n N] [-j JOBS] [--phases "map parse+map"] [--tsv FILE]
#                                  [--keep DIR] [-- BENCH-ARGS...]
#   BENCH-ARGS select the mappers and samples as for intake-bench (ROOT, --samples,
#   --filter, --case). Default: ./mappers and ./samples when present, else the
#   conformance vendors: ../shared/conformance/mapping --samples .../samples/vendors.
#   --keep DIR keeps the callgrind files (callgrind.out.CASE.PHASE) for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."

count=20
jobs=2
phases="foundation parse map parse+map"
tsv=""
keep=""
bin="${INTAKE_BENCH:-.build/release/intake-bench}"
while [ $# -gt 0 ]; do
    case "$1" in
        -n|--count) count="$2"; shift 2 ;;
        -j|--jobs) jobs="$2"; shift 2 ;;
        --phases) phases="$2"; shift 2 ;;
        --tsv) tsv="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        --) shift; break ;;
        *) echo "allocations.sh: unknown option $1 (bench arguments go after --)" >&2; exit 2 ;;
    esac
done
source Benchmarks/common.sh
default_bench_args "$@"
command -v valgrind >/dev/null || { echo "allocations.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
[ -x "$bin" ] || { echo "allocations.sh: $bin missing; run: swift build -c release --product intake-bench" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "$keep" ]; then mkdir -p "$keep"; fi

# The cases: name, mapper, payloads per file.
"$bin" "${bench_args[@]}" --list > "$work/cases"

# One valgrind run: TOOL CASE PHASE COUNT -> prints "allocs bytes" (memcheck) or "instructions".
measure() {
    local tool="$1" name="$2" phase="$3" n="$4"
    local tag; tag="$(echo "$name.$phase.$n" | tr '/+' '__')"
    if [ "$tool" = memcheck ]; then
        valgrind --tool=memcheck --leak-check=no --log-file="$work/$tag.mem" \
            "$bin" "${bench_args[@]}" --case "$name" --count "$n" --phase "$phase" > /dev/null
        sed -n 's/.*total heap usage: \([0-9,]*\) allocs, [0-9,]* frees, \([0-9,]*\) bytes allocated.*/\1 \2/p' "$work/$tag.mem" | tr -d ,
    else
        valgrind --tool=callgrind --callgrind-out-file="$work/$tag.cg" --log-file="$work/$tag.cglog" \
            "$bin" "${bench_args[@]}" --case "$name" --count "$n" --phase "$phase" > /dev/null
        sed -n 's/^summary: \([0-9]*\).*/\1/p' "$work/$tag.cg"
        if [ -n "$keep" ] && [ "$n" != 0 ]; then cp "$work/$tag.cg" "$keep/callgrind.out.$(echo "$name" | tr '/' '_').$phase"; fi
    fi
}
export -f measure
export bin work keep
export BENCH_ARGS_FILE="$work/args"
printf '%s\0' "${bench_args[@]}" > "$BENCH_ARGS_FILE"

# Every run to do, one line each: TOOL CASE PHASE COUNT; run JOBS at a time (counts do
# not depend on load, so running in parallel changes no figure).
while IFS=$'\t' read -r name mapper payloads _; do
    for tool in memcheck callgrind; do
        echo "$tool $name base 0"
        for phase in $phases; do echo "$tool $name $phase $count"; done
    done
done < "$work/cases" > "$work/runs"

run_one() {
    local tool="$1" name="$2" phase="$3" n="$4"
    mapfile -t -d '' bench_args < "$BENCH_ARGS_FILE"
    local p="$phase"; [ "$phase" = base ] && p=map
    local result; result="$(measure "$tool" "$name" "$p" "$n")"
    printf '%s\t%s\t%s\t%s\n' "$tool" "$name" "$phase" "$result" > "$work/result.$(echo "$tool.$name.$phase" | tr '/+' '__')"
}
export -f run_one
total=$(wc -l < "$work/runs")
echo "allocations.sh: $total valgrind runs, $jobs at a time, --count $count ..." >&2
xargs -P "$jobs" -L 1 bash -c 'run_one "$@"' _ < "$work/runs"
cat "$work"/result.* > "$work/results"

# (run(N) - run(0)) / (N × payloads) per case and phase.
awk -F'\t' -v n="$count" -v phases="$phases" -v tsvfile="$tsv" '
    FILENAME == ARGV[1] { payloads[$1] = $3 + 0; mapper[$1] = $2; order[++cases] = $1; next }
    {
        split($4, v, " ")
        if ($1 == "memcheck") { allocs[$2, $3] = v[1]; bytes[$2, $3] = v[2] } else { ir[$2, $3] = v[1] }
    }
    END {
        np = split(phases, ph, " ")
        printf "per payload, under valgrind (--count %d minus --count 0); Ir xF = instructions over the Foundation parse of the same bytes\n", n
        printf "%-44s %-20s %-10s %8s %9s %11s %7s\n", "case", "mapper", "phase", "allocs", "KB alloc", "Ir", "Ir xF"
        if (tsvfile != "") printf "case\tmapper\tphase\tallocs\tbytes\tinstructions\tinstructions_ratio\n" > tsvfile
        for (c = 1; c <= cases; c++) {
            name = order[c]; per = n * payloads[name]
            baseIr = (ir[name, "foundation"] - ir[name, "base"]) / per
            for (i = 1; i <= np; i++) {
                a = (allocs[name, ph[i]] - allocs[name, "base"]) / per
                b = (bytes[name, ph[i]] - bytes[name, "base"]) / per
                r = (ir[name, ph[i]] - ir[name, "base"]) / per
                ratio = baseIr > 0 ? r / baseIr : 0
                printf "%-44s %-20s %-10s %8.1f %9.1f %11.0f %7.2f\n", name, mapper[name], ph[i], a, b / 1024, r, ratio
                if (tsvfile != "") printf "%s\t%s\t%s\t%.1f\t%.0f\t%.0f\t%.3f\n", name, mapper[name], ph[i], a, b, r, ratio > tsvfile
            }
        }
    }' "$work/cases" "$work/results"
