#!/usr/bin/env bash
# Checks the editor schemas `intake schema` prints (docs/editors.md) with a real JSON Schema
# validator, PyPI's jsonschema (draft 2020-12), installed into .build/schema-venv:
#   - every shipped mapper and types file (mappers/, docs/examples/, Benchmarks/http/) and
#     intake.yaml validate;
#   - every file of scripts/schema/broken/ is refused by the schema, and by `intake check`
#     too (the schema is never stricter than the loaders);
#   - the WebAssembly plugins of mappers/plugins/ (scripts/build-plugins.sh) are in the mapper
#     schema, so a mapper using one validates.
# INTAKE_BIN picks the binary (default .build/debug/intake). Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
intake="${INTAKE_BIN:-$root/.build/debug/intake}"
venv="$root/.build/schema-venv"
requirements="$root/scripts/schema/requirements.txt"
mkdir -p "$root/.build"
exec 9>"$root/.build/schema-venv.lock"
flock 9
if ! [ -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$venv/requirements.txt"; then
    rm -rf "$venv"
    python3 -m venv "$venv" >&2 || { echo "schema: python3 -m venv failed (scripts/install-deps.sh installs python3-venv)" >&2; exit 1; }
    "$venv/bin/python" -m pip install --quiet -r "$requirements" >&2 \
        || { echo "schema: could not install jsonschema and PyYAML from PyPI: is PyPI reachable?" >&2; exit 1; }
    cp "$requirements" "$venv/requirements.txt"
fi
python="$venv/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$intake" schema mapper --config intake.yaml > "$work/mapper.json"
"$intake" schema types > "$work/types.json"
"$intake" schema config > "$work/config.json"

"$python" scripts/schema/validate.py "$work/mapper.json" --valid mappers/*.yaml docs/examples/mappers/*.yaml \
    docs/examples/google-forms/mappers/*.yaml Benchmarks/http/*.yaml >/dev/null \
    || { "$python" scripts/schema/validate.py "$work/mapper.json" --valid mappers/*.yaml docs/examples/mappers/*.yaml \
        docs/examples/google-forms/mappers/*.yaml Benchmarks/http/*.yaml | grep -v '^ok'; exit 1; }
"$python" scripts/schema/validate.py "$work/types.json" --valid mappers/incident-types.yaml docs/examples/google-forms/mappers/incident-types.yaml
"$python" scripts/schema/validate.py "$work/config.json" --valid intake.yaml

for file in scripts/schema/broken/*.yaml; do
    case "$(basename "$file")" in
        config-*) schema="$work/config.json" ;;
        *) schema="$work/mapper.json" ;;
    esac
    "$python" scripts/schema/validate.py "$schema" --invalid "$file"
    # The loaders refuse it too: a schema that refused a file intake check accepts would be lying.
    case "$(basename "$file")" in
        config-*) status=0; "$intake" check --config "$file" >/dev/null 2>&1 || status=$? ;;
        *) rm -rf "$work/one" && mkdir "$work/one" && cp "$file" "$work/one/"
           status=0; "$intake" check --mappers "$work/one" >/dev/null 2>&1 || status=$? ;;
    esac
    if [ "$status" != 2 ]; then
        echo "schema: intake check accepts $file (exit $status), which the schema refuses" >&2
        exit 1
    fi
done

if [ -f mappers/plugins/defang.wasm ]; then
    grep -q '"step_defang"' "$work/mapper.json" || { echo "schema: the defang plugin of mappers/plugins is not in the mapper schema" >&2; exit 1; }
    printf 'mapper: uses-a-plugin\nfields:\n  name: [ $.title, defang ]\n' > "$work/uses-plugin.yaml"
    "$python" scripts/schema/validate.py "$work/mapper.json" --valid "$work/uses-plugin.yaml" >/dev/null
fi
echo "schema: the mapper, types and config schemas accept every shipped file and refuse $(ls scripts/schema/broken/*.yaml | wc -l) broken ones"
