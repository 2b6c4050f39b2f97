#!/usr/bin/env bash
# Times another 903 validator on the same files as `safeguard returns validate-903` and prints the
# ratio. The other command is given whole after --; the token {} in it is replaced by the folder of
# files (CSV, the DfE layout).
# Usage: bench/ssda903/compare.sh BUILD_DIR [--children N] [--year YYYY] -- OTHER COMMAND {} ...
# e.g.   bench/ssda903/compare.sh build -- python -m lac_validator --files {}/*.csv
set -euo pipefail
build_dir=${1:?build directory}
shift
children=80000
year=2025
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    --children) children=$2; shift 2 ;;
    --year) year=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "${1:-}" = "--" ] || { echo "give the other validator's command after --" >&2; exit 2; }
shift
[ $# -gt 0 ] || { echo "give the other validator's command after --" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build_dir/bench/ssda903/ssda903_generate" --out "$work/return" --children "$children" \
  --year "$year" > /dev/null

other=()
for word in "$@"; do other+=("${word//\{\}/$work/return}"); done

time_of() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
ours=$(time_of "$build_dir/src/cli/safeguard" returns validate-903 "$work/return" --year "$year")
theirs=$(time_of "${other[@]}")
printf 'safeguard validate-903: %.2f s\nother (%s): %.2f s\nratio other/safeguard: %.1f x\n' \
  "$ours" "$*" "$theirs" "$(echo "$theirs / $ours" | bc -l)"
