#!/usr/bin/env bash
# `make release`: every function of functions/ built for Lambda on arm64 (Graviton) with
# cargo-lambda and Zig (no Docker), then each bootstrap's size against the 8 MB goal
# (README, «Release builds»). `cargo bloat` tells what a function over it is made of:
#   scripts/release.sh --bloat NAME
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/release-tools.sh
export QABYLDAU_TOOLS=${QABYLDAU_TOOLS:-$HOME/.cache/qabyldau-tools}
export PATH="$QABYLDAU_TOOLS/cargo-lambda-1.9.2/bin:$QABYLDAU_TOOLS/cargo-bloat-0.12.1/bin:$PWD/.venv/bin:$PATH"
GOAL=$((8 * 1000 * 1000))

if [ "${1:-}" = "--bloat" ]; then
  cargo bloat --release -p "$2" --crates -n 25
  exit
fi

packages=()
for manifest in functions/*/Cargo.toml; do
  packages+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -1)")
done
start=$SECONDS
cargo lambda build --release --arm64 --locked "${packages[@]}"
echo "release: built $(( ${#packages[@]} / 2 )) functions' bootstraps in $(( SECONDS - start ))s"

over=0
printf '%-20s %12s %8s\n' binary bytes MB
for bootstrap in target/lambda/*/bootstrap; do
  name=$(basename "$(dirname "$bootstrap")")
  size=$(stat -c %s "$bootstrap")
  flag=""
  if [ "$size" -gt "$GOAL" ]; then flag=" over the 8 MB goal"; over=1; fi
  printf '%-20s %12d %8.2f%s\n' "$name" "$size" "$(echo "$size / 1000000" | bc -l)" "$flag"
done
file "$(ls target/lambda/*/bootstrap | head -1)" | sed 's/^/release: /'
exit $over
