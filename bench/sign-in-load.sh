#!/usr/bin/env bash
# Sign-ins sent at the same moment (30, then 120) and 2,000 made-up live
# event-stream ids against the release server: peak and after memory,
# sign-ins per second beside the raw argon2id hash rate measured in the same
# run (see bench/README.md).
# Usage: bench/sign-in-load.sh [older voice binary to compare with]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p server --bin voice
if [ $# -ge 1 ]; then
  VOICE_BASELINE_BIN="$(realpath "$1")"
  export VOICE_BASELINE_BIN
fi
mkdir -p bench/results
out="bench/results/sign-in-load-$(date -u +%Y%m%dT%H%M%SZ).txt"
cargo bench -p server --bench sign_in_load 2>&1 | tee "$out"
echo "Saved to $out"
