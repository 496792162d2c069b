#!/usr/bin/env bash
# The opening-day rush and the lifecycle throughput (README, «Benchmarks»): builds the local
# runner and the bench in release, then `bench-rush` starts the runner in dev mode on the
# embedded store (a temporary data dir, a free loopback port), fires the rush, measures the
# store's own rate of the same transaction, runs the lifecycle and reads everything back.
# Extra arguments go to bench-rush (--submissions, --concurrency, --schools, --one-school,
# --lifecycle-schools, --lifecycle-per-school). Exit 0: every goal met; 2: a goal missed.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
target=${CARGO_TARGET_DIR:-target}
cargo build --release --locked -p qabyldau-local -p bench
built=$(date +%s)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
"$target/release/bench-rush" --runner "$target/release/qabyldau-local" "$@" || status=$?
echo "bench-rush.sh: ${status} (build $((built - start)) s, bench $(( $(date +%s) - built )) s, total $(( $(date +%s) - start )) s)"
exit $status
