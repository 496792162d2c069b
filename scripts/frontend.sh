#!/usr/bin/env bash
# Builds the site into frontend/dist (trunk, release, offline; config in frontend/Trunk.toml):
# the main app (frontend/index.html) at /, then the kindergarten service's app
# (frontend/preschool/index.html, its own bundle) at /preschool/ in frontend/dist/preschool, and
# the college service's app (frontend/college/index.html) at /college/ in frontend/dist/college,
# and the education department's app (frontend/edu/index.html) at /edu/ in frontend/dist/edu,
# and the sign-in with the identity provider (frontend/signin/index.html) at /signin/ in
# frontend/dist/signin. Reports the size of each app's .wasm, raw and gzipped, against the sizes
# recorded in frontend/wasm-size.txt. Fails when a gzipped wasm exceeds its budget (MAX_WASM_GZIP
# for the main app: 470 KB since the papers, the public /verify page, the response templates
# (+12 KB, the card's message form +7 KB of it), the intake register (+6 KB), the orders page
# (+25 KB: decoding its three lists, the order cards, the new order and the book) and the class
# composition page (+19 KB: its class cards with their moves and teachers); the parents'
# pages and the staff cabinet share this bundle: the cabinet as its own bundle, as the
# department's is, is the way back under 400 KB); MAX_PRESCHOOL_GZIP for the preschool app,
# MAX_COLLEGE_GZIP for the college app, MAX_EDU_GZIP for the department's app: 400 KB each; MAX_SIGNIN_GZIP for the sign-in: 150 KB) or grows more than
# WASM_GROWTH_TOLERANCE bytes (1 KiB: builds of the same code differ by a few bytes) over its
# recorded size. `scripts/frontend.sh --record` writes the new sizes there (after a change that
# shrank a wasm, or one that had to grow it and says why in its commit).
# Tools: scripts/frontend-tools.sh (`make frontend` runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/frontend-env.sh
. scripts/frontend-env.sh
MAX_WASM_GZIP=${MAX_WASM_GZIP:-481280}
MAX_PRESCHOOL_GZIP=${MAX_PRESCHOOL_GZIP:-409600}
MAX_COLLEGE_GZIP=${MAX_COLLEGE_GZIP:-409600}
MAX_EDU_GZIP=${MAX_EDU_GZIP:-409600}
MAX_SIGNIN_GZIP=${MAX_SIGNIN_GZIP:-153600}
WASM_GROWTH_TOLERANCE=${WASM_GROWTH_TOLERANCE:-1024}
RECORD=frontend/wasm-size.txt
DIST=frontend/dist
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

