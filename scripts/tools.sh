#!/usr/bin/env bash
# Installs what the tests need and a fresh machine lacks; quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup component add rustfmt clippy >/dev/null 2>&1 || true
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# moto server (DynamoDB/SQS/S3 API), cfn-lint and the SAM CLI, in the project's own venv.
PY_PACKAGES=("moto[server]>=5.1,<6" "cfn-lint>=1.20" "aws-sam-cli>=1.120")
stamp=.venv/.installed-v1
if [ ! -f "$stamp" ]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet "${PY_PACKAGES[@]}"
  touch "$stamp"
fi
