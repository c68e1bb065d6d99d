#!/usr/bin/env bash
# What a first visit costs (issue 14): bytes on the wire per page and type,
# time to ready on a throttled phone beside a static page of the same size,
# Lighthouse mobile, and how fast the static files come. Builds this
# checkout's release; given an older checkout (a git worktree of an older
# commit), builds that too and measures both in the same run. See
# bench/README.md. Usage: bench/first-visit.sh [OLD_CHECKOUT]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

old="${1:-}"
if [ -n "$old" ]; then
  old="$(cd "$old" && pwd)"
fi

ensure_wasm_target
ensure_cargo_leptos
ensure_npm_packages
ensure_chromium
command -v curl >/dev/null || apt_install curl
command -v wrk >/dev/null || apt_install wrk
# Lighthouse, pinned in bench/package-lock.json.
if [ ! -x bench/node_modules/.bin/lighthouse ] || [ bench/package-lock.json -nt bench/node_modules ]; then
  (cd bench && npm ci --no-audit --no-fund)
fi

# At most two compile jobs at a time (the machine is shared).
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
build() {
  echo "Building the release in $1..." >&2
  (cd "$1" && { cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release; })
}
build "$PWD"
[ -z "$old" ] || build "$old"

mkdir -p bench/results
stem="bench/results/first-visit-$(date -u +%Y%m%dT%H%M%SZ)"
python3 bench/first-visit.py "$stem" ${old:+"$old"} | tee "$stem.txt"
echo "Saved to $stem.txt (raw figures in $stem.json, Lighthouse reports and server logs beside it)"
