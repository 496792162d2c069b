#!/usr/bin/env bash
# Checks the SAM template: cfn-lint, `sam validate --lint`, then infra/check-stack.py (the
# stack created on a moto server of its own, read back; least privilege). Offline: none needs
# AWS. Uses the tools of the venv in $VENV (default .venv, relative to the repository root),
# which scripts/tools.sh fills; this script installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
template=infra/template.yaml

for tool in cfn-lint sam; do
  if [ ! -x "$VENV/bin/$tool" ]; then
    echo "check-template: $VENV/bin/$tool not found; run scripts/tools.sh (or set VENV)" >&2
    exit 1
  fi
done

# Nothing here talks to AWS. `sam validate --lint` (SAM CLI 1.170) needs neither credentials
# nor a region, but dummy credentials and a fixed region make sure a developer's real profile
# is never picked up and keep older SAM CLI versions (which resolved credentials) offline.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_SESSION_TOKEN=test
export AWS_DEFAULT_REGION=eu-central-1 AWS_REGION=eu-central-1
export SAM_CLI_TELEMETRY=0 SAM_CLI_CONTACT_TELEMETRY=0
unset AWS_PROFILE
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

echo "cfn-lint $template"
"$VENV/bin/cfn-lint" "$template"

echo "sam validate --lint $template"
"$VENV/bin/sam" validate --lint -t "$template" --region eu-central-1

echo "check-stack.py (moto)"
"$VENV/bin/python" infra/check-stack.py

echo "template: clean"
