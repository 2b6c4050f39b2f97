#!/usr/bin/env bash
# Runs every benchmark and prints each figure as a ratio to its baseline (see bench/README.md).
# Usage: bench/run.sh BUILD/src/cli/safeguard BUILD_DIR [--quick]
set -euo pipefail
safeguard=${1:?path to the safeguard binary}
build_dir=${2:?build directory}
quick=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
results="$here/results"
mkdir -p "$results"

echo "== Case record: insert and read child records (bench/store_bench.cc)"
"$build_dir/bench/store_bench" --benchmark_format=csv --benchmark_min_time=2 \
  > "$results/store.csv" 2> "$results/store.log"
awk -F, '
  /^"BM_/ { gsub(/"/, "", $1); rate[$1] = $(NF-5) > 0 ? $(NF-5) : 0; real[$1] = $3 }
  END {
    printf "  add child (validate + insert + audit, own transaction): %8.0f /s  = %.2f x bare SQLite insert\n",
      1e6 / real["BM_AddChild_CaseRecord"], real["BM_AddChild_BareSqlite"] / real["BM_AddChild_CaseRecord"]
    printf "  open child record (15 lists + audited read):            %8.0f /s  = %.3f x bare SQLite select\n",
      1e6 / real["BM_OpenChild_CaseRecord"], real["BM_FindChild_BareSqlite"] / real["BM_OpenChild_CaseRecord"]
    printf "  find child (store, read transaction):                   %8.0f /s  = %.2f x bare SQLite select\n",
      1e6 / real["BM_FindChild_Store"], real["BM_FindChild_BareSqlite"] / real["BM_FindChild_Store"]
  }' "$results/store.csv"

echo "== Demo authority generation (bench/demo_generation.sh)"
if [ "$quick" = "--quick" ]; then
  bash "$here/demo_generation.sh" "$safeguard" 612 8000
else
  bash "$here/demo_generation.sh" "$safeguard" 612 80000
fi
