#!/usr/bin/env bash
# Times the CIN census path on a demo authority: export-cin, validate-cin (every rule of the year),
# import-cin into an empty database, and - as the baseline - libxml2's own schema check of the same
# file (xmllint --schema), then prints each as a ratio to the baseline and children per second.
#   bash bench/cin_census/validate.sh [SAFEGUARD_BINARY] [CHILDREN_IN_CARE] [YEAR]
set -euo pipefail
binary=${1:-build/src/cli/safeguard}
children_in_care=${2:-612}
year=${3:-2026}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }

"$binary" demo --db "$work/demo.db" --children-in-care "$children_in_care" >/dev/null
export_s=$(seconds "$binary" returns export-cin --db "$work/demo.db" --year "$year" --out "$work/cin.xml")
children=$(grep -c "<Child>" "$work/cin.xml")
baseline_s=$(seconds xmllint --noout --schema "$root/data/reference/cin_census/schema/CIN_schema_$year.xsd" "$work/cin.xml")
validate_s=$(seconds "$binary" returns validate-cin "$work/cin.xml" --year "$year" --out "$work/failures.csv")
"$binary" init --db "$work/empty.db" >/dev/null
import_s=$(seconds "$binary" returns import-cin --db "$work/empty.db" --year "$year" "$work/cin.xml")

printf 'CIN census %s: %s children, %s bytes\n' "$year" "$children" "$(wc -c <"$work/cin.xml")"
printf '%-34s %8.3f s  (baseline)\n' "xmllint --schema (libxml2 C tool)" "$baseline_s"
for step in export validate import; do
  value_var="${step}_s"
  value=${!value_var}
  printf '%-34s %8.3f s  %6.2fx baseline  %8.0f children/s\n' "$step-cin" "$value" \
    "$(echo "$value / $baseline_s" | bc -l)" "$(echo "$children / $value" | bc -l)"
done
