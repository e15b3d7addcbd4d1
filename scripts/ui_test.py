#!/usr/bin/env python3
"""The mapper playground in a real browser (docs/playground.md).

Starts `intake serve` (the debug binary) on a free loopback port with a temporary SQLite store
and a copy of the shipped mappers, stores two Google Forms samples, then drives headless
Chromium through chromedriver's W3C WebDriver HTTP API (standard library only: no PyPI, no
browser download) as a user would: open /ui, read the incidents of the stored samples, type a
mistake and see its line marked, fix the mapper so an unmapped drop-down value maps, save, and
post a payload that the running listener then maps with the saved mapper. Screenshots of each
stage go to .build/ui-screenshots/.

Usage: scripts/ui_test.py [path/to/intake]   (default .build/debug/intake)
Bounded: every wait gives up after WAIT_SECONDS; the whole run after RUN_SECONDS.
"""
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WAIT_SECONDS = 20
RUN_SECONDS = 180
SCREENSHOTS = os.path.join(ROOT, ".build", "ui-screenshots")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

CONFIG = """listen: {{ host: 127.0.0.1, port: {port} }}
storage: {{ sqlite: intake.db }}
mappers: mappers
instances:
  - name: forms
    incident_type: Unclassified
    auth: none
    store_samples: true
    mappers: [google-forms-sheets, google-forms-script]
    on_mapping_error: quarantine
"""


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http(method, url, body=None, timeout=10):
    """One JSON request; answers (status, parsed body)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def wait_for(what, probe, seconds=WAIT_SECONDS):
    """Polls `probe` until it answers something truthy; fails naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            last = probe()
            if last:
                return last
        except (OSError, Failure) as error:
            last = error
        time.sleep(0.2)
    raise Failure(f"timed out after {seconds} s waiting for {what} (last: {last!r})")


