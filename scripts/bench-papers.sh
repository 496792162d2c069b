#!/usr/bin/env bash
# How long a paper takes to make (README, «Benchmarks»): every paper rendered from sample data
# in the release profile, first and then 30 times, against the goal of 200 ms. Exit 2: missed.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cargo build --profile measure --locked -p papers --example render-bench
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$target/measure/examples/render-bench"
