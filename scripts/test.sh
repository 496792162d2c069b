#!/usr/bin/env bash
# Everything `make test` checks: formatting, lints, the domain on wasm32, unit and property
# tests, the store and queue contract suites on both adapters (moto server for DynamoDB/SQS),
# the black-box API tests on both stores, the site (build, wasm size, browser tests), and the
# SAM template.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "tools"
scripts/tools.sh

step "rustfmt"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "domain and the web app on wasm32"
cargo check -p domain --target wasm32-unknown-unknown --locked
cargo clippy -p frontend --target wasm32-unknown-unknown --locked -- -D warnings

step "build"
cargo build --workspace --all-targets --locked

step "frontend (build, size)"
scripts/frontend-tools.sh
scripts/frontend.sh

step "tests (unit, property, contract on both adapters, API on both stores)"
scripts/with-moto cargo test --workspace --locked

step "walkthrough against a fresh dev runner"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
./target/debug/qabyldau-local --dev --port "$port" --data-dir "$data" >"$data/runner.log" 2>&1 &
runner=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health" 2>/dev/null && break; sleep 0.1; done
if ! python3 scripts/walkthrough.py "http://127.0.0.1:$port" >"$data/walkthrough.log" 2>&1; then
  cat "$data/walkthrough.log"; tail -20 "$data/runner.log"; kill $runner; exit 1
fi
tail -1 "$data/walkthrough.log"
kill $runner; rm -rf "$data"

step "browser tests"
node tests/browser/run.mjs --runner target/debug/qabyldau-local --dist frontend/dist

step "template"
VENV=.venv bash infra/check-template.sh

step "done in $(( $(date +%s) - start ))s"
