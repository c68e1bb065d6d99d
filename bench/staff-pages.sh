#!/usr/bin/env bash
# The HTML each staff page sends with a council's made-up data (`voice
# generate-data`: 820 young people over three years), largest first, for
# the build given (default: this checkout's debug build). Run it for two
# builds to compare them, e.g. the commit before a change and after:
#   bench/staff-pages.sh /tmp/voice-before    bench/staff-pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then voice=$1; else cargo build -q -p server; voice=target/debug/voice; fi
work=$(mktemp -d)
port=${VOICE_BENCH_PORT:-3190}
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
export DATABASE_URL="sqlite://$work/voice.db" VOICE_DEMO_PASSWORD="bench staff pages" \
  LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn
# The demo staff first: seed-demo works only in an empty database.
"$voice" seed-demo >/dev/null
"$voice" generate-data >/dev/null
"$voice" serve >"$work/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$base/help" >/dev/null && break; sleep 0.2; done

size_of() { # jar path
  curl -s -b "$1" "$base$2" | wc -c
}
sign_in() { # jar login
  curl -s -c "$1" -o /dev/null -H 'content-type: application/x-www-form-urlencoded' \
    --data-urlencode "login=$2" --data-urlencode "password=$VOICE_DEMO_PASSWORD" "$base/api/sign-in"
}

{
  sign_in "$work/admin" admin@voice.example
  for path in /admin/accounts /admin/audit /advocate /admin/right-to-rights /admin/promises /admin/forums; do
    echo "$(size_of "$work/admin" "$path") $path"
  done
  sign_in "$work/officer" officer@voice.example
  for path in /officer/promises /officer/quotes /officer/surveys /officer/reports /you-said-we-did; do
    echo "$(size_of "$work/officer" "$path") $path"
  done
  for survey in $(curl -s -b "$work/officer" "$base/officer/surveys" | grep -o '/officer/surveys/[0-9a-f]\{32\}' | sort -u); do
    echo "$(size_of "$work/officer" "$survey/results") $survey/results"
  done
  sign_in "$work/facilitator" facilitator@voice.example
  echo "$(size_of "$work/facilitator" /facilitator) /facilitator"
} | sort -rn | awk '{ printf "%9d bytes  %s\n", $1, $2 }'
