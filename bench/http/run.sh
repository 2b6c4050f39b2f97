#!/bin/sh
# wrk on loopback against `safeguard serve` on a fresh demo authority: GET /healthz (the baseline),
# GET /api/v1/children/{id} (a social worker's child: authorised, audited, durable), the caseload as
# JSON (GET /api/v1/me/caseload) and, when the screens are built, the caseload page. Prints requests
# per second, p99 latency and each figure as a ratio to /healthz on the same server.
#
#   bench/http/run.sh [SAFEGUARD_BINARY] [DURATION] [CONNECTIONS]
#   bench/http/run.sh build/src/cli/safeguard 10s 64
set -eu
BIN=${1:-build/src/cli/safeguard}
DURATION=${2:-10s}
CONNECTIONS=${3:-64}
THREADS=2
PAGE_PATH=${CASELOAD_PAGE:-/caseload}

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/http: $tool is needed (apt-get install $tool)" >&2; exit 2; }
done
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$BIN" demo --db "$work/demo.db" >/dev/null
"$BIN" serve --db "$work/demo.db" --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
base=""
for _ in $(seq 1 100); do
  base=$(sed -n 's|.* at \(http://[0-9.]*:[0-9]*\)/.*|\1|p' "$work/serve.out" | head -n 1)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "bench/http: the server did not start" >&2; cat "$work/serve.err" >&2; exit 2; }

curl -s -c "$work/jar" -H 'Content-Type: application/json' \
  -d '{"username":"social-worker","password":"demo-social-worker"}' "$base/api/v1/session" >/dev/null
cookie=$(awk '$6 == "safeguard_session" { print $7 }' "$work/jar")
[ -n "$cookie" ] || { echo "bench/http: signing in as social-worker failed" >&2; exit 2; }
child=$(curl -s -H "Cookie: safeguard_session=$cookie" "$base/api/v1/me/caseload?per_page=1" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

# run NAME PATH: prints "NAME req/s p99"
run() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
    -H "Cookie: safeguard_session=$cookie" "$base$2" >"$work/wrk.out" 2>&1
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.out")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.out")
  non2xx=$(awk '/Non-2xx/ { print $NF }' "$work/wrk.out")
  echo "$1 $rps $p99 ${non2xx:-0}"
}

{
  run healthz /healthz
  run child_record "/api/v1/children/$child"
  run caseload_json /api/v1/me/caseload
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: safeguard_session=$cookie" "$base$PAGE_PATH")
  if [ "$status" = 200 ]; then run caseload_page "$PAGE_PATH"; fi
} >"$work/results"

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $base (child $child, signed in as social-worker)"
awk 'NR == 1 { base = $2 }
     { printf "%-14s %10.0f req/s   p99 %-9s ratio to /healthz %.3f%s\n", $1, $2, $3, $2 / base,
              ($4 != "0" ? "   (" $4 " non-2xx!)" : "") }' "$work/results"
