#!/usr/bin/env bash
# Offline benchmark: `scan --from-aws-cli` on a synthetic account at scale 0.1 and 1 (10x input),
# all rules, JSON report to a file. Prints wall time (median of RUNS), peak RSS and the ratio.
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
declare -A median
for s in $SCALES; do
  times=()
  rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" java -jar target/postern.jar scan --from-aws-cli "$OUT/scale-$s" \
      -o json="$OUT/report-$s.json" --fail-on critical > /dev/null 2>&1 || true
    read -r t m < <(tail -n 1 "$OUT/time.txt")
    times+=("$t")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  median[$s]=$med
  echo "scale $s: $(cat "$OUT/scale-$s.txt")"
  echo "  wall (median of $RUNS): ${med} s   peak RSS: $((rss / 1024)) MiB   runs: ${times[*]}"
done
set -- $SCALES
if [ $# -ge 2 ]; then
  awk -v a="${median[$1]}" -v b="${median[$2]}" -v x="$1" -v y="$2" 'BEGIN {printf "time(scale %s) / time(scale %s) = %.2f\n", y, x, b / a}'
fi
