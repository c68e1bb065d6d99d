#!/usr/bin/env bash
# A live session with 500 phones connected: answer-to-projector time (p50,
# p95), answers accepted per second with every phone answering at once, and
# the server's memory idle, connected and after the load, on SQLite, beside
# a bare axum server (one table, an event stream fed by a broadcast channel,
# an insert per answer) measured the same way in the same run.
# Usage: bench/live.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# Each phone holds two sockets (its event stream and its answers), in the
# bench and again in the server process.
ulimit -n 4096 2>/dev/null || true
mkdir -p bench/results
out="bench/results/live-$(date -u +%Y%m%dT%H%M%SZ).txt"
cargo bench -p server --bench live_session 2>&1 | tee "$out"
echo "Saved to $out"
