# shellcheck shell=bash
# Source me (`. scripts/frontend-env.sh`) to put the frontend's tools on PATH: trunk,
# wasm-bindgen (the version of Cargo.lock), and tests/browser/node_modules/.bin (wasm-opt of
# binaryen, playwright-core). scripts/frontend-tools.sh installs them; this file only sets
# variables. The tools live outside the clone, in $QABYLDAU_TOOLS.
#
# Sets: QABYLDAU_REPO, QABYLDAU_TOOLS, TRUNK_VERSION, WASM_BINDGEN_VERSION, PATH.

QABYLDAU_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export QABYLDAU_REPO
export QABYLDAU_TOOLS=${QABYLDAU_TOOLS:-$HOME/.cache/qabyldau-tools}
export TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock (the schema is versioned).
WASM_BINDGEN_VERSION=$(awk '
  $0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }
' "$QABYLDAU_REPO/Cargo.lock")
export WASM_BINDGEN_VERSION
# Never let anything under tests/browser fetch a browser: the tests drive Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Prepended, so that another trunk, wasm-bindgen or wasm-opt on the machine does not win (trunk
# refuses a wasm-opt or wasm-bindgen of another version than Trunk.toml pins when offline).
for _qabyldau_dir in \
  "$QABYLDAU_REPO/tests/browser/node_modules/.bin" \
  "$QABYLDAU_TOOLS/wasm-bindgen-$WASM_BINDGEN_VERSION/bin" \
  "$QABYLDAU_TOOLS/trunk-$TRUNK_VERSION/bin"; do
  case ":$PATH:" in
    *":$_qabyldau_dir:"*) ;;
    *) PATH="$_qabyldau_dir:$PATH" ;;
  esac
done
unset _qabyldau_dir
export PATH
