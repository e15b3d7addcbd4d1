#!/usr/bin/env python3
"""Keeps docs/examples and the documents that show them in step with the built binary.

    python3 docs/examples/sync.py              # report: which expected files and doc blocks are stale
    python3 docs/examples/sync.py --write      # rewrite them from what .build/debug/intake prints

Every case is samples/**/X.json with X.args.json beside it (S133), in docs/examples and in
each folder under it that has its own mappers/ and samples/ (docs/examples/google-forms). Its expected
file is what `intake dry-run` prints for X.json, run in the file's folder with the options of
X.args.json. READ every rewritten expected file against SEMANTICS.md before committing it:
this script records what the engine does, not what it should do.

A document (docs/mappers.md, docs/tutorial-google-forms.md) marks generated blocks:

    <!-- example: samples/trim/trim -->  the mapper(s), payload and dry-run output of a case
    <!-- /example -->                    (paths relative to docs/examples)
    <!-- run: samples/trim/trim -->      the same without the mapper(s) (shown elsewhere)
    <!-- /run -->
    <!-- result: samples/trim/trim -->   only the dry-run output
    <!-- /result -->
    <!-- explain: samples/trim/trim -->  the case's `intake dry-run --explain` output; with
    <!-- /explain -->                    ` type,summary` after the path, an excerpt of its trace
    <!-- file: mappers/types.yaml -->    a file of docs/examples, verbatim
    <!-- /file -->
    <!-- output: intake check --mappers docs/examples/mappers -->   a command's output, run
    <!-- /output -->                     from the package root (`intake` is the built binary)

Everything between a marker and its end is replaced; text outside is never touched.
"""
import json
import os
import re
import shlex
import subprocess
import sys

EXAMPLES = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(EXAMPLES))
BINARY = os.path.join(ROOT, ".build", "debug", "intake")
DOCUMENTS = [os.path.join(ROOT, "docs", "mappers.md"), os.path.join(ROOT, "docs", "tutorial-google-forms.md")]


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def roots():
    """docs/examples and every folder under it laid out for `intake test` (mappers/ + samples/)."""
    found = [EXAMPLES]
    for name in sorted(os.listdir(EXAMPLES)):
        folder = os.path.join(EXAMPLES, name)
        if os.path.isdir(os.path.join(folder, "mappers")) and os.path.isdir(os.path.join(folder, "samples")):
            found.append(folder)
    return found


def cases():
    found = []
    for root in roots():
        for folder, _, files in os.walk(os.path.join(root, "samples")):
            for name in files:
                if name.endswith(".json") and not name.endswith(".expected.json") and not name.endswith(".args.json"):
                    stem = os.path.join(folder, name[: -len(".json")])
                    if os.path.exists(stem + ".args.json"):
                        found.append(stem)
    return sorted(found)


def root_of(stem):
    """The folder holding the case's mappers/ and samples/."""
    return stem[: stem.rindex(os.sep + "samples" + os.sep)]


def options(stem):
    args = json.loads(read(stem + ".args.json"))
    result = []
    for name in args.get("mappers", []):
        result += ["--mapper", name]
    if "default_type" in args:
        result += ["--default-type", args["default_type"]]
    if "received_at" in args:
        result += ["--received-at", args["received_at"]]
    for header in args.get("headers", []):
        result += ["--header", header]
    return args, result


def dry_run(stem, explain=False):
    _, extra = options(stem)
    command = [BINARY, "dry-run", "--mappers", os.path.join(root_of(stem), "mappers")] + extra
    if explain:
        command.append("--explain")
    command.append(os.path.basename(stem) + ".json")
    run = subprocess.run(command, cwd=os.path.dirname(stem), capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"{stem}: dry-run exited {run.returncode}: {run.stderr}")
    return run.stdout


