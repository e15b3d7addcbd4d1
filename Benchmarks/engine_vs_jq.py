#!/usr/bin/env python3
"""The engine against jq on the same payloads, in one run (Benchmarks/engine-vs-jq.sh).

  engine_vs_jq.py INTAKE N ROUNDS

Writes N Google Forms payloads (Benchmarks/http/payloads.py) as one JSON array file, checks
that `intake dry-run` with Benchmarks/http/forms-bench.yaml and jq with forms-bench.jq give the
same incidents, then times both over the file, alternating, ROUNDS times each, and prints the
median CPU seconds (user + system of the child) and payloads per second of each, and their
ratio. Both read the file, map every payload and write one JSON document to /dev/null, so
process start, reading and output are in both figures.
"""
import json, os, resource, statistics, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "http"))
import payloads  # noqa: E402


def cpu_seconds(command, stdout):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=stdout, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    intake, n, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with tempfile.TemporaryDirectory() as work:
        mappers = os.path.join(work, "mappers")
        os.mkdir(mappers)
        for name in ("forms-bench.yaml", "bench-types.yaml"):
            with open(os.path.join(here, "http", name)) as src, open(os.path.join(mappers, name), "w") as dst:
                dst.write(src.read())
        data = os.path.join(work, "payloads.json")
        with open(data, "w") as out:
            json.dump([payloads.payload(i) for i in range(n)], out, separators=(",", ":"))
        program = os.path.join(here, "http", "forms-bench.jq")
        engine = [intake, "dry-run", "--mappers", mappers, "--mapper", "forms-bench",
                  "--received-at", "2026-12-01T00:00:00Z", data]
        jq = ["jq", "-c", "-f", program, data]

        # Same mapping, same answers: compare the incidents on the whole file once.
        mapped = json.loads(subprocess.run(engine, capture_output=True, check=True).stdout)
        by_engine = [element["incident"] for element in mapped]
        by_jq = [json.loads(line) for line in subprocess.run(jq, capture_output=True, check=True).stdout.splitlines()]
        if by_engine != by_jq:
            first = next(i for i, (a, b) in enumerate(zip(by_engine, by_jq)) if a != b) if len(by_engine) == len(by_jq) else None
            sys.exit(f"engine and jq disagree (payload {first}): the benchmark would compare different work")

        times = {"intake": [], "jq": []}
        with open(os.devnull, "w") as null:
            for _ in range(rounds):
                times["intake"].append(cpu_seconds(engine, null))
                times["jq"].append(cpu_seconds(jq, null))
        size = os.path.getsize(data)
        print(f"engine vs jq: {n} payloads ({size / 1e6:.1f} MB), median of {rounds} alternating rounds, CPU time")
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, seconds in medians.items():
            print(f"  {name:7s} {seconds:7.3f} s   {n / seconds:10.0f} payloads/s")
        print(f"  intake maps ×{medians['jq'] / medians['intake']:.2f} as many payloads per second as jq "
              f"({subprocess.run(['jq', '--version'], capture_output=True, text=True).stdout.strip()})")


if __name__ == "__main__":
    main()
