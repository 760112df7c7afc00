#!/usr/bin/env bash
# Live-collection benchmark: postern against a plain boto3 floor, both on one seeded moto server.
# Rerun: bench/run.sh [RUNS]   (needs moto_server, python3 + boto3, java; builds the jar if missing)
# Prints, per tool, the median wall time of RUNS runs and the API calls of one run (from moto's log).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
REGIONS=(us-east-1 eu-west-1 us-west-2 ap-southeast-2)
JAR=target/postern.jar
[[ -f $JAR ]] || mvn -B -ntp -q -o package -DskipTests

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
LOG=$(mktemp)
moto_server -H 127.0.0.1 -p "$PORT" >"$LOG" 2>&1 &
MOTO=$!
trap 'kill $MOTO 2>/dev/null; rm -f "$LOG"' EXIT
export AWS_ENDPOINT_URL=http://127.0.0.1:$PORT AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
for _ in $(seq 50); do curl -sf "$AWS_ENDPOINT_URL/moto-api/" >/dev/null && break; sleep 0.2; done
curl -sf -X POST "$AWS_ENDPOINT_URL/moto-api/reset" >/dev/null
curl -sf -X POST "$AWS_ENDPOINT_URL/moto-api/seed?a=42" >/dev/null
echo "seeding ${#REGIONS[@]} regions on port $PORT..." >&2
python3 bench/seed.py "${REGIONS[@]}"

requests() { grep -cE '"(GET|POST) / HTTP' "$LOG" || true; }
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

region_args=(); for r in "${REGIONS[@]}"; do region_args+=(--region "$r"); done
JAVA=(java -jar "$JAR")

# One warm-up each (file cache, moto's own first-request costs), not counted.
python3 bench/floor.py "${REGIONS[@]}" >/dev/null
"${JAVA[@]}" scan --endpoint-url "$AWS_ENDPOINT_URL" "${region_args[@]}" -o json=/dev/null --quiet >/dev/null || true

before=$(requests); python3 bench/floor.py "${REGIONS[@]}" >/dev/null; floor_calls=$(( $(requests) - before ))
before=$(requests); "${JAVA[@]}" scan --endpoint-url "$AWS_ENDPOINT_URL" "${region_args[@]}" -o json=/dev/null --quiet >/dev/null || true
postern_calls=$(( $(requests) - before ))

floor=(); jvm=(); scan=()
for _ in $(seq "$RUNS"); do
  floor+=("$(python3 bench/floor.py "${REGIONS[@]}")")
  t0=$(now); "${JAVA[@]}" --version >/dev/null; t1=$(now); jvm+=("$(echo "$t1 - $t0" | bc)")
  t0=$(now); "${JAVA[@]}" scan --endpoint-url "$AWS_ENDPOINT_URL" "${region_args[@]}" -o json=/dev/null --quiet >/dev/null || true
  t1=$(now); scan+=("$(echo "$t1 - $t0" | bc)")
done
f=$(printf '%s\n' "${floor[@]}" | median); j=$(printf '%s\n' "${jvm[@]}" | median); s=$(printf '%s\n' "${scan[@]}" | median)
net=$(echo "$s - $j" | bc)
echo "floor (boto3, thread per region):  ${f}s   calls: $floor_calls   runs: ${floor[*]}"
echo "postern --version (JVM start):      ${j}s   runs: ${jvm[*]}"
echo "postern scan:                       ${s}s   calls: $postern_calls   runs: ${scan[*]}"
echo "postern scan - JVM start:           ${net}s   = $(echo "scale=2; $net / $f" | bc)x floor (target <= 1.25x)"
