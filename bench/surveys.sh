#!/usr/bin/env bash
# Survey submissions per second and p99 latency with 300 phones answering at
# once through an anonymous link, on SQLite and PostgreSQL, beside a bare
# axum handler doing one insert per call (same clients, same number of calls,
# same database) measured in the same run. Usage: bench/surveys.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_postgres
# 300 phones and the server share one process: one socket each way per phone.
ulimit -n 4096 2>/dev/null || true
mkdir -p bench/results
out="bench/results/surveys-$(date -u +%Y%m%dT%H%M%SZ).txt"
cargo bench -p server --bench survey_submissions 2>&1 | tee "$out"
echo "Saved to $out"
