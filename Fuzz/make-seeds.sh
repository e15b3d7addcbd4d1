#!/usr/bin/env bash
# Rebuilds the committed seed corpus (Fuzz/Corpus/<target>/) from the repository's own
# payloads, mappers and docs examples, plus the hand-written edge cases in Fuzz/Seeds/.
# Run it after adding samples or mappers; scripts/fuzz.sh only reads the result.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=Fuzz/Corpus
rm -rf "$corpus"
mkdir -p "$corpus"/{json,jsonpath,yaml,mapper,form,multipart,signature}

# Copies each file under its path with '/' as '_', so seeds stay traceable to their source.
seed() { local target=$1; shift; for f in "$@"; do cp "$f" "$corpus/$target/$(echo "$f" | tr / _)"; done; }

seed json $(find samples docs/examples/samples -name '*.json' ! -name '*.args.json' ! -name '*.expected.json' | sort)
seed yaml intake.yaml mappers/*.yaml docs/examples/mappers/*.yaml docs/examples/broken/*.yaml
seed mapper mappers/[!i]*.yaml docs/examples/mappers/*.yaml docs/examples/broken/*.yaml

# Every JSONPath query the mappers and examples use, one file each.
n=0
grep -ho '\$[.[][^" ,}]*\|"\$[^"]*"' mappers/*.yaml docs/examples/mappers/*.yaml | tr -d '"' | sort -u |
  while IFS= read -r query; do n=$((n + 1)); printf '%s' "$query" > "$corpus/jsonpath/query-$n"; done

for target in json jsonpath yaml mapper form multipart signature; do
  [ -d "Fuzz/Seeds/$target" ] && cp Fuzz/Seeds/"$target"/* "$corpus/$target/"
done
for target in "$corpus"/*; do echo "$target: $(ls "$target" | wc -l) seeds"; done
