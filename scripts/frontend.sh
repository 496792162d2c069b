#!/usr/bin/env bash
# Builds the site into frontend/dist (trunk, release, offline; config in frontend/Trunk.toml)
# and reports the size of the .wasm, raw and gzipped. Fails when the gzipped wasm exceeds
# MAX_WASM_GZIP bytes (400 KB). Tools: scripts/frontend-tools.sh (`make frontend` runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/frontend-env.sh
. scripts/frontend-env.sh
MAX_WASM_GZIP=${MAX_WASM_GZIP:-409600}

for tool in trunk wasm-bindgen wasm-opt; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "frontend: $tool not found; run scripts/frontend-tools.sh" >&2
    exit 1
  }
done

# trunk runs cargo with --offline: fetch the wasm32 dependencies first (no network when they
# are already in the cargo cache).
cargo fetch --locked --target wasm32-unknown-unknown

(cd frontend && trunk build --release --offline)

shopt -s nullglob
wasm=(frontend/dist/*.wasm)
if [ "${#wasm[@]}" -ne 1 ]; then
  echo "frontend: expected one .wasm in frontend/dist, found ${#wasm[@]}" >&2
  exit 1
fi
raw=$(wc -c <"${wasm[0]}")
gz=$(gzip -9 -c "${wasm[0]}" | wc -c)
printf 'frontend: %s  %d bytes raw (%d KB), %d bytes gzip -9 (%d KB); limit %d KB gzipped\n' \
  "${wasm[0]}" "$raw" $((raw / 1024)) "$gz" $((gz / 1024)) $((MAX_WASM_GZIP / 1024))
for f in frontend/dist/*.js frontend/dist/*.css; do
  printf 'frontend: %s  %d bytes raw, %d bytes gzip -9\n' "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done
if [ "$gz" -gt "$MAX_WASM_GZIP" ]; then
  echo "frontend: ${wasm[0]} is $gz bytes gzipped, over the limit of $MAX_WASM_GZIP" >&2
  exit 1
fi
