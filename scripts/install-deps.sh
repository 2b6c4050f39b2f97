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
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
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