def mapper_file(name, root):
    for file in sorted(os.listdir(os.path.join(root, "mappers"))):
        path = os.path.join(root, "mappers", file)
        if re.search(r"^mapper:\s*" + re.escape(name) + r"\s*(#.*)?$", read(path), re.M):
            return path
    sys.exit(f"no example mapper named {name}")


def fence(language, text):
    return f"```{language}\n{text.rstrip()}\n```\n"


def example_block(case, show_mappers=True, show_payload=True):
    stem = os.path.join(EXAMPLES, case)
    args, _ = options(stem)
    parts = []
    for name in args["mappers"] if show_mappers else []:
        path = mapper_file(name, root_of(stem))
        parts.append(f"`{os.path.relpath(path, EXAMPLES)}`:\n\n" + fence("yaml", read(path)))
    if show_payload:
        parts.append(f"`{case}.json`:\n\n" + fence("json", read(stem + ".json")))
    extra = []
    if "default_type" in args:
        extra.append(f'--default-type "{args["default_type"]}"')
    for header in args.get("headers", []):
        extra.append(f"--header '{header}'")
    shown = (" with `" + " ".join(extra) + "`") if extra else ""
    parts.append(f"`intake dry-run`{shown} prints:\n\n" + fence("json", read(stem + ".expected.json")))
    return "\n".join(parts)


def explain_block(argument):
    """`STEM` gives the whole --explain output; `STEM type,severity` an excerpt of the first
    element's trace: the type and the named fields."""
    case, _, only = argument.partition(" ")
    printed = dry_run(os.path.join(EXAMPLES, case), explain=True)
    if not only:
        return fence("json", printed)
    trace = json.loads(printed)[0]["trace"]
    excerpt = {}
    for name in only.split(","):
        if name == "type":
            excerpt["type"] = trace["type"]
        else:
            excerpt.setdefault("fields", {})[name] = trace["fields"][name]
    return fence("json", json.dumps(excerpt, indent=2, ensure_ascii=False))


def command_output(command):
    argv = shlex.split(command)
    if argv and argv[0] == "intake":
        argv[0] = BINARY
    run = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    text = run.stderr + run.stdout
    return fence("text", f"$ {command}\n{text}" + (f"(exit {run.returncode})\n" if run.returncode else ""))


KINDS = "example|run|result|explain|file|output"
MARKER = re.compile(r"<!-- (" + KINDS + r"): (.+?) -->\n.*?<!-- /(?:" + KINDS + r") -->", re.S)


def render(document):
    def replace(match):
        kind, argument = match.group(1), match.group(2).strip()
        if kind == "example":
            body = example_block(argument)
        elif kind == "run":
            body = example_block(argument, show_mappers=False)
        elif kind == "result":
            body = example_block(argument, show_mappers=False, show_payload=False)
        elif kind == "explain":
            body = explain_block(argument)
        elif kind == "file":
            path = os.path.join(EXAMPLES, argument)
            body = fence("yaml" if path.endswith((".yaml", ".yml")) else "json", read(path))
        else:
            body = command_output(argument)
        return f"<!-- {kind}: {argument} -->\n{body}<!-- /{kind} -->"
    return MARKER.sub(replace, document)


def main():
    write = "--write" in sys.argv[1:]
    stale = 0
    for stem in cases():
        printed = dry_run(stem)
        expected = stem + ".expected.json"
        if not os.path.exists(expected) or read(expected) != printed:
            stale += 1
            print(("wrote " if write else "stale ") + os.path.relpath(expected, ROOT))
            if write:
                with open(expected, "w", encoding="utf-8") as handle:
                    handle.write(printed)
    for path in DOCUMENTS:
        if not os.path.exists(path):
            continue
        text = read(path)
        rendered = render(text)
        if rendered != text:
            stale += 1
            print(("wrote " if write else "stale ") + os.path.relpath(path, ROOT))
            if write:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(rendered)
    if stale and not write:
        sys.exit(1)


if __name__ == "__main__":
    main()
