#!/usr/bin/env python3
"""Writes large inputs of the shapes that made parsers quadratic (issue 10) into DIR/<target>/.

Thousands of distinct or repeated form fields, object keys and multipart parts, 150-250 KB
each. scripts/fuzz.sh writes them to .build-fuzz/hostile and runs each once before fuzzing,
under the time bound linear in its size (Fuzz/Sources/TimeBound.swift): a linear parser takes
a tenth of its budget, a quadratic one several times it, so a regression is a finding at once.
They stay out of the fuzzing corpus, where mutating such inputs would slow the search.
"""
import os, sys

folder = sys.argv[1]
inputs = {
    "form/distinct-fields": "&".join(f"field{i}=value{i}" for i in range(12000)),
    "form/repeated-field": "&".join(f"tag=value{i}" for i in range(15000)),
    "json/distinct-keys": "{" + ",".join(f'"k{i}":{i}' for i in range(15000)) + "}",
    "json/long-array": "[" + ",".join(f'{{"n":{i}}}' for i in range(20000)) + "]",
    "multipart/many-parts": "".join(
        f'--b\r\nContent-Disposition: form-data; name="f{i}"\r\n\r\nv{i}\r\n' for i in range(3000)) + "--b--\r\n",
}
for path, text in inputs.items():
    os.makedirs(os.path.join(folder, os.path.dirname(path)), exist_ok=True)
    with open(os.path.join(folder, path), "w") as f:
        f.write(text)
