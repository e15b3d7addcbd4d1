#!/usr/bin/env python3
"""Times issue 10's hostile bodies against a running `intake serve`, as ratios to a small JSON post.

usage: Benchmarks/hostile-bodies.py PORT [ROUNDS]

Needs an instance `open` with `auth: none` (Benchmarks/hostile-bodies.sh starts one). Prints, for
each body, the median answer time over ROUNDS (default 5), its ratio to the median of a 2-byte
JSON post measured in the same run, and the slowest `GET /healthz` a bystander saw meanwhile.
Standard library only.
"""
import http.client
import statistics
import sys
import threading
import time

port = int(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def post(body, content_type):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    connection.request("POST", "/instance/execute/open", body=body, headers={"Content-Type": content_type})
    response = connection.getresponse()
    response.read()
    connection.close()
    return time.perf_counter() - started, response.status


def bystander(stop, worst):
    while not stop.is_set():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        started = time.perf_counter()
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        connection.close()
        worst[0] = max(worst[0], time.perf_counter() - started)
        time.sleep(0.02)


def form_body():
    return "&".join(f"f{i}={i % 10}" for i in range(50_000)).encode()


def multipart_body():
    parts = []
    size = 0
    index = 0
    while size < 1_048_576 - 200:
        part = f'--b0undary\r\nContent-Disposition: form-data; name="p{index}"\r\n\r\nv{index}\r\n'
        parts.append(part)
        size += len(part)
        index += 1
    return ("".join(parts) + "--b0undary--\r\n").encode()


cases = [
    ("json 2 B (baseline)", b"{}", "application/json"),
    ("form 50,000 fields", form_body(), "application/x-www-form-urlencoded"),
    ("multipart 1 MiB of small parts", multipart_body(), "multipart/form-data; boundary=b0undary"),
]
baseline = None
print(f"{'body':34} {'bytes':>9} {'median s':>9} {'ratio':>8} {'healthz worst s':>16}")
for name, body, content_type in cases:
    stop = threading.Event()
    worst = [0.0]
    watcher = threading.Thread(target=bystander, args=(stop, worst))
    watcher.start()
    times = []
    for _ in range(rounds):
        elapsed, status = post(body, content_type)
        if status != 200:
            sys.exit(f"{name}: status {status}")
        times.append(elapsed)
    stop.set()
    watcher.join()
    median = statistics.median(times)
    baseline = baseline or median
    print(f"{name:34} {len(body):>9} {median:>9.4f} {median / baseline:>8.1f} {worst[0]:>16.4f}")
