#!/usr/bin/env bash
# The DynamoDB cost of one application's lifecycle (the functions' handlers on the DynamoDB
# adapter at a moto server, N applications) and the sweeps' pages over 100,000 open items (the
# embedded store). Builds bench-cost in the debug profile: its figures are counts (requests,
# capacity units, pages), not timings, so an optimised build would change nothing but the
# build time. Arguments go to bench-cost (--n, --open, --due, --lifecycle-only, --sweeps-only).
# Exit status 1 when a goal is missed. README, «Benchmarks».
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
cargo build -p bench-cost --locked
bin=${CARGO_TARGET_DIR:-target}/debug/bench-cost
status=0
scripts/with-moto "$bin" "$@" || status=$?
echo "bench-cost: $(( $(date +%s) - start )) s (build included)"
exit $status
