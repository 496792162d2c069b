#!/usr/bin/env bash
# Installs what building the site and the browser tests need; quick when everything is there.
# Non-interactive (CI, fresh Debian, root). Everything cargo builds is cached OUTSIDE the clone
# in $QABYLDAU_TOOLS (default ~/.cache/qabyldau-tools), one directory per tool and version:
#   trunk-0.21.14/bin/trunk           cargo install (about 11 minutes the first time)
#   wasm-bindgen-X/bin/wasm-bindgen   X = the wasm-bindgen of Cargo.lock (a few minutes)
# plus the wasm32-unknown-unknown target, tests/browser/node_modules (`npm ci`: playwright-core
# and binaryen's wasm-opt) and Debian's chromium. Afterwards `. scripts/frontend-env.sh` puts
# the tools on PATH (scripts/frontend.sh and scripts/test.sh do that themselves).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/frontend-env.sh
. scripts/frontend-env.sh

say() { printf 'frontend-tools: %s\n' "$*"; }
die() { printf 'frontend-tools: ERROR: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# --- the wasm-bindgen pin: Cargo.lock, frontend/Trunk.toml and the CLI must agree --------------
[ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen in Cargo.lock"
n=$(grep -cx 'name = "wasm-bindgen"' Cargo.lock)
[ "$n" = 1 ] || die "Cargo.lock has $n versions of wasm-bindgen; the frontend needs exactly one"
pinned=$(sed -n 's/^wasm_bindgen *= *"\([^"]*\)".*/\1/p' frontend/Trunk.toml)
if [ "$pinned" != "$WASM_BINDGEN_VERSION" ]; then
  die "frontend/Trunk.toml pins wasm_bindgen = \"$pinned\" but Cargo.lock has wasm-bindgen $WASM_BINDGEN_VERSION; set [tools] wasm_bindgen = \"$WASM_BINDGEN_VERSION\" in frontend/Trunk.toml (or pin wasm-bindgen back in Cargo.lock)"
fi
wasm_opt_pin=$(sed -n 's/^wasm_opt *= *"\([^"]*\)".*/\1/p' frontend/Trunk.toml)

mkdir -p "$QABYLDAU_TOOLS"

# cargo_tool NAME VERSION CRATE [cargo install flags]: installs CRATE into $QABYLDAU_TOOLS/NAME-VERSION
# unless `NAME --version` there already reports VERSION. A lock per directory makes concurrent
# runs (two checkouts, two CI jobs on one runner) wait for one install instead of racing.
cargo_tool() {
  local name=$1 version=$2 crate=$3 root bin
  shift 3
  root=$QABYLDAU_TOOLS/$name-$version
  bin=$root/bin/$name
  have() { [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "$name $version" ]; }
  have && return 0
  (
    exec 9>"$QABYLDAU_TOOLS/.$name-$version.lock"
    flock 9
    have && exit 0
    say "installing $crate $version into $root (cargo install, takes minutes)"
    local s=$SECONDS
    cargo install "$crate" --version "$version" --root "$root" "$@"
    say "installed $name $version in $(( SECONDS - s ))s"
  )
  have || die "$bin does not report '$name $version' after installing"
}

# --locked: trunk's published Cargo.lock. Without it cargo picks newer parcel_selectors/cssparser
# that lightningcss 1.0.0-alpha.65 does not compile against.
cargo_tool trunk "$TRUNK_VERSION" trunk --locked
# Not --locked: as the wasm-bindgen docs install it.
cargo_tool wasm-bindgen "$WASM_BINDGEN_VERSION" wasm-bindgen-cli

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing the rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# --- chromium (Debian's; playwright-core never downloads a browser) ---------------------------
if [ ! -x /usr/bin/chromium ]; then
  say "installing chromium and chromium-driver (apt-get)"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y \
    chromium chromium-driver
fi

# --- node and tests/browser/node_modules ------------------------------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "installing nodejs and npm (apt-get)"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old: playwright-core needs >= 20 (Debian 12 ships 18: use NodeSource or Debian 13)"

# npm ci when node_modules is missing or was installed from another package-lock.json or Node.
stamp=tests/browser/node_modules/.qabyldau-installed
want="$(sha256sum tests/browser/package-lock.json | cut -d' ' -f1) node-$node_major"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing tests/browser/node_modules (npm ci: playwright-core, binaryen)"
  (cd tests/browser && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
fi

got=$(wasm-opt --version 2>/dev/null | awk '{print "version_" $3}')
[ "$got" = "$wasm_opt_pin" ] || die "wasm-opt on PATH is $got ($(command -v wasm-opt)), frontend/Trunk.toml pins $wasm_opt_pin; align binaryen in tests/browser/package.json"

say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $got, node $(node --version), $(/usr/bin/chromium --version 2>/dev/null)"
say "PATH additions (or: . scripts/frontend-env.sh):"
say "  $QABYLDAU_TOOLS/trunk-$TRUNK_VERSION/bin"
say "  $QABYLDAU_TOOLS/wasm-bindgen-$WASM_BINDGEN_VERSION/bin"
say "  $QABYLDAU_REPO/tests/browser/node_modules/.bin"