class Browser:
    """A headless Chromium session over chromedriver's W3C WebDriver HTTP API."""

    def __init__(self, driver_url, profile):
        self.url = driver_url
        capabilities = {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": shutil.which("chromium") or "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1600,1000", f"--user-data-dir={profile}"]}}}
        status, answer = http("POST", f"{driver_url}/session", {"capabilities": capabilities}, timeout=60)
        if status != 200:
            raise Failure(f"chromedriver refused the session: {answer}")
        self.session = f"{driver_url}/session/{answer['value']['sessionId']}"

    def command(self, method, path, body=None):
        status, answer = http(method, self.session + path, body, timeout=30)
        if status != 200:
            raise Failure(f"WebDriver {method} {path}: {answer}")
        return answer["value"]

    def open(self, url):
        self.command("POST", "/url", {"url": url})

    def script(self, source, *args):
        return self.command("POST", "/execute/sync", {"script": source, "args": list(args)})

    def element(self, css):
        return self.command("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def click(self, css):
        self.command("POST", f"/element/{self.element(css)}/click", {})

    def type(self, css, text):
        self.command("POST", f"/element/{self.element(css)}/value", {"text": text})

    def screenshot(self, name):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        path = os.path.join(SCREENSHOTS, name + ".png")
        with open(path, "wb") as file:
            file.write(base64.b64decode(self.command("GET", "/screenshot")))
        print(f"  screenshot {os.path.relpath(path, ROOT)}")

    def close(self):
        try:
            http("DELETE", self.session, timeout=10)
        except OSError:
            pass


def payload(name):
    with open(os.path.join(ROOT, "samples", "google_forms", name)) as file:
        return json.load(file)


def outcomes(browser):
    """The rendered incidents: [{status, type, fields: {name: value}}]."""
    return browser.script("""
        return [...document.querySelectorAll('#results .outcome')].map(card => ({
          status: card.dataset.status,
          fields: Object.fromEntries([...card.querySelectorAll('tr.field')].map(row =>
            [row.dataset.field, row.cells[1].textContent]))}));""")


def run(binary, folder):
    port, driver_port = free_port(), free_port()
    shutil.copytree(os.path.join(ROOT, "mappers"), os.path.join(folder, "mappers"))
    config = os.path.join(folder, "intake.yaml")
    with open(config, "w") as file:
        file.write(CONFIG.format(port=port))
    base = f"http://127.0.0.1:{port}"
    processes = []
    browser = None
    try:
        log = open(os.path.join(folder, "serve.log"), "w")
        processes.append(subprocess.Popen([binary, "serve", "--config", config], cwd=folder, stdout=log, stderr=log))
        wait_for("intake serve /healthz", lambda: http("GET", base + "/healthz", timeout=2)[0] == 200)
        phishing, unknown = payload("sheets_trigger_phishing.json"), payload("sheets_trigger_unknown_type.json")
        for sample in (phishing, unknown):
            status, answer = http("POST", base + "/instance/execute/forms", sample)
            if status != 200:
                raise Failure(f"storing a sample: {status} {answer}")

        processes.append(subprocess.Popen(
            [shutil.which("chromedriver") or "/usr/bin/chromedriver", f"--port={driver_port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        driver = f"http://127.0.0.1:{driver_port}"
        wait_for("chromedriver", lambda: http("GET", driver + "/status", timeout=2)[1]["value"]["ready"])
        browser = Browser(driver, os.path.join(folder, "profile"))

        print("1. /ui shows the stored samples' incidents")
        browser.open(base + "/ui?instance=forms")
        shown = wait_for("two incidents", lambda: (lambda o: o if len(o) == 2 else None)(outcomes(browser)))
        types = sorted(outcome["fields"].get("type") for outcome in shown)
        if types != ["Phishing", "Unclassified"]:
            raise Failure(f"rendered types {types}, expected Phishing and Unclassified")
        wait_for("the unmapped drop-down value", lambda: "Something else" in browser.script(
            "return document.querySelector('#misses tbody').textContent"))
        report = wait_for("the chain report", lambda: browser.script("return document.getElementById('chain-report').textContent"))
        if "google-forms-script never matches" not in report:
            raise Failure(f"the chain report does not say google-forms-script never matches: {report!r}")
        browser.click("#results .outcome[data-status=mapped] tr.field[data-field=type]")
        trace = wait_for("the explain trace", lambda: browser.script("return document.getElementById('trace').textContent"))
        if "lookup" not in trace:
            raise Failure(f"the type's explain trace names no lookup step: {trace!r}")
        browser.click("#sample-view .value[data-path]")
        path = browser.script("return document.getElementById('jsonpath').textContent")
        if not path.startswith("$"):
            raise Failure(f"clicking a sample value gave no JSONPath: {path!r}")
        browser.screenshot("1-samples")

        print("2. a mistake typed into the mapper is marked at its line")
        lines = browser.script("return document.getElementById('editor').value.split('\\n').length")
        browser.script("const e = document.getElementById('editor'); e.focus(); e.setSelectionRange(e.value.length, e.value.length);")
        browser.type("#editor", "\nbogus_key: [")
        mark = wait_for("an error mark", lambda: browser.script(
            "const m = document.querySelector('#gutter .mark'); return m && m.dataset.line"))
        if not lines <= int(mark) <= lines + 2:
            raise Failure(f"the error is marked at line {mark}, expected near line {lines + 1}")
        errors = browser.script("return document.getElementById('errors').textContent")
        if f"{mark}:" not in errors:
            raise Failure(f"the error list does not give line {mark}: {errors!r}")
        browser.screenshot("2-error-mark")

        print("3. mapping the unmapped value, as typed; the picked field's trace follows the edit")
        browser.script("""
            const row = [...document.querySelectorAll('#results tr.field[data-field=type]')]
              .find(row => row.cells[1].textContent === 'Unclassified');
            row.click();""")
        before = wait_for("the unmapped type's trace", lambda: (lambda t: t if "Something else" in t else None)(
            browser.script("return document.getElementById('trace').textContent")))
        browser.script("""
            const e = document.getElementById('editor');
            e.value = e.value.replace(/\\nbogus_key: \\[$/, '').replace('"Malware": Malware', '"Malware": Malware\\n      "Something else": Malware');
            e.dispatchEvent(new Event('input'));""")
        wait_for("the edited mapper's incident", lambda: sorted(o["fields"].get("type") for o in outcomes(browser)) == ["Malware", "Phishing"])
        wait_for("no error mark", lambda: browser.script("return document.querySelectorAll('#gutter .mark').length === 0"))
        after = wait_for("the trace of the remapped type", lambda: (lambda t: t if t != before and "Malware" in t else None)(
            browser.script("return document.getElementById('trace').textContent")))
        if "miss" in after:
            raise Failure(f"after the edit the type's trace still shows the lookup miss: {after!r}")
        wait_for("no unmapped type value", lambda: "Something else" not in browser.script(
            "return document.querySelector('#misses tbody').textContent"))
        browser.screenshot("3-edited")

        print("4. save, then the listener maps with the saved mapper")
        browser.click("#save")
        status_text = wait_for("the save", lambda: (lambda t: t if t.startswith("Saved") or t.startswith("Not saved") else None)(
            browser.script("return document.getElementById('status').textContent")))
        browser.screenshot("4-saved")
        if not status_text.startswith("Saved"):
            raise Failure(f"save failed: {status_text}")
        with open(os.path.join(folder, "mappers", "google-forms-sheets.yaml")) as file:
            if '"Something else": Malware' not in file.read():
                raise Failure("the saved mapper file does not hold the edit")
        fresh = dict(unknown, range=dict(unknown["range"], rowStart=unknown["range"]["rowStart"] + 100))
        status, answer = http("POST", base + "/instance/execute/forms", fresh)
        if status != 200:
            raise Failure(f"posting after the save: {status} {answer}")
        status, answer = http("GET", base + "/api/incidents?instance=forms&limit=1")
        newest = answer["incidents"][0]
        if newest["type"] != "Malware":
            raise Failure(f"the payload posted after the save mapped to {newest['type']}, expected Malware")
        print("ok: the playground maps, marks, saves, and the listener uses the saved mapper")
    finally:
        if browser:
            browser.close()
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "intake"))
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(Failure(f"the run took over {RUN_SECONDS} s")))
    signal.alarm(RUN_SECONDS)
    folder = tempfile.mkdtemp(prefix="intake-ui-test-")
    try:
        run(binary, folder)
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        log = os.path.join(folder, "serve.log")
        if os.path.exists(log):
            print("intake serve log (last lines):", file=sys.stderr)
            print("".join(open(log).readlines()[-20:]), file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
