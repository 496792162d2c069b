#!/usr/bin/env bash
# `make bench`: every benchmark, each printing its figures beside their references and goals
# (README, «Benchmarks»). Not part of `make test`: absolute figures need a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
status=0
for bench in bench-cold bench-rush bench-cost bench-site bench-papers; do
  printf '\n==> %s (%ss)\n' "$bench" "$(( $(date +%s) - start ))"
  scripts/$bench.sh || { echo "$bench: a goal was missed or the bench failed (exit $?)"; status=1; }
done
printf '\n==> benchmarks done in %ss\n' "$(( $(date +%s) - start ))"
exit $status
