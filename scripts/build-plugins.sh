#!/usr/bin/env bash
# Builds the example WebAssembly plugins from their sources in plugins/ (SPEC §11):
#   plugins/defang/defang.c  -> mappers/plugins/defang.wasm   (C, clang --target=wasm32 + wasm-ld)
#   plugins/mask/mask.wat    -> mappers/plugins/mask.wasm     (WebAssembly text, wat2wasm)
#   plugins/testing/*.wat    -> .build/test-plugins/*.wasm    (test fixtures, never shipped)
# The C compiler is the Swift toolchain's own clang (it has the wasm32 target and wasm-ld);
# wat2wasm comes from Debian's wabt, which scripts/install-deps.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

toolchain_bin="$(dirname "$(readlink -f "$(command -v swift)")")"
clang="$toolchain_bin/clang"
if ! [ -x "$clang" ] || ! [ -x "$toolchain_bin/wasm-ld" ]; then
  # Without the toolchain's, Debian's clang and lld (packages clang, lld) have the target too.
  clang="$(command -v clang || true)"
  command -v wasm-ld >/dev/null || { echo "build-plugins: no wasm-ld (the Swift toolchain's, or Debian's lld)" >&2; exit 1; }
fi
[ -n "$clang" ] || { echo "build-plugins: no clang with the wasm32 target (the Swift toolchain's, or Debian's clang)" >&2; exit 1; }
command -v wat2wasm >/dev/null || { echo "build-plugins: no wat2wasm: run scripts/install-deps.sh (Debian package wabt)" >&2; exit 1; }

mkdir -p mappers/plugins .build/test-plugins

# A plugin has no libc and no start function: every export is named in its source.
"$clang" --target=wasm32 -O2 -nostdlib -ffreestanding -Wall -Wextra -Werror \
  -Wl,--no-entry -Wl,--strip-all -o mappers/plugins/defang.wasm plugins/defang/defang.c
wat2wasm plugins/mask/mask.wat -o mappers/plugins/mask.wasm
for source in plugins/testing/*.wat; do
  wat2wasm "$source" -o ".build/test-plugins/$(basename "$source" .wat).wasm"
done
echo "build-plugins: mappers/plugins/{defang,mask}.wasm, .build/test-plugins/ ($(ls .build/test-plugins | wc -l) fixtures)"
