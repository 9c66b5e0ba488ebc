#!/usr/bin/env bash
# Share of applications whose proven optimum (CBC) runs entirely on their source device.
#
#   scripts/source-share.sh [--seeds 12] [--nodes 50] [--applications 3] [--fin] [-- GENERATE OPTIONS...]
#
# For seeds 1..N: `finbench generate --nodes 50 --applications 3 --seed S OPTIONS`, then
# `finbench solve -m milp-cbc`; only solves proven optimal count. Prints one line:
#   on-source STRICT of PROVEN (hosts-only HOSTS), instances: OPT optimal, INF infeasible, OTHER other;
#   binding at the optimum: latency L, capacity C, share S, any A (instances of OPT)
# STRICT: every host is the source and the deployment has no transfer (the issue's definition);
# HOSTS: every host is the source (a result delivery to a destination allowed). Binding, from
# `finbench hardness --solution` (per instance: some application has it): latency, lifting an
# application's bound would let it be cheaper on the capacities the others leave; capacity, lifting
# memory, speed and bandwidth would, or a node's memory or speed or a link's bandwidth is used to
# within 1e-6; share, a node's shares sum to 1 over several applications or a load fills its share.
# Fastest != cheapest: applications (of the optimal instances) with an energy/latency trade-off.
# --fin: also `finbench solve -m fin` (gamma 50) on each optimal instance; prints how many it
# answered, how many at the optimum (gap < 1e-9), and the mean and largest gap to CBC.
# Uses .build/release/finbench (build it first: swift build -c release --product finbench) and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=12 nodes=50 apps=3 timelimit=120 fin=0
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    --applications) apps=$2; shift 2 ;;
    --time-limit) timelimit=$2; shift 2 ;;
    --fin) fin=1; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done
bin=${FINBENCH:-.build/release/finbench}
command -v jq > /dev/null || { echo "source-share: needs jq (apt-get install jq)" >&2; exit 1; }
[ -x "$bin" ] || { echo "source-share: build first: swift build -c release --product finbench" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gaps=""
strict=0 hosts=0 proven=0 optimal=0 infeasible=0 other=0 blat=0 bcap=0 bshare=0 bany=0 trade=0
for s in $(seq 1 "$seeds"); do
  inst="$work/i$s.json" sol="$work/s$s.json"
  "$bin" generate --nodes "$nodes" --applications "$apps" --seed "$s" "$@" --out "$inst" 2> /dev/null
  status=0
  "$bin" solve "$inst" -m milp-cbc --time-limit "$timelimit" --out "$sol" 2> /dev/null || status=$?
  case $status in
    0) optimal=$((optimal + 1)) ;;
    3) infeasible=$((infeasible + 1)); continue ;;
    *) other=$((other + 1)); continue ;;
  esac
  read -r n a b < <(jq -r --slurpfile i "$inst" '
    ($i[0].applications | map({key: .id, value: .source}) | from_entries) as $src
    | [.deployments[] | ($src[.application]) as $s
       | {hosts: (.hosts | all(. == $s)), none: ((.transfers // []) | length == 0)}]
    | "\(length) \(map(select(.hosts and .none)) | length) \(map(select(.hosts)) | length)"' "$sol")
  proven=$((proven + n)) strict=$((strict + a)) hosts=$((hosts + b))
  read -r l c h t < <("$bin" hardness "$inst" --solution "$sol" --json \
    | jq -r '.summary | "\(.latency_binds) \(.capacity_binds + .capacity_at_limit) \(.share_at_limit) \(.trade_off)"')
  trade=$((trade + t))
  [ "$l" -gt 0 ] && blat=$((blat + 1))
  [ "$c" -gt 0 ] && bcap=$((bcap + 1))
  [ "$h" -gt 0 ] && bshare=$((bshare + 1))
  [ $((l + c + h)) -gt 0 ] && bany=$((bany + 1))
  if [ "$fin" = 1 ]; then
    fstatus=0
    "$bin" solve "$inst" -m fin --out "$work/f$s.json" 2> /dev/null || fstatus=$?
    if [ "$fstatus" -le 2 ]; then
      gaps="$gaps $(jq -n --slurpfile a "$sol" --slurpfile b "$work/f$s.json" \
        '$b[0].objectiveJoulesPerSecond / $a[0].objectiveJoulesPerSecond - 1')"
    fi
  fi
done
echo "on-source $strict of $proven (hosts-only $hosts), instances: $optimal optimal, $infeasible infeasible," \
  "$other other; binding at the optimum: latency $blat, capacity $bcap, share $bshare, any $bany" \
  "(instances of $optimal);" \
  "fastest != cheapest: $trade applications"
if [ "$fin" = 1 ]; then
  echo "$gaps" | awk -v n="$optimal" '{ a = 0; at = 0; s = 0; m = 0
    for (i = 1; i <= NF; i++) { a++; if ($i < 1e-9) at++; s += $i; if ($i > m) m = $i }
    printf "fin: answered %d of %d, at the optimum %d, mean gap %.1f%%, largest %.1f%%\n", a, n, at,
      a ? 100 * s / a : 0, 100 * m }'
fi
