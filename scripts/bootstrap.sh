#!/usr/bin/env bash
# Shared set-up for ./spdl and ./run-tests: install what is missing (Debian packages only),
# configure once, build incrementally. Safe to run again and again; fast when nothing changed.
set -euo pipefail

SPDL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPDL_BUILD="${SPDL_BUILD_DIR:-$SPDL_ROOT/build}"

SPDL_PACKAGES=(
  cmake g++ ninja-build ccache pkg-config
  lld  # links spdl's programs faster than GNU ld (CMakeLists.txt)
  tao-pegtl-dev libyaml-cpp-dev libfmt-dev catch2 libcli11-dev nlohmann-json3-dev
  libbenchmark-dev libgmp-dev libsimdjson-dev
  libboost-dev  # spdl serve's HTTP transport: Boost.Beast on Asio, header-only
  libjemalloc-dev  # the spdl program's allocator (cmake/SpdlDependencies.cmake)
  neovim  # the language server's editor test (tests/lsp/nvim_test.lua)
  man-db  # tests/docs renders the generated manual page with `man -l`
  libjs-codemirror  # the workbench's editor, served by `spdl serve` at /codemirror/
  chromium  # the browser tests (tests/browser) drive it with playwright-core
)
# Node and npm run the editor grammar test (tests/editors); a machine that has them already keeps its own.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  SPDL_PACKAGES+=(nodejs npm)
fi

spdl_log() { printf '%s\n' "spdl: $*" >&2; }

spdl_install_missing() {
  local missing=()
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      spdl_log "missing packages: ${missing[*]}; run as root or install them with apt-get"
      exit 1
    fi
  fi
  spdl_log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

spdl_configure() {
  local werror="${SPDL_WERROR:-OFF}"
  local sanitize="${SPDL_SANITIZE:-OFF}"
  local unity="${SPDL_UNITY:-OFF}"
  local args=(-S "$SPDL_ROOT" -B "$SPDL_BUILD" -DSPDL_WERROR="$werror" -DSPDL_SANITIZE="$sanitize"
              -DSPDL_UNITY="$unity")
  if [ ! -f "$SPDL_BUILD/CMakeCache.txt" ]; then
    spdl_log "configuring $SPDL_BUILD"
    cmake "${args[@]}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  elif ! grep -q "^SPDL_WERROR:BOOL=$werror\$" "$SPDL_BUILD/CMakeCache.txt" ||
       ! grep -q "^SPDL_SANITIZE:BOOL=$sanitize\$" "$SPDL_BUILD/CMakeCache.txt" ||
       ! grep -q "^SPDL_UNITY:BOOL=$unity\$" "$SPDL_BUILD/CMakeCache.txt"; then
    cmake "${args[@]}" >/dev/null
  fi
}

spdl_build() {
  spdl_install_missing "${SPDL_PACKAGES[@]}"
  spdl_configure
  cmake --build "$SPDL_BUILD" --parallel "$(nproc)" "$@"
}

# The tests' Node packages (tests/package-lock.json) into tests/node_modules, when they are missing
# or older than the package files; a stamp in node_modules records the last install.
spdl_npm_install() {
  local tests="$SPDL_ROOT/tests"
  local stamp="$tests/node_modules/.spdl-npm-stamp"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$tests/package-lock.json" ] && [ "$stamp" -nt "$tests/package.json" ]; then
    return 0
  fi
  spdl_log "installing the tests' Node packages (npm ci)"
  npm ci --prefix "$tests" --no-audit --no-fund >/dev/null
  touch "$stamp"
}
