#!/usr/bin/env bash
# Installs every Debian package Safeguard needs to build, test and run.
# Idempotent: packages already present are skipped, and nothing is fetched when all are there.
# Usage: scripts/install-deps.sh        (as root, or with sudo available)
set -euo pipefail

packages=(
  # toolchain
  g++ make cmake pkg-config git clang-format
  # libraries (see shared design: one Debian package per need, nothing vendored)
  libboost1.81-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libsodium-dev libssl-dev
  libcli11-dev libspdlog-dev libfmt-dev libpugixml-dev libxml2-dev libkainjow-mustache-dev
  libxlsxwriter-dev libhowardhinnant-date-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev  # libFuzzer targets of the 903 readers (fuzz/)
  # the web UI's browser tests drive Debian's Chromium (playwright-core never downloads a browser)
  chromium
)
# Node.js runs `npm ci` (GOV.UK Frontend, uPlot, playwright-core, axe-core). Machines that already have
# a Node.js (e.g. from NodeSource, with npm bundled) keep it: Debian's npm package would conflict.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

# The npm packages of package-lock.json, into node_modules/ beside it, when missing or older than
# the lock file (npm writes node_modules/.package-lock.json on every install).
install_npm_packages() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local stamp="$root/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ ! "$root/package-lock.json" -nt "$stamp" ]; then
    echo "install-deps: npm packages present"
    return 0
  fi
  echo "install-deps: npm ci (GOV.UK Frontend, uPlot, playwright-core, axe-core)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "install-deps: Node.js $(node --version) is older than 20, which playwright-core needs" >&2
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_npm_packages
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_npm_packages
