#!/usr/bin/env bash
# Fuzzes Intake's parsers with libFuzzer, each for a bounded time, from the committed seed
# corpus (Fuzz/Corpus/<target>, rebuilt by Fuzz/make-seeds.sh).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60); TARGETs default to all. Each target also checks a property
# (parse → serialise → parse is identity, errors at an in-range offset or line:column) and a
# per-input time bound linear in the input's size (Fuzz/Sources/TimeBound.swift), so a
# super-linear parser is a finding like a crash. The build goes to .build-fuzz (debug, with
# `-sanitize=fuzzer`); inputs the fuzzer finds interesting grow .build-fuzz/corpus/<target>,
# findings are written to .build-fuzz/findings/<target>/. Exits 1 on any finding, printing
# how to replay it. docs/testing.md says more.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json jsonpath yaml mapper form multipart signature)

build=.build-fuzz
swift build --scratch-path "$build" --sanitize=fuzzer -Xswiftc -DFUZZING --product intake-fuzz 2>&1 |
  grep -v "found 1 file(s) which are unhandled" | tail -n 3
fuzzer="$build/debug/intake-fuzz"
python3 Fuzz/hostile-inputs.py "$build/hostile"

# libFuzzer handles the abort of a broken property itself (and saves the input); Swift's
# backtracer would otherwise take the signal first.
export SWIFT_BACKTRACE=enable=no
failed=()
printf '%-10s %12s %10s  %s\n' target executions "exec/s" result
for target in "${targets[@]}"; do
  [ -d "Fuzz/Corpus/$target" ] || { echo "no seed corpus Fuzz/Corpus/$target"; exit 2; }
  corpus="$build/corpus/$target"
  findings="$build/findings/$target"
  mkdir -p "$corpus" "$findings"
  log="$build/fuzz-$target.log"
  dictionary=()
  [ -f "Fuzz/Dictionaries/$target.dict" ] && dictionary=("-dict=Fuzz/Dictionaries/$target.dict")
  # -timeout: a hang; -max_len: inputs as large as the time bound needs to see super-linear
  # growth; -rss_limit_mb: a memory blow-up is a finding too.
  rm -f "$log" "$build/fuzz-$target-hostile.log"
  status=0
  # The large hostile inputs first, each run once: a quadratic regression fails here at once.
  hostile=()
  [ -d "$build/hostile/$target" ] && hostile=("$build/hostile/$target"/*)
  if [ ${#hostile[@]} -gt 0 ]; then
    INTAKE_FUZZ_TARGET=$target "$fuzzer" "${hostile[@]}" >"$build/fuzz-$target-hostile.log" 2>&1 || status=$?
  fi
  if [ "$status" -eq 0 ]; then
    INTAKE_FUZZ_TARGET=$target "$fuzzer" "$corpus" "Fuzz/Corpus/$target" "${dictionary[@]}" \
      -max_total_time="$seconds" -timeout=10 -max_len=131072 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1 || status=$?
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" 2>/dev/null || true)
  speed=$(( ${runs:-0} / (seconds > 0 ? seconds : 1) ))
  if [ "$status" -eq 0 ]; then
    printf '%-10s %12s %10s  %s\n' "$target" "${runs:-?}" "$speed" "no finding"
  else
    failed+=("$target")
    printf '%-10s %12s %10s  %s\n' "$target" "${runs:-?}" "$speed" "FINDING (exit $status)"
    grep -hE "property broken|Fatal error|ERROR: libFuzzer|SUMMARY|Test unit written|^Running: " "$build/fuzz-$target-hostile.log" "$log" 2>/dev/null | head -n 6 | sed 's/^/    /' || true
    echo "    replay: INTAKE_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no $fuzzer FILE   (or: swift run intake-fuzz $target FILE)"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (logs: $build/fuzz-<target>.log)"
  exit 1
fi
