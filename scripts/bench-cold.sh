#!/usr/bin/env bash
# Cold start of every function (README, «Benchmarks»): each function's release binary, built for
# this machine with the release profile of the Lambda builds (profile `measure`: the same, with
# its symbols kept), spawned against a Runtime API stand-in ≥ 30 times, beside the hello-world `lambda_runtime` binary of tests/bench-cold.
# (The arm64 bootstraps of `make release` cannot run here; the profile and code are the same.)
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(-p bench-cold)
for manifest in functions/*/Cargo.toml; do
  packages+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -1)")
done
start=$SECONDS
cargo build --profile measure --locked "${packages[@]}"
echo "bench-cold: build (profile measure) in $(( SECONDS - start ))s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"${CARGO_TARGET_DIR:-target}/measure/bench-cold" --bin-dir "${CARGO_TARGET_DIR:-target}/measure" --functions functions --runs "${RUNS:-30}"