# The main app first: its build empties frontend/dist, each other app's only dist/<app>.
(cd frontend && trunk build --release --offline)
# The same Trunk.toml (tool pins, release, hashes), another page, address and dist.
shopt -s nullglob
for app in preschool college edu signin; do
  (cd frontend && trunk build --release --offline --public-url "/$app/" --dist "dist/$app" \
    "$app/index.html")

  # One copy of the stylesheets for every app: trunk gave the app's page copies of the main
  # app's files (same bytes, so the same hashed names); its links point at the main app's ones
  # instead, which the browser already has cached.
  for css in "$DIST/$app"/*.css; do
    name=$(basename "$css")
    if ! cmp -s "$css" "$DIST/$name"; then
      echo "frontend: $css is not one of the main app's stylesheets; frontend/$app/index.html links only those (../style.css, ../css/*.css)" >&2
      exit 1
    fi
    sed -i "s|href=\"/$app/$name\"|href=\"/$name\"|" "$DIST/$app/index.html"
    rm "$css"
  done
  if grep -q "href=\"/$app/[^\"]*\\.css\"" "$DIST/$app/index.html"; then
    echo "frontend: $DIST/$app/index.html still links a stylesheet of its own" >&2
    exit 1
  fi
done

# The recorded sizes: `<key> <bytes>` lines (gzip/raw: the main app; preschool_gzip/
# preschool_raw: the preschool app; college_gzip/college_raw: the college app; edu_gzip/edu_raw:
# the department's app; signin_gzip/signin_raw: the sign-in), `#` comments.
recorded() { awk -v k="$1" '$1 == k { print $2 }' "$RECORD" 2>/dev/null || true; }
failed=false
declare -a record_lines=()

# check_wasm LABEL PATTERN MAX KEY_PREFIX: reports one app's wasm against its budget and its
# recorded size (keys `${KEY_PREFIX}gzip`, `${KEY_PREFIX}raw`).
check_wasm() {
  local label=$1 pattern=$2 max=$3 prefix=$4 files raw gz rec_gz rec_raw
  # shellcheck disable=SC2206
  files=($pattern)
  if [ "${#files[@]}" -ne 1 ]; then
    echo "frontend: expected one $pattern, found ${#files[@]}" >&2
    exit 1
  fi
  raw=$(wc -c <"${files[0]}")
  gz=$(gzip -9 -c "${files[0]}" | wc -c)
  printf 'frontend: %s (%s)  %d bytes raw (%d KB), %d bytes gzip -9 (%d KB); limit %d KB gzipped\n' \
    "${files[0]}" "$label" "$raw" $((raw / 1024)) "$gz" $((gz / 1024)) $((max / 1024))
  rec_gz=$(recorded "${prefix}gzip")
  rec_raw=$(recorded "${prefix}raw")
  if [ -n "$rec_gz" ]; then
    printf 'frontend: %s wasm before (%s) %d bytes raw, %d bytes gzip -9; after %d raw (%+d), %d gzip -9 (%+d); tolerance +%d gzip\n' \
      "$label" "$RECORD" "${rec_raw:-0}" "$rec_gz" "$raw" $((raw - ${rec_raw:-0})) "$gz" $((gz - rec_gz)) "$WASM_GROWTH_TOLERANCE"
  else
    echo "frontend: no recorded $label wasm size in $RECORD (scripts/frontend.sh --record writes it)"
  fi
  record_lines+=("${prefix}gzip $gz" "${prefix}raw $raw")
  if [ "$gz" -gt "$max" ]; then
    echo "frontend: ${files[0]} is $gz bytes gzipped, over the limit of $max" >&2
    failed=true
  fi
  if [ -n "$rec_gz" ] && ! $record && [ "$gz" -gt $((rec_gz + WASM_GROWTH_TOLERANCE)) ]; then
    echo "frontend: ${files[0]} grew to $gz bytes gzipped, $((gz - rec_gz)) over the $rec_gz of $RECORD (tolerance $WASM_GROWTH_TOLERANCE)" >&2
    failed=true
  fi
}

check_wasm main "$DIST/frontend-*.wasm" "$MAX_WASM_GZIP" ""
# The kindergarten service's app: only its pages (/preschool/...) load it, so it has a budget
# of its own.
check_wasm preschool "$DIST/preschool/preschool-*.wasm" "$MAX_PRESCHOOL_GZIP" preschool_
# The college service's app: likewise only its pages (/college/...) load it.
check_wasm college "$DIST/college/college-*.wasm" "$MAX_COLLEGE_GZIP" college_
# The education department's app: likewise only its pages (/edu/...).
check_wasm edu "$DIST/edu/edu-*.wasm" "$MAX_EDU_GZIP" edu_
# The sign-in with the identity provider: only /signin/ loads it (the other apps read the
# session it leaves), so its budget is its own and small.
check_wasm signin "$DIST/signin/signin-*.wasm" "$MAX_SIGNIN_GZIP" signin_

# The signer worker (frontend/signer): only the signing page loads it, so it is not part of the
# main wasm's budget; it has its own (MAX_SIGNER_GZIP, 200 KB).
MAX_SIGNER_GZIP=${MAX_SIGNER_GZIP:-204800}
signer=$DIST/signer_bg.wasm
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
for f in "$DIST"/*.js "$DIST"/*.css "$DIST"/preschool/*.js "$DIST"/college/*.js "$DIST"/edu/*.js "$DIST"/signin/*.js; do
  printf 'frontend: %s  %d bytes raw, %d bytes gzip -9\n' "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done

if $record; then
  {
    echo "# The release wasm sizes (scripts/frontend.sh: gzip -9 and raw bytes): gzip/raw of the main"
    echo "# app (frontend/dist/frontend-*.wasm), preschool_gzip/preschool_raw of the kindergarten"
    echo "# service's app (frontend/dist/preschool/preschool-*.wasm), college_gzip/college_raw of the"
    echo "# college service's app (frontend/dist/college/college-*.wasm), edu_gzip/edu_raw of the"
    echo "# education department's app (frontend/dist/edu/edu-*.wasm), signin_gzip/signin_raw of the"
    echo "# sign-in with the identity provider (frontend/dist/signin/signin-*.wasm). scripts/frontend.sh fails"
    echo "# when one grows more than 1 KiB gzipped over its line; scripts/frontend.sh --record writes them."
    printf '%s\n' "${record_lines[@]}"
  } >"$RECORD"
  echo "frontend: recorded the sizes in $RECORD"
fi
if $failed; then
  exit 1
fi
