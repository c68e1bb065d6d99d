# Installs what Voice needs to build and test, skipping whatever is already
# there at the right version. Sourced by scripts/run and scripts/test.
# Versions: see ../shared/TOOLCHAIN.md (nothing may download its own binaries).

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -q
    apt_updated=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    rustup target add wasm32-unknown-unknown
}

ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    echo "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 12 minutes, once per machine)..."
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

ensure_node() {
  command -v npm >/dev/null || apt_install nodejs npm
}

# npm packages: Playwright, axe-core and binaryen's wasm-opt (for release builds).
ensure_npm_packages() {
  ensure_node
  if [ ! -x end2end/node_modules/.bin/playwright ] || [ end2end/package-lock.json -nt end2end/node_modules ]; then
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
  # cargo-leptos finds wasm-opt on PATH.
  export PATH="$PWD/end2end/node_modules/.bin:$PATH"
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

ensure_brotli() {
  command -v brotli >/dev/null || apt_install brotli
}

# The tests need a PostgreSQL server: the machine's own, started if it is down.
ensure_postgres() {
  local url="${VOICE_TEST_POSTGRES_URL:-postgres://root@127.0.0.1:5432/test}"
  export VOICE_TEST_POSTGRES_URL="$url"
  if ! command -v pg_isready >/dev/null; then
    apt_install postgresql
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if [ -d /etc/postgresql ]; then
      as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
    fi
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 1
  done
  echo "PostgreSQL is not answering on 127.0.0.1:5432; the tests need it (set VOICE_TEST_POSTGRES_URL to use another)." >&2
  return 1
}
