#!/usr/bin/env bash
# Offline benchmark: `scan --from-aws-cli` on a synthetic organisation, all rules, JSON report to a
# file, JVM start included, through the commands the README gives (bin/postern, and java -jar, which
# runs postern again with the launcher's settings on a large capture). Layouts side by side: every
# run does compact and 4-space-indented (AWS CLI) JSON of the same account one after the other, so
# that a shared machine's drift hits both alike; also --from-snapshot of a snapshot saved from the
# compact scan, and an organisation spread over many account/region folders.
# Prints medians of RUNS, peak RSS, the ratios the targets are about, and checks that every layout
# gave the same findings.
#   bench/offline.sh                         # uses target/postern.jar (built if missing), or JAR=...
#   RUNS=3 SCALES="0.1 1" LAYOUTS="compact indent4" COMMANDS="bin/postern java-jar" bench/offline.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SCALES=${SCALES:-"0.1 1"}
LAYOUTS=${LAYOUTS:-"compact indent4"}
COMMANDS=${COMMANDS:-"bin/postern java-jar"}
ORG=${ORG:-"4x4"}            # accounts x regions of the organisation run (scale 1, compact); empty: none
OUT=${OUT:-bench/out}
JAR=${JAR:-target/postern.jar}  # another build of postern to time (bin/postern runs it too)
[ -f "$JAR" ] || mvn -B -ntp -q package -DskipTests
export POSTERN_JAR=$JAR
mkdir -p "$OUT"
gen() { # dir args...
  local d=$1
  shift
  [ -d "$d" ] || python3 bench/generate.py "$d" "$@" > "$d.txt"
}
for s in $SCALES; do for l in $LAYOUTS; do gen "$OUT/scale-$s-$l" --scale "$s" --layout "$l"; done; done
largest=${SCALES##* }
if [ -n "$ORG" ]; then gen "$OUT/org-$ORG" --scale "$largest" --layout compact --accounts "${ORG%x*}" --regions "${ORG#*x}"; fi
# The launcher's archive is recorded by its first scan: record it before timing, on the largest input.
export XDG_CACHE_HOME="$OUT/cache"
bin/postern scan --from-aws-cli "$OUT/scale-$largest-${LAYOUTS%% *}" -o json="$OUT/warmup.json" \
  --save-snapshot "$OUT/snapshot-$largest.json" > /dev/null 2>&1 || true

cmd() { # label -> command words
  case $1 in
    bin/postern) echo bin/postern ;;
    java-jar) echo java -jar "$JAR" ;;
  esac
}
declare -A times rss
one() { # key command... (args of scan)
  local key=$1 t m
  shift
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" -o json="$OUT/report-$key.json" --fail-on critical > /dev/null 2>&1 || true
  read -r t m < <(tail -n 1 "$OUT/time.txt")
  times[$key]="${times[$key]:-} $t"
  [ "${rss[$key]:-0}" -gt "$m" ] || rss[$key]=$m
  echo "  $key: $t s, $((m / 1024)) MiB" >&2
}
for r in $(seq "$RUNS"); do
  for c in $COMMANDS; do
    for s in $SCALES; do
      for l in $LAYOUTS; do
        # shellcheck disable=SC2046
        one "$c-$s-$l" $(cmd "$c") scan --from-aws-cli "$OUT/scale-$s-$l"
      done
    done
    # shellcheck disable=SC2046
    one "$c-snapshot-$largest" $(cmd "$c") scan --from-snapshot "$OUT/snapshot-$largest.json"
    # shellcheck disable=SC2046
    [ -z "$ORG" ] || one "$c-org-$ORG" $(cmd "$c") scan --from-aws-cli "$OUT/org-$ORG"
  done
  echo "run $r of $RUNS done" >&2
done
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for s in $SCALES; do for l in $LAYOUTS; do echo "scale $s $l: $(cat "$OUT/scale-$s-$l.txt")"; done; done
[ -z "$ORG" ] || echo "org $ORG: $(cat "$OUT/org-$ORG.txt")"
for key in $(printf '%s\n' "${!times[@]}" | sort); do
  printf '  %-34s wall median %6s s   peak RSS %5d MiB   runs:%s\n' "$key" "$(median "${times[$key]}")" $((rss[$key] / 1024)) "${times[$key]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b / a}'; }
set -- $SCALES
first=${LAYOUTS%% *}
for c in $COMMANDS; do
  for l in $LAYOUTS; do
    [ "$l" = "$first" ] || echo "$c: scale $largest $l / $first = $(ratio "$(median "${times[$c-$largest-$first]}")" "$(median "${times[$c-$largest-$l]}")")"
  done
  [ $# -lt 2 ] || echo "$c: $first scale $2 / scale $1 = $(ratio "$(median "${times[$c-$1-$first]}")" "$(median "${times[$c-$2-$first]}")")"
done
# Same findings whatever the layout (the reports differ in their time stamp and the folders named in warnings).
for c in $COMMANDS; do
  for s in $SCALES; do
    for l in $LAYOUTS; do
      [ "$l" = "$first" ] && continue
      if python3 -c 'import json, sys; a, b = (json.load(open(f)) for f in sys.argv[1:]); sys.exit(any(a[k] != b[k] for k in ("summary", "findings")))' \
          "$OUT/report-$c-$s-$first.json" "$OUT/report-$c-$s-$l.json"; then
        echo "$c scale $s: $l report = $first report"
      else
        echo "$c scale $s: $l report DIFFERS from $first report" && exit 1
      fi
    done
  done
done
echo "targets at scale 1 (2 cores): compact <= 5 s wall and <= 2 GiB peak RSS; indent4 <= 1.2x compact;"
echo "  10x the input <= 12x the time; --from-snapshot <= 5 s"
