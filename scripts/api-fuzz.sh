#!/usr/bin/env bash
# Runs Schemathesis against a textgate server on loopback: builds textgate, starts it on a fresh
# SQLite database with an admin key, fetches the served /openapi.yaml, and checks every operation
# for server errors (5xx) and for responses that break the document (status codes, content
# types, bodies, headers), plus invalid input the server accepts. Exits non-zero on any failure.
#
# API_FUZZ_EXAMPLES (40) examples per operation, API_FUZZ_SECONDS (300) for the whole run,
# API_FUZZ_SEED to repeat a run, API_FUZZ_REPORT (.build-api-fuzz) for the server log and reports.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

SWIFT=${SWIFT:-swift}
SCHEMATHESIS_VERSION=4.32.5
API_FUZZ_EXAMPLES=${API_FUZZ_EXAMPLES:-40}
API_FUZZ_SECONDS=${API_FUZZ_SECONDS:-300}
API_FUZZ_REPORT=${API_FUZZ_REPORT:-.build-api-fuzz}

if ! command -v schemathesis > /dev/null 2>&1; then
  command -v pip3 > /dev/null 2>&1 || {
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip
  }
  echo "api-fuzz: installing schemathesis $SCHEMATHESIS_VERSION"
  pip3 install --quiet "schemathesis==$SCHEMATHESIS_VERSION" \
    || pip3 install --quiet --break-system-packages "schemathesis==$SCHEMATHESIS_VERSION"
fi

"$SWIFT" build --product textgate
textgate=$("$SWIFT" build --show-bin-path)/textgate

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db=$work/textgate.db
key=$("$textgate" keys create --db "$db" --role admin,sender,provider --name fuzz | tail -n 1)
case "$key" in tg_*) ;; *) echo "api-fuzz: textgate keys create printed no key" >&2; exit 2 ;; esac

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$API_FUZZ_REPORT"
report=$(cd "$API_FUZZ_REPORT" && pwd)
"$textgate" serve --rules "$root/rules" --db "$db" --host 127.0.0.1 --port "$port" > "$report/server.log" 2>&1 &
server=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do
  curl -fsS "$base/healthz" > /dev/null 2>&1 && break
  kill -0 "$server" 2> /dev/null || { cat "$report/server.log" >&2; echo "api-fuzz: the server did not start" >&2; exit 2; }
  sleep 0.2
done
curl -fsS "$base/healthz" > /dev/null || { echo "api-fuzz: $base/healthz never answered" >&2; exit 2; }

echo "api-fuzz: schemathesis against $base/openapi.yaml, $API_FUZZ_EXAMPLES examples an operation, at most ${API_FUZZ_SECONDS}s"
seed=()
[ -n "${API_FUZZ_SEED:-}" ] && seed=(--seed "$API_FUZZ_SEED")
set +e
schemathesis --config-file "$root/scripts/schemathesis.toml" run "$base/openapi.yaml" --url "$base" \
  --header "Authorization: Bearer $key" \
  --max-examples "$API_FUZZ_EXAMPLES" --max-time "$API_FUZZ_SECONDS" \
  --request-timeout 30 --workers 1 --no-color "${seed[@]}" \
  --report junit,ndjson --report-dir "$report"
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "api-fuzz: schemathesis found failures (exit $status); the server log is $report/server.log" >&2
  exit 1
fi
echo "api-fuzz: no server error and no response outside the document"
