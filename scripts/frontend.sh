#!/usr/bin/env bash
# Builds the site into frontend/dist (trunk, release, offline; config in frontend/Trunk.toml)
# and reports the size of the main .wasm, raw and gzipped, against the size recorded in
# frontend/wasm-size.txt. Fails when the gzipped wasm exceeds MAX_WASM_GZIP bytes (400 KB) or
# grows more than WASM_GROWTH_TOLERANCE bytes (1 KiB: builds of the same code differ by a few
# bytes) over the recorded size. `scripts/frontend.sh --record` writes the new size there
# (after a change that shrank the wasm, or one that had to grow it and says why in its commit).
# Tools: scripts/frontend-tools.sh (`make frontend` runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/frontend-env.sh
. scripts/frontend-env.sh
MAX_WASM_GZIP=${MAX_WASM_GZIP:-409600}
WASM_GROWTH_TOLERANCE=${WASM_GROWTH_TOLERANCE:-1024}
RECORD=frontend/wasm-size.txt
record=false
case "${1:-}" in
  --record) record=true ;;
  "") ;;
  *) echo "usage: scripts/frontend.sh [--record]" >&2; exit 2 ;;
esac

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
wasm=(frontend/dist/frontend-*.wasm)
if [ "${#wasm[@]}" -ne 1 ]; then
  echo "frontend: expected one frontend-*.wasm in frontend/dist, found ${#wasm[@]}" >&2
  exit 1
fi
raw=$(wc -c <"${wasm[0]}")
gz=$(gzip -9 -c "${wasm[0]}" | wc -c)
printf 'frontend: %s  %d bytes raw (%d KB), %d bytes gzip -9 (%d KB); limit %d KB gzipped\n' \
  "${wasm[0]}" "$raw" $((raw / 1024)) "$gz" $((gz / 1024)) $((MAX_WASM_GZIP / 1024))
# The signer worker (frontend/signer): only the signing page loads it, so it is not part of the
# main wasm's budget; it has its own (MAX_SIGNER_GZIP, 200 KB).
MAX_SIGNER_GZIP=${MAX_SIGNER_GZIP:-204800}
signer=frontend/dist/signer_bg.wasm
if [ ! -f "$signer" ]; then
  echo "frontend: no $signer (index.html builds it as a worker)" >&2
  exit 1
fi
signer_gz=$(gzip -9 -c "$signer" | wc -c)
printf 'frontend: %s  %d bytes raw, %d bytes gzip -9 (%d KB); the signing page only; limit %d KB gzipped\n' \
  "$signer" "$(wc -c <"$signer")" "$signer_gz" $((signer_gz / 1024)) $((MAX_SIGNER_GZIP / 1024))
if [ "$signer_gz" -gt "$MAX_SIGNER_GZIP" ]; then
  echo "frontend: $signer is $signer_gz bytes gzipped, over the limit of $MAX_SIGNER_GZIP" >&2
  exit 1
fi
for f in frontend/dist/*.js frontend/dist/*.css; do
  printf 'frontend: %s  %d bytes raw, %d bytes gzip -9\n' "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done

# The recorded size: `gzip <bytes>` and `raw <bytes>` lines, `#` comments.
recorded_gz=$(awk '$1 == "gzip" { print $2 }' "$RECORD" 2>/dev/null || true)
recorded_raw=$(awk '$1 == "raw" { print $2 }' "$RECORD" 2>/dev/null || true)
if [ -n "$recorded_gz" ]; then
  printf 'frontend: wasm before (%s) %d bytes raw, %d bytes gzip -9; after %d raw (%+d), %d gzip -9 (%+d); tolerance +%d gzip\n' \
    "$RECORD" "${recorded_raw:-0}" "$recorded_gz" "$raw" $((raw - ${recorded_raw:-0})) "$gz" $((gz - recorded_gz)) "$WASM_GROWTH_TOLERANCE"
else
  echo "frontend: no recorded wasm size in $RECORD (scripts/frontend.sh --record writes it)"
fi
if $record; then
  {
    echo "# The release wasm's size (scripts/frontend.sh: gzip -9 of frontend/dist/frontend-*.wasm)."
    echo "# scripts/frontend.sh fails when the wasm grows more than 1 KiB gzipped over it;"
    echo "# scripts/frontend.sh --record writes it."
    echo "gzip $gz"
    echo "raw $raw"
  } >"$RECORD"
  echo "frontend: recorded $gz bytes gzip -9 in $RECORD"
fi

if [ "$gz" -gt "$MAX_WASM_GZIP" ]; then
  echo "frontend: ${wasm[0]} is $gz bytes gzipped, over the limit of $MAX_WASM_GZIP" >&2
  exit 1
fi
if [ -n "$recorded_gz" ] && ! $record && [ "$gz" -gt $((recorded_gz + WASM_GROWTH_TOLERANCE)) ]; then
  echo "frontend: ${wasm[0]} grew to $gz bytes gzipped, $((gz - recorded_gz)) over the $recorded_gz of $RECORD (tolerance $WASM_GROWTH_TOLERANCE)" >&2
  exit 1
fi
