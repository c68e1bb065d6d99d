#!/usr/bin/env bash
# Time to build a voice report over a million survey answers and about
# 200,000 promise ratings (the seeded generator's bench scale), on SQLite
# and on PostgreSQL, beside the same aggregates as hand-written SQL run in
# the same run. PostgreSQL: VOICE_TEST_POSTGRES_URL, as for the tests.
# Usage: bench/reports.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out="bench/results/reports-$(date -u +%Y%m%dT%H%M%SZ).txt"
cargo bench -p server --bench report_build 2>&1 | tee "$out"
echo "Saved to $out"
