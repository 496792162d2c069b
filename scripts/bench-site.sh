#!/usr/bin/env bash
# The site's benchmark (README, «Benchmarks»): each app's wasm gzipped, and the landing page's
# time to interactive in headless Chromium under the bench's throttling profile against the
# same page as plain static HTML (tests/browser/bench/site.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/frontend-tools.sh >/dev/null
scripts/frontend.sh | grep -E 'wasm \(|limit' || true
cargo build --locked -p qabyldau-local
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
./target/debug/qabyldau-local --dev --port "$port" --data-dir "$data" --static-dir frontend/dist >"$data/runner.log" 2>&1 &
runner=$!
trap 'kill $runner 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health" 2>/dev/null && break; sleep 0.1; done
echo "bench-site: load average $(cut -d' ' -f1-3 /proc/loadavg)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node tests/browser/bench/site.mjs --base "http://127.0.0.1:$port" --dist frontend/dist --runs "${RUNS:-7}"
