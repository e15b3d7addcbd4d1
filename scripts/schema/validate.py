"""Validates YAML files against a JSON Schema with the `jsonschema` package (draft 2020-12).

    validate.py SCHEMA.json --valid FILE...   every file must validate
    validate.py SCHEMA.json --invalid FILE... every file must fail (a broken example)

YAML is read as Intake reads it (YAML 1.2 core): `yes`/`no`/`on`/`off` stay strings and a
date stays a string, unlike PyYAML's YAML 1.1 default. Prints one line per file; exits 1 when
any file does not do what was asked.
"""

import json
import re
import sys

import jsonschema
import yaml


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core booleans and no timestamps."""


CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def main(argv):
    schema_path, mode, files = argv[1], argv[2], argv[3:]
    with open(schema_path) as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    for path in files:
        with open(path) as handle:
            document = yaml.load(handle, Loader=CoreLoader)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        if mode == "--valid" and errors:
            failures += 1
            for error in errors[:3]:
                where = "/".join(str(part) for part in error.absolute_path) or "(top)"
                print(f"FAIL {path}: {where}: {error.message[:300]}")
        elif mode == "--invalid" and not errors:
            failures += 1
            print(f"FAIL {path}: validates, but it is a broken example the schema must refuse")
        else:
            print(f"ok   {path}" + (f" (refused: {errors[0].message[:120]})" if errors else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
