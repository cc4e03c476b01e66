#!/usr/bin/env bash
# Runs every test: unit, simulator scenarios and real agent processes over UDP on loopback.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B verify "$@"
