#!/usr/bin/env python3
"""Where the server's CPU time goes, by component, from `perf script -F comm,ip,sym` on stdin.

    perf script -i perf.data -F comm,ip,sym | profile_components.py [CPU_US_PER_REQUEST]

Each sample is charged to the first component (from the sampled function outwards) that one
of its frames belongs to, so a component's share includes the allocations, retains and system
calls it makes itself: `pwrite` under SQLite is SQLite's, `malloc` under the JSON writer is
serialisation's. Samples whose callers perf could not unwind are listed by their own function.
With CPU_US_PER_REQUEST (scripts/bench-http.sh measures it) each share is also printed in
microseconds per request. Used by `scripts/bench-http.sh --profile`; docs/performance.md
explains the components.
"""
import re
import sys
from collections import Counter

# Checked in this order for each frame, innermost frame first.
COMPONENTS = [
    ("explain trace (provenance)", r"TraceRecorder|stepTrace|normalizedPath|JSONPathLocation"),
    ("JSON serialisation", r"JSONWriter|JSONOutputBuffer|serialized"),
    ("JSON parsing", r"JSONParser|ReceivedPayload"),
    ("mapping (engine)", r"s10Transforms"),
    ("SQLite (GRDB, WAL write, fsync)", r"GRDB|sqlite3|SQLiteIngest|pwrite|fsync|fdatasync"),
    ("logging", r"7Logging|Logger"),
    ("metrics", r"Prometheus|IntakeMetrics|MetricHandles"),
    ("request handling (Host)", r"s4Host"),
    ("Hummingbird", r"Hummingbird"),
    ("NIO (HTTP/1, sockets, event loop)", r"NIO|llhttp"),
    ("Swift concurrency + Dispatch", r"swift_task|swift_job|_dispatch|Concurrency|AsyncTask|swift_continuation"),
]
PATTERNS = [(name, re.compile(pattern)) for name, pattern in COMPONENTS]


def component(frames):
    for frame in frames:
        for name, pattern in PATTERNS:
            if pattern.search(frame):
                return name
    return None


def main():
    cpu_per_request = float(sys.argv[1]) if len(sys.argv) > 1 else None
    shares, unattributed, total, frames = Counter(), Counter(), 0, []

    def flush():
        nonlocal total
        if not frames:
            return
        total += 1
        name = component(frames)
        if name:
            shares[name] += 1
        else:
            unattributed[frames[0]] += 1

    for line in sys.stdin:
        if not line.strip():
            flush()
            frames = []
        elif line[0] in " \t":
            parts = line.split(None, 1)
            frames.append(parts[1].strip() if len(parts) > 1 else "?")
        else:
            frames = []
    flush()
    if total == 0:
        sys.exit("profile_components.py: no samples (is perf allowed? /proc/sys/kernel/perf_event_paranoid)")

    def row(label, count):
        share = 100 * count / total
        micros = f"{share * cpu_per_request / 100:8.1f}" if cpu_per_request else ""
        print(f"  {label:<44} {share:6.1f} %  {micros}")

    print(f"  {'component':<44} {'share':>8}  {'µs/req' if cpu_per_request else ''}")
    for name, _ in COMPONENTS:
        row(name, shares[name])
    row("other (callers not unwound)", sum(unattributed.values()))
    for function, count in unattributed.most_common(4):
        print(f"      {function[:60]:<40} {100 * count / total:5.1f} %")
    print(f"  ({total} samples)")


if __name__ == "__main__":
    main()
