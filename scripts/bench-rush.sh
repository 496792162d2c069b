#!/usr/bin/env bash
# The opening-day rush and the lifecycle throughput (README, «Benchmarks»): builds the local
# runner and the bench in release, then `bench-rush` starts the runner in dev mode on the
# embedded store (a temporary data dir, a free loopback port), fires the rush, measures the
# store's own rate of the same transaction, runs the lifecycle and reads everything back.
# Extra arguments go to bench-rush (--submissions, --concurrency, --schools, --one-school,
# --lifecycle-schools, --lifecycle-per-school). Exit 0: every goal met; 2: a goal missed.
# PROFILE=1 records the run with `perf` (the runner and the bench; profile `runner` keeps the
# symbols) and prints, for the rush and for the lifecycle alone, the own time by binary and the
# top frames.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
target=${CARGO_TARGET_DIR:-target}
cargo build --profile runner --locked -p qabyldau-local -p bench
built=$(date +%s)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
run=("$target/runner/bench-rush" --runner "$target/runner/qabyldau-local" "$@")
if [ "${PROFILE:-}" = 1 ]; then
  # Samples stamped with the monotonic clock: the bench prints each phase's window on it.
  perf record -k CLOCK_MONOTONIC -F 299 -o "$target/runner/rush.perf" -- "${run[@]}" | tee "$target/runner/rush.out" || status=$?
  report() {
    perf report -i "$target/runner/rush.perf" --no-children --stdio -g none "$@" 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | sed 's/[[:space:]-]*$//' | cut -c1-150
  }
  while read -r _ phase from to; do
    echo "== $phase: own time by binary (the runner is qabyldau-local, the load generator bench-rush)"
    report --time "$from,$to" --sort dso --percent-limit 0.5 | head -15 || true
    echo "== $phase: top frames by own time"
    report --time "$from,$to" --sort dso,symbol --percent-limit 0.7 | head -40 || true
  done < <(grep '^window ' "$target/runner/rush.out")
else
  "${run[@]}" || status=$?
fi
echo "bench-rush.sh: ${status} (build $((built - start)) s, bench $(( $(date +%s) - built )) s, total $(( $(date +%s) - start )) s)"
exit $status
