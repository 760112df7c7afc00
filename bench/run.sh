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
# Two ways to run postern: bin/postern (C1 only, serial GC, AppCDS archive recorded by its first
# scan, here the warm-up) and a bare `java -jar`.
export XDG_CACHE_HOME=$(mktemp -d)
trap 'kill $MOTO 2>/dev/null; rm -rf "$LOG" "$XDG_CACHE_HOME"' EXIT
LAUNCHER=(bin/postern)
JAVA=(java -jar "$JAR")
scan() { "$@" scan --endpoint-url "$AWS_ENDPOINT_URL" "${region_args[@]}" -o json="$XDG_CACHE_HOME/report.json" --quiet >/dev/null || true; }

# One warm-up each (file cache, moto's own first-request costs, the CDS archive), not counted.
python3 bench/floor.py "${REGIONS[@]}" >/dev/null
scan "${LAUNCHER[@]}"
scan "${JAVA[@]}"

before=$(requests); python3 bench/floor.py "${REGIONS[@]}" >/dev/null; floor_calls=$(( $(requests) - before ))
before=$(requests); scan "${LAUNCHER[@]}"; postern_calls=$(( $(requests) - before ))

floor=(); jvm=(); run=(); jvm_plain=(); run_plain=()
for _ in $(seq "$RUNS"); do
  floor+=("$(python3 bench/floor.py "${REGIONS[@]}")")
  t0=$(now); "${LAUNCHER[@]}" --version >/dev/null; t1=$(now); jvm+=("$(echo "$t1 - $t0" | bc)")
  t0=$(now); scan "${LAUNCHER[@]}"; t1=$(now); run+=("$(echo "$t1 - $t0" | bc)")
  t0=$(now); "${JAVA[@]}" --version >/dev/null; t1=$(now); jvm_plain+=("$(echo "$t1 - $t0" | bc)")
  t0=$(now); scan "${JAVA[@]}"; t1=$(now); run_plain+=("$(echo "$t1 - $t0" | bc)")
done
med() { printf '%s\n' "$@" | median; }
f=$(med "${floor[@]}")
report() { # name, jvm times..., --, scan times...
  local name=$1 j s net; shift
  local js=() ss=(); while [[ $1 != -- ]]; do js+=("$1"); shift; done; shift; ss=("$@")
  j=$(med "${js[@]}"); s=$(med "${ss[@]}"); net=$(echo "$s - $j" | bc)
  printf '%-22s scan %6.3fs  --version %6.3fs  scan-JVM start %6.3fs = %4.2fx floor\n' "$name" "$s" "$j" "$net" "$(echo "scale=3; $net / $f" | bc)"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   runs: $RUNS (medians)"
printf 'floor (boto3, a thread per region)  %6.3fs   (%s)\n' "$f" "${floor[*]}"
echo "API calls: floor $floor_calls, postern $postern_calls"
report "bin/postern" "${jvm[@]}" -- "${run[@]}"
report "java -jar postern.jar" "${jvm_plain[@]}" -- "${run_plain[@]}"
echo "target: scan - JVM start <= 1.25x floor; postern's calls <= floor's"
