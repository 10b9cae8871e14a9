#!/usr/bin/env bash
# Whole-process timings of the installed tool against a build of an earlier commit, in one run so the ratio holds on
# any machine: each command runs ROUNDS times for each build, the two builds alternating within a round (so a burst
# of load hits both), and the median of each is reported with the ratio. Both builds are installed the way the
# README says: `dotnet pack` then `dotnet tool install` into a throwaway tool path (the current one as this
# machine's ReadyToRun package, as CI does; the earlier one as whatever its pack made).
#
#   benchmarks/process-timings.sh                 # against 48aac18, the last main before the start-up work
#   PREVIOUS=<commit> ROUNDS=7 benchmarks/process-timings.sh
#
# Needs the .NET 10 SDK, git and GNU time (/usr/bin/time). Prints a Markdown table for benchmarks/RESULTS.md with
# the load average before and after: figures taken under load are not comparable with idle ones (see RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."

previous=${PREVIOUS:-48aac18}
rounds=${ROUNDS:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A unique version per build keeps NuGet's caches from handing one build's package to the other.
stamp=$(date +%s)
install() { # install NAME SOURCE_DIR [PACK ARGS...]
  local name=$1 source=$2
  shift 2
  echo "building $name ..." >&2
  # IpPlannerVersionResolved keeps this version: otherwise Directory.Build.props sets 0.1.N from git after it.
  dotnet pack "$source/src/IpPlanner.Cli" -c Release -o "$work/$name-pkg" -p:Version="0.0.0-timing.$stamp.$name" -p:IpPlannerVersionResolved=true "$@" >"$work/$name-pack.log" 2>&1 \
    || { tail -n 20 "$work/$name-pack.log" >&2; exit 1; }
  dotnet tool install --tool-path "$work/$name" --add-source "$work/$name-pkg" --version "0.0.0-timing.$stamp.$name" IpPlanner >"$work/$name-install.log" 2>&1 \
    || { tail -n 20 "$work/$name-install.log" >&2; exit 1; }
  echo "  $name: $(readlink "$work/$name/ipplanner" || echo "$work/$name/ipplanner")" >&2
}

mkdir -p "$work/previous-src"
git archive "$previous" | tar -x -C "$work/previous-src"
install previous "$work/previous-src"
install current . -p:ToolPackagesForThisMachineOnly=true

commands=(
  "--version"
  "plan samples/small-3az.yaml"
  "plan benchmarks/scenarios/plan-20000-nodes.yaml -o json"
  "simulate samples/churn.yaml --duration 1h --runs 1000"
)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A wall cpu rss
for ((round = 1; round <= rounds; round++)); do
  for command in "${commands[@]}"; do
    order=(previous current)
    ((round % 2 == 0)) && order=(current previous)
    for name in "${order[@]}"; do
      # shellcheck disable=SC2086 # the command's words are its arguments
      /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$work/$name/ipplanner" $command >/dev/null 2>"$work/stderr" \
        || { echo "$name: '$command' failed:" >&2; cat "$work/stderr" >&2; exit 1; }
      read -r elapsed user system kb <"$work/time"
      wall[$name,$command]+="$elapsed "
      cpu[$name,$command]+="$(echo "$user + $system" | bc) "
      rss[$name,$command]+="$kb "
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }'; }

echo
echo "$(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $load_before before and $load_after after;"
echo "previous: $previous, current: $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)'); median of $rounds."
echo
echo "| command | previous, wall | current, wall | ratio | CPU (user + sys), previous / current | peak RSS, previous / current |"
echo "|---|--:|--:|--:|--:|--:|"
for command in "${commands[@]}"; do
  pw=$(echo "${wall[previous,$command]}" | median); cw=$(echo "${wall[current,$command]}" | median)
  pc=$(echo "${cpu[previous,$command]}" | median); cc=$(echo "${cpu[current,$command]}" | median)
  pr=$(echo "${rss[previous,$command]}" | median); cr=$(echo "${rss[current,$command]}" | median)
  printf '| `ipplanner %s` | %.2f s | %.2f s | %s | %.2f s / %.2f s | %d MB / %d MB (%s) |\n' \
    "$command" "$pw" "$cw" "$(ratio "$cw" "$pw")" "$pc" "$cc" "$((pr / 1024))" "$((cr / 1024))" "$(ratio "$cr" "$pr")"
done
