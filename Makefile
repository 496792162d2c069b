# Qabyldau: `make run` serves the whole system locally; `make test` checks everything.
.PHONY: run test build fmt lint clean frontend release bench

PORT ?= 8080

run: frontend
	cargo build -p qabyldau-local
	./target/debug/qabyldau-local --dev --port $(PORT) --data-dir .data

test:
	scripts/test.sh

build:
	cargo build --workspace

# Every function for Lambda on arm64 (cargo-lambda and Zig, cached outside the clone; not in `make test`).
release:
	scripts/release.sh

# The benchmarks, each figure beside its reference (README, «Benchmarks»; not in `make test`).
bench:
	scripts/bench.sh

# The site in frontend/dist (trunk; tools cached in ~/.cache/qabyldau-tools, first run ~15 min).
frontend:
	scripts/frontend-tools.sh
	scripts/frontend.sh

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --all-targets -- -D warnings

clean:
	rm -rf .data target
