#!/usr/bin/env bash
# Everything `make test` checks: formatting, lints, the domain on wasm32, unit and property
# tests, the store and queue contract suites on both adapters (moto server for DynamoDB/SQS),
# the black-box API tests on both stores, the site (build, wasm size, browser tests), the SAM
# template, and that no runner's log of the run holds a whole IIN (tests/output/logs).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
# A fresh clone (CI) builds once: incremental state is ~3 GB more disk (and writes) for no later use.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi
step() { printf '\n==> %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "tools"
scripts/tools.sh

step "rustfmt"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "domain and the web app on wasm32"
cargo check -p domain --target wasm32-unknown-unknown --locked
cargo clippy -p frontend -p preschool-site -p college-site -p edu-site -p signin-site --target wasm32-unknown-unknown --locked -- -D warnings

step "build"
cargo build --workspace --all-targets --locked

step "frontend (build, size)"
scripts/frontend-tools.sh
scripts/frontend.sh

# This run's runner logs only: the API tests, the walkthrough and the browser tests keep theirs
# here, and the last step reads them.
logs=tests/output/logs
rm -rf "$logs"
mkdir -p "$logs"

step "tests (unit, property, contract on both adapters, API on both stores)"
scripts/with-moto cargo test --workspace --locked

step "walkthrough against a fresh dev runner"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
./target/debug/qabyldau-local --dev --port "$port" --data-dir "$data" >"$logs/walkthrough-runner.log" 2>&1 &
runner=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health" 2>/dev/null && break; sleep 0.1; done
if ! python3 scripts/walkthrough.py "http://127.0.0.1:$port" >"$data/walkthrough.log" 2>&1; then
  cat "$data/walkthrough.log"; tail -20 "$logs/walkthrough-runner.log"; kill $runner; exit 1
fi
tail -1 "$data/walkthrough.log"
kill $runner; rm -rf "$data"

step "browser tests"
node tests/browser/run.mjs --runner target/debug/qabyldau-local --dist frontend/dist

step "template"
VENV=.venv bash infra/check-template.sh

step "no whole IIN in the runners' logs"
python3 scripts/check-logs.py --self-test
python3 scripts/check-logs.py "$logs"

step "done in $(( $(date +%s) - start ))s"
