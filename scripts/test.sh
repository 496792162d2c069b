#!/usr/bin/env bash
# Everything `make test` checks: formatting, lints, the domain on wasm32, unit and property
# tests, the store and queue contract suites on both adapters (moto server for DynamoDB/SQS),
# the black-box API tests on both stores, and the SAM template.
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

step "domain on wasm32"
cargo check -p domain --target wasm32-unknown-unknown --locked

step "build"
cargo build --workspace --all-targets --locked

step "tests (unit, property, contract on both adapters, API on both stores)"
scripts/with-moto cargo test --workspace --locked

step "template"
VENV=.venv bash infra/check-template.sh

step "done in $(( $(date +%s) - start ))s"
