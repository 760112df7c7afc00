#!/usr/bin/env bash
# Offline benchmark: `scan --from-aws-cli` on a synthetic account at scale 0.1 and 1 (10x input),
# all rules, JSON report to a file, JVM start included. Runs postern through bin/postern (the
# launcher: C1, parallel GC and huge pages for large files, AppCDS archive recorded by a first
# untimed run) and as a plain `java -jar`. Prints wall time (median of RUNS), peak RSS and the ratio.
#   bench/offline.sh                 # uses target/postern.jar (built if missing)
#   RUNS=5 SCALES="0.1 1" bench/offline.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SCALES=${SCALES:-"0.1 1"}
OUT=${OUT:-bench/out}
[ -f target/postern.jar ] || mvn -B -ntp -q package -DskipTests
mkdir -p "$OUT"
for s in $SCALES; do
  [ -d "$OUT/scale-$s" ] || python3 bench/generate.py "$OUT/scale-$s" --scale "$s" > "$OUT/scale-$s.txt"
done
# The launcher's archive is recorded by its first scan: record it before timing, on the largest
# input (as a nightly job's archive is: the classes a large capture loads are all in it).
export XDG_CACHE_HOME="$OUT/cache"
largest=${SCALES##* }
bin/postern scan --from-aws-cli "$OUT/scale-$largest" -o json="$OUT/warmup.json" > /dev/null 2>&1 || true

declare -A median
run() { # label scale command...
  local label=$1 s=$2
  shift 2
  local times=() rss=0 t m
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" scan --from-aws-cli "$OUT/scale-$s" \
      -o json="$OUT/report-$s.json" --fail-on critical > /dev/null 2>&1 || true
    read -r t m < <(tail -n 1 "$OUT/time.txt")
    times+=("$t")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  median[$label-$s]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "  scale $s, $label: wall (median of $RUNS) ${median[$label-$s]} s   peak RSS $((rss / 1024)) MiB   runs: ${times[*]}"
}
for s in $SCALES; do echo "scale $s: $(cat "$OUT/scale-$s.txt")"; done
# One way of running at a time: each runs after its own kind (a JVM that frees gigabytes just
# before slows the next one's first touch of memory).
for s in $SCALES; do run "bin/postern" "$s" bin/postern; done
for s in $SCALES; do run "java -jar" "$s" java -jar target/postern.jar; done
set -- $SCALES
if [ $# -ge 2 ]; then
  for label in "bin/postern" "java -jar"; do
    awk -v a="${median[$label-$1]}" -v b="${median[$label-$2]}" -v x="$1" -v y="$2" -v l="$label" \
      'BEGIN {printf "%s: time(scale %s) / time(scale %s) = %.2f\n", l, y, x, b / a}'
  done
fi
echo "targets at scale 1: <= 5 s wall, <= 2 GiB peak RSS; 10x the input <= 12x the time"
