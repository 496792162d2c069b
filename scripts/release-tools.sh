#!/usr/bin/env bash
# Installs what `make release` needs and a fresh machine lacks: cargo-lambda (cargo install,
# about 14 minutes the first time) and cargo-bloat, cached OUTSIDE the clone in
# $QABYLDAU_TOOLS (default ~/.cache/qabyldau-tools) like the site's tools; Zig from PyPI's
# `ziglang` into the project's .venv (cargo-lambda links arm64 with it: no Docker); the
# aarch64-unknown-linux-gnu rust target.
set -euo pipefail
cd "$(dirname "$0")/.."
export QABYLDAU_TOOLS=${QABYLDAU_TOOLS:-$HOME/.cache/qabyldau-tools}
CARGO_LAMBDA_VERSION=1.9.2
CARGO_BLOAT_VERSION=0.12.1
say() { printf 'release-tools: %s\n' "$*"; }

tool() {
  local name=$1 version=$2 bin=$QABYLDAU_TOOLS/$1-$2/bin/$1
  if [ -x "$bin" ]; then return 0; fi
  (
    exec 9>"$QABYLDAU_TOOLS/.$name-$version.lock"
    flock 9
    [ -x "$bin" ] && exit 0
    say "installing $name $version (cargo install --locked, takes minutes)"
    s=$SECONDS
    cargo install "$name" --version "$version" --locked --root "$QABYLDAU_TOOLS/$name-$version"
    say "installed $name $version in $(( SECONDS - s ))s"
  )
}
mkdir -p "$QABYLDAU_TOOLS"
tool cargo-lambda "$CARGO_LAMBDA_VERSION"
tool cargo-bloat "$CARGO_BLOAT_VERSION"

[ -x .venv/bin/python ] || python3 -m venv .venv
if ! .venv/bin/python -m ziglang version >/dev/null 2>&1; then
  say "installing ziglang into .venv (pip)"
  .venv/bin/pip install --quiet "ziglang==0.14.1"
fi
if ! rustup target list --installed | grep -qx aarch64-unknown-linux-gnu; then
  rustup target add aarch64-unknown-linux-gnu
fi
say "ready: $("$QABYLDAU_TOOLS/cargo-lambda-$CARGO_LAMBDA_VERSION/bin/cargo-lambda" lambda --version), zig $(.venv/bin/python -m ziglang version)"
