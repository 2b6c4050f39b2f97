#!/usr/bin/env bash
# SSDA903 validation at England's size: generates a synthetic return (80,000 children, about
# 300,000 episodes; bench/ssda903/generate_return.cc), then times `safeguard returns validate-903`
# over it with every rule of the year, and reports rows per second.
# Usage: bench/ssda903/run.sh BUILD_DIR [CHILDREN] [YEAR]
# The timing baseline is reading the same files alone (`cat`), so the figure carries across
# machines as a ratio; the seconds are printed too, wall and CPU (user + sys, both threads: the
# better guide when other work shares the cores). SAFEGUARD_903_TIMINGS=N in the environment
# makes the command also print its N slowest rules on stderr.
set -euo pipefail
build_dir=${1:?build directory}
children=${2:-80000}
year=${3:-2025}
safeguard="$build_dir/src/cli/safeguard"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build_dir/bench/ssda903/ssda903_generate" --out "$work/return" --children "$children" --year "$year"
rows=$(cat "$work"/return/*.csv | wc -l)
episodes=$(($(wc -l < "$work/return/episodes.csv") - 1))

start=$(date +%s.%N)
cat "$work"/return/*.csv > /dev/null
baseline=$(echo "$(date +%s.%N) - $start" | bc)

best=""
best_cpu=""
for run in 1 2 3; do
  start=$(date +%s.%N)
  set +e
  /usr/bin/time -f "%U %S" -o "$work/cpu.txt" \
    "$safeguard" returns validate-903 "$work/return" --year "$year" --out "$work/failures.csv" \
    > "$work/summary.txt" 2> "$work/stderr.txt"
  code=$?
  set -e
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  if [ "$code" -ge 2 ]; then cat "$work/stderr.txt"; exit 1; fi
  cpu=$(tail -n 1 "$work/cpu.txt" | awk '{print $1 + $2}')  # time adds a line first on exit 1
  if [ -z "$best" ] || [ "$(echo "$elapsed < $best" | bc)" = 1 ]; then best=$elapsed; fi
  if [ -z "$best_cpu" ] || [ "$(echo "$cpu < $best_cpu" | bc)" = 1 ]; then best_cpu=$cpu; fi
done
failures=$(($(wc -l < "$work/failures.csv") - 1))
head -1 "$work/summary.txt"
tail -1 "$work/stderr.txt"
printf '  validate-903 %s: %d children, %d episodes, %d rows: %.2f s (best of 3), %.0f rows/s, %d failing rows\n' \
  "$year" "$children" "$episodes" "$rows" "$best" "$(echo "$rows / $best" | bc -l)" "$failures"
printf '  CPU (user + sys, both threads, best of 3): %.2f s\n' "$best_cpu"
printf '  = %.0f x the time to read the files once (cat: %.3f s)\n' \
  "$(echo "$best / ($baseline + 0.0001)" | bc -l)" "$baseline"
