#!/usr/bin/env bash
# Foundation figures: release download sizes, the bytes of a first visit to
# /sign-in, process start to first page, and sign-ins per second with the
# OWASP argon2id parameters. Every figure is printed beside a baseline taken
# in the same run (see bench/README.md). Usage: bench/foundation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

ensure_wasm_target
ensure_cargo_leptos
ensure_npm_packages
ensure_chromium
ensure_brotli
ensure_postgres
command -v wrk >/dev/null || apt_install wrk

cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release
mkdir -p bench/results
out="bench/results/foundation-$(date -u +%Y%m%dT%H%M%SZ).txt"
python3 bench/foundation.py | tee "$out"
echo "Saved to $out"
