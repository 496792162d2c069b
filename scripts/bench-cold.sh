#!/usr/bin/env bash
# Cold start of every function (README, «Benchmarks»): each function's binary, built for this
# machine with the release profile of the Lambda builds, spawned against a Runtime API stand-in
# ≥ 30 times, beside the hello-world `lambda_runtime` binary of tests/bench-cold.
# (The arm64 bootstraps of `make release` cannot run here; the profile and code are the same.)
# CARGO_PROFILE=measure builds the same code with its symbols kept, for `perf`.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(-p bench-cold)
for manifest in functions/*/Cargo.toml; do
  packages+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -1)")
done
profile=${CARGO_PROFILE:-release}
bin_dir=${CARGO_TARGET_DIR:-target}/$profile
start=$SECONDS
cargo build --profile "$profile" --locked "${packages[@]}"
echo "bench-cold: build (profile $profile) in $(( SECONDS - start ))s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin_dir/bench-cold" --bin-dir "$bin_dir" --functions functions --runs "${RUNS:-30}"
