#!/usr/bin/env bash
# Times `safeguard demo` at the default size and at a large size, and prints the large run's time as a
# ratio to the default run's time and to perfect linear scaling.
# Usage: bench/demo_generation.sh SAFEGUARD SMALL_CHILDREN_IN_CARE LARGE_CHILDREN_IN_CARE
set -euo pipefail
safeguard=${1:?path to safeguard}
small=${2:-612}
large=${3:-80000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

time_demo() {
  local children=$1 db="$work/demo-$1.db" start end
  start=$(date +%s.%N)
  "$safeguard" demo --db "$db" --children-in-care "$children" --seed 7 > /dev/null
  end=$(date +%s.%N)
  local seconds
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  local size_mb
  size_mb=$(du -m "$db" | cut -f1)
  local looked_after
  looked_after=$("$safeguard" summary --db "$db" --format json | grep '"children_looked_after"' | tr -dc '0-9')
  printf '  %6d children in care: %7.1f s, %6d MB, %d looked after at the end date\n' \
    "$children" "$seconds" "$size_mb" "$looked_after" >&2
  echo "$seconds"
}

small_seconds=$(time_demo "$small")
large_seconds=$(time_demo "$large")
echo "$small_seconds $large_seconds $small $large" | awk '{
  ratio = $2 / $1; linear = $4 / $3;
  printf "  large/default time ratio: %.1f (linear scaling would be %.1f; efficiency %.2f)\n", ratio, linear, linear / ratio }'
