#!/usr/bin/env bash
# Runs the SSDA903 reader fuzz targets for longer than `make test` does (default 300 s each),
# with the same memory bounds. Built by the main build when clang is present (fuzz/CMakeLists.txt).
# Usage: bench/ssda903/fuzz.sh BUILD_DIR [SECONDS]
set -euo pipefail
build_dir=${1:?build directory}
seconds=${2:-300}
here=$(cd "$(dirname "$0")/../.." && pwd)
for target in 903_csv 903_xml; do
  binary="$build_dir/fuzz/fuzz_$target"
  [ -x "$binary" ] || { echo "no $binary (is clang installed?)" >&2; exit 1; }
  scratch=$(mktemp -d)
  echo "== fuzz_$target for $seconds s"
  "$binary" -max_total_time="$seconds" -rss_limit_mb=512 -malloc_limit_mb=256 -max_len=65536 \
    -timeout=10 -print_final_stats=1 "$scratch" "$here/fuzz/corpus/$target" 2>&1 | tail -12
  rm -rf "$scratch"
done
