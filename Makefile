# Qabyldau: `make run` serves the whole system locally; `make test` checks everything.
.PHONY: run test build fmt lint clean

PORT ?= 8080

run:
	cargo build -p qabyldau-local
	./target/debug/qabyldau-local --dev --port $(PORT) --data-dir .data

test:
	scripts/test.sh

build:
	cargo build --workspace

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --all-targets -- -D warnings

clean:
	rm -rf .data target
