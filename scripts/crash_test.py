#!/usr/bin/env python3
"""Crash test of Intake's durability promise (SPEC §8, issue 10 item 4).

Concurrent senders post distinct payloads, each with its own dedup key, to a real `intake serve`
on a loopback port backed by SQLite. The server is killed with SIGKILL at a random moment while
they send, and restarted, for N rounds. A sender retries a payload that got no answer (refused
connection, reset, timeout) until it gets one. At the end, with the server up once more and
every sender done, the database is read directly:

  acknowledged  payloads answered 200 (status created or duplicate)
  stored        payloads that have a row
  lost          acknowledged but with no row (the promise broken: a 200 before the commit)
  duplicated    payloads with more than one row (a retry stored twice)

and SQLite's `PRAGMA integrity_check` must say ok. Exit 0 only with 0 lost, 0 duplicated, every
payload acknowledged and an intact database. Standard library only; run by scripts/crash-test.sh.
"""
import argparse, http.client, json, os, random, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time

CONFIG = """\
listen: {{ host: 127.0.0.1, port: {port} }}
storage: {{ sqlite: crash.db }}
mappers: mappers
instances:
  - name: crash
    incident_type: Crash Test
    auth: none
    mappers: [crash]
"""
MAPPER = """\
mapper: crash
dedup: [ { path: $.id } ]
fields:
  name: $.id
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `intake serve` process at a time, its output appended to a log file."""

    def __init__(self, binary, folder, port):
        self.binary, self.folder, self.port = binary, folder, port
        self.process = None
        self.log = open(os.path.join(folder, "serve.log"), "ab")

    def start(self, timeout=30):
        self.process = subprocess.Popen([self.binary, "serve", "--config", "intake.yaml"], cwd=self.folder,
                                        stdout=self.log, stderr=self.log, env={**os.environ, "LOG_LEVEL": "warning"})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"crash-test: intake serve exited with {self.process.returncode}; see {self.folder}/serve.log")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        sys.exit("crash-test: the server did not become ready in time")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


class Sender(threading.Thread):
    """Posts new payloads one after another until told to stop, each until it is answered."""

    def __init__(self, number, port, stop, deadline):
        super().__init__(daemon=True)
        self.number, self.port, self.stop, self.deadline = number, port, stop, deadline
        self.keys, self.acknowledged, self.statuses, self.attempts, self.errors = [], [], {}, 0, []

    def run(self):
        while not self.stop.is_set():
            key = f"sender{self.number}-{len(self.keys)}"
            self.keys.append(key)
            body = json.dumps({"id": key, "text": "payload " + key, "padding": "x" * random.randint(0, 2000)})
            while time.monotonic() < self.deadline:
                self.attempts += 1
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                    connection.request("POST", "/instance/execute/crash", body, {"Content-Type": "application/json"})
                    response = connection.getresponse()
                    answer = response.read()
                    connection.close()
                except (OSError, http.client.HTTPException):
                    time.sleep(0.02)  # no answer: the server is down or was killed mid-request; retry
                    continue
                if response.status != 200:
                    # 503 (store not ready) is a refusal, nothing stored: retry it too.
                    if response.status == 503:
                        time.sleep(0.02)
                        continue
                    self.errors.append(f"{key}: HTTP {response.status} {answer[:200]!r}")
                    break
                status = json.loads(answer)[0]["status"]
                self.statuses[status] = self.statuses.get(status, 0) + 1
                self.acknowledged.append(key)
                break


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, help="the intake executable")
    parser.add_argument("--rounds", type=int, default=3, help="kill/restart rounds (default 3)")
    parser.add_argument("--senders", type=int, default=4, help="concurrent senders (default 4)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else int(time.time())
    random.seed(seed)

    folder = tempfile.mkdtemp(prefix="intake-crash-")
    os.mkdir(os.path.join(folder, "mappers"))
    port = free_port()
    with open(os.path.join(folder, "intake.yaml"), "w") as f:
        f.write(CONFIG.format(port=port))
    with open(os.path.join(folder, "mappers", "crash.yaml"), "w") as f:
        f.write(MAPPER)
    print(f"crash-test: {arguments.rounds} rounds, {arguments.senders} senders, seed {seed}, in {folder}")

    server = Server(arguments.binary, folder, port)
    server.start()
    stop = threading.Event()
    deadline = time.monotonic() + 120 + 30 * arguments.rounds
    senders = [Sender(n, port, stop, deadline) for n in range(arguments.senders)]
    for sender in senders:
        sender.start()
    for round in range(1, arguments.rounds + 1):
        time.sleep(random.uniform(0.2, 1.5))  # senders are posting: the kill lands mid-request
        server.kill()
        answered = sum(len(s.acknowledged) for s in senders)
        print(f"  round {round}: SIGKILL after {answered} acknowledgements; restarting")
        time.sleep(random.uniform(0, 0.3))
        server.start()
    time.sleep(0.5)  # the last server answers for a while; then each sender finishes its payload
    stop.set()
    for sender in senders:
        sender.join()
    server.stop()

    keys = [key for s in senders for key in s.keys]
    acknowledged = {key for s in senders for key in s.acknowledged}
    database = sqlite3.connect(os.path.join(folder, "crash.db"))
    rows = database.execute(
        "SELECT json_extract(raw_payload, '$.id'), count(*) FROM incidents WHERE instance = 'crash' GROUP BY 1").fetchall()
    integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
    database.close()
    stored = {key: count for key, count in rows}
    lost = sorted(acknowledged - stored.keys())
    duplicated = sorted(key for key, count in stored.items() if count > 1)
    unanswered = sorted(set(keys) - acknowledged)
    statuses = {}
    for s in senders:
        for status, count in s.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    errors = [e for s in senders for e in s.errors]

    print(f"crash-test: rounds {arguments.rounds}, payloads {len(keys)}, attempts {sum(s.attempts for s in senders)}, "
          f"statuses {json.dumps(statuses, sort_keys=True)}")
    print(f"crash-test: acknowledged {len(acknowledged)} / stored {len(stored)} / lost {len(lost)} / "
          f"duplicated {len(duplicated)} / unanswered {len(unanswered)}; integrity_check: {integrity}")
    for label, items in (("lost", lost), ("duplicated", duplicated), ("unanswered", unanswered), ("errors", errors)):
        if items:
            print(f"  {label}: {', '.join(items[:10])}{' …' if len(items) > 10 else ''}")
    ok = not lost and not duplicated and not unanswered and not errors and integrity == "ok"
    print("crash-test: " + ("passed" if ok else f"FAILED (folder kept: {folder})"))
    if ok:
        subprocess.run(["rm", "-rf", folder])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
