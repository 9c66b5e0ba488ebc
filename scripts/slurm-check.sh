#!/usr/bin/env bash
# End-to-end check of `finbench bench --slurm` on a one-machine Slurm cluster that this script
# starts itself (no systemd needed; run as root, e.g. in a container):
#   1. installs Debian's slurm-wlm and munge if missing (apt-get), and python3 for the comparison;
#   2. writes a private configuration in a temporary directory: slurmctld and slurmd on this host
#      (NodeName = `hostname -s`, its CPUs and memory from `slurmd -C`), free TCP ports, a private
#      munge key and socket, proctrack/linuxproc, task/none, no cgroups, no accounting storage;
#   3. starts munged, slurmctld and slurmd, and stops them on exit (trap), whatever happens;
#   4. builds finbench (release; or uses $FINBENCH) and runs a small sweep three ways:
#      a single process; a 4-task job array plus its merge job, whose merged results must equal the
#      single run row for row (timing columns aside); and again with one array task cancelled
#      mid-run (scancel): the merge job must refuse the partial sweep, and re-submitting only that
#      index (sbatch --array=K) must resume the shard and complete the sweep, no row lost or doubled.
# Exits non-zero with the reason when Slurm cannot start or any check fails; never a silent pass.
# Takes about 1-2 minutes once built (see docs/HARNESS.md, "Checking the Slurm path").
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
T0=$(date +%s)
log() { echo "slurm-check: $*" >&2; }
W=""
fail() {
  echo "slurm-check: FAIL: $*" >&2
  if [ -n "$W" ]; then
    for f in "$W"/log/slurmctld.log "$W"/log/slurmd.log "$W"/munge/munged.log; do
      [ -f "$f" ] && { echo "--- last lines of $f" >&2; tail -n 15 "$f" >&2; }
    done
  fi
  exit 1
}

# --- 1. Packages ------------------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then fail "run as root (it installs packages and starts slurmd as root)"; fi
packages=(slurm-wlm munge)
command -v python3 >/dev/null || packages+=(python3-minimal)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null || fail "apt-get update failed"
  apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
    fail "apt-get install ${missing[*]} failed"
fi
for c in munged slurmctld slurmd sbatch squeue scontrol scancel python3; do
  command -v "$c" >/dev/null || fail "$c not found after installing ${packages[*]}"
done
T_PACKAGES=$(date +%s)

# --- 2. Configuration -------------------------------------------------------------------------
W="$(mktemp -d /tmp/finbench-slurm-check.XXXXXX)"
chmod 755 "$W"
mkdir -p "$W/munge" "$W/msock" "$W/state" "$W/spool" "$W/log" "$W/run"
chmod 700 "$W/munge"
chmod 755 "$W/msock"
started=()
cleanup() {
  local rc=$?
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$W/run/slurmctld.pid" ]; then
    scancel --quiet --full --user=root 2>/dev/null || true
    for _ in $(seq 1 20); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
  fi
  for pidfile in "${started[@]}"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  sleep 1
  for pidfile in "${started[@]}"; do
    [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  done
  if [ "$rc" -eq 0 ]; then rm -rf "$W"; else echo "slurm-check: kept $W for inspection" >&2; fi
}
trap cleanup EXIT

host="$(hostname -s)"
[ -n "$host" ] || fail "hostname -s is empty"
# Two free TCP ports on localhost (another Slurm, or another run of this check, may hold the defaults).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if port_free "$p" && port_free "$((p + 1))"; then echo "$p"; return 0; fi
  done
  return 1
}
port=$(pick_port) || fail "no free TCP port pair found"
node_line="$(slurmd -C 2>/dev/null | head -n 1)"
case "$node_line" in NodeName=*) ;; *) fail "slurmd -C did not describe this machine: $node_line" ;; esac
node_line="$(echo "$node_line" | sed "s/^NodeName=[^ ]*/NodeName=$host/") NodeAddr=127.0.0.1 State=UNKNOWN"
export SLURM_CONF="$W/slurm.conf"
cat >"$SLURM_CONF" <<EOF
# A one-machine cluster for scripts/slurm-check.sh (no systemd, no cgroups, runs as root).
ClusterName=finbenchcheck
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$W/msock/munge.sock
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/run/slurmctld.pid
SlurmdPidFile=$W/run/slurmd.pid
SlurmctldLogFile=$W/log/slurmctld.log
SlurmdLogFile=$W/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=10
MinJobAge=600
$node_line
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
log "config $SLURM_CONF: $node_line, ports $port/$((port + 1))"

# --- 3. Daemons -------------------------------------------------------------------------------
dd if=/dev/urandom of="$W/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$W/munge/munge.key"
munged --key-file="$W/munge/munge.key" --socket="$W/msock/munge.sock" --pid-file="$W/run/munged.pid" \
  --log-file="$W/munge/munged.log" --seed-file="$W/munge/munged.seed" || fail "munged did not start"
started+=("$W/run/munged.pid")
munge -S "$W/msock/munge.sock" -n | unmunge -S "$W/msock/munge.sock" >/dev/null ||
  fail "munge credentials do not round-trip"
slurmctld -i || fail "slurmctld did not start"
started+=("$W/run/slurmctld.pid")
slurmd -N "$host" || fail "slurmd did not start"
started+=("$W/run/slurmd.pid")
for _ in $(seq 1 60); do
  state="$(sinfo -h -n "$host" -o %T 2>/dev/null || true)"
  [ "$state" = "idle" ] && break
  sleep 0.5
done
[ "$state" = "idle" ] || fail "node $host is not idle after 30 s (state: ${state:-none}); Slurm cannot run here"
log "Slurm $(sinfo -V | awk '{print $2}') up: node $host idle"
T_SLURM=$(date +%s)

# --- 4. finbench ------------------------------------------------------------------------------
if [ -z "${FINBENCH:-}" ]; then
  log "building finbench (release)"
  swift build -c release --product finbench >"$W/build.log" 2>&1 ||
    { tail -n 30 "$W/build.log" >&2; fail "build failed"; }
  FINBENCH="$(swift build -c release --show-bin-path)/finbench"
fi
[ -x "$FINBENCH" ] || fail "no finbench executable at $FINBENCH"
T_BUILD=$(date +%s)

# A sweep of 12 generated instances x 3 methods (36 jobs, 9 per shard, each at most a few seconds);
# the MILP time limit is far from binding, so every answer is reproducible.
cat >"$W/sweep.json" <<'EOF'
{"name": "slurmcheck", "preset": "synthetic", "generator": {"targetExit": "deepest", "latencySlack": [0.1, 0.6]},
 "sizes": [1000, 1500, 2000, 2500], "seeds": [1, 2, 3], "graceSeconds": 10, "defaultHardLimitSeconds": 60,
 "methods": [{"method": "milp-cbc", "timeLimitSeconds": 60}, {"method": "fin", "gamma": 50, "lambda": 0},
             {"method": "mcp"}]}
EOF
SHARDS=4
PER_SHARD=9
TOTAL=36

# Row-for-row equality of two results.csv files, timing columns aside; no key twice.
cat >"$W/compare.py" <<'EOF'
import csv, sys
timing = {"wallSeconds", "processWallSeconds", "cpuSeconds", "gitRevision"}  # and the revision: a commit may land mid-check
def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    keep = [i for i, c in enumerate(rows[0]) if c not in timing]
    return [rows[0][i] for i in keep], [[r[i] for i in keep] for r in rows[1:]]
(ha, a), (hb, b) = load(sys.argv[1]), load(sys.argv[2])
problems = []
if ha != hb: problems.append("different columns")
if len({r[0] for r in b}) != len(b): problems.append("a key appears twice in " + sys.argv[2])
if len(a) != len(b): problems.append(f"{len(a)} rows vs {len(b)}")
for x, y in zip(a, b):
    if x != y:
        problems.append(f"{x[0]}: " + ", ".join(f"{ha[i]} {x[i]!r} vs {y[i]!r}" for i in range(len(x)) if x[i] != y[i]))
for p in problems[:10]: print("  " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

# Waits until none of the jobs is queued or running (at most $2 seconds).
wait_jobs() {
  local ids="$1" limit="$2" waited=0
  while [ -n "$(squeue -h -j "$ids" 2>/dev/null)" ]; do
    [ "$waited" -ge "$((limit * 2))" ] &&
      fail "jobs $ids still queued or running after $limit s: $(squeue -h -j "$ids")"
    sleep 0.5
    waited=$((waited + 1))
  done
}
# The state of a job (or array task "A_K"): COMPLETED, FAILED, CANCELLED, ...
job_state() { scontrol -o show job "$1" | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2; }
data_rows() { if [ -f "$1" ]; then tail -n +2 "$1" | grep -c . || true; else echo 0; fi; }

log "single-process reference run"
"$FINBENCH" bench "$W/sweep.json" --out-dir "$W/single" --jobs 2 >/dev/null 2>"$W/single.log" ||
  { tail -n 5 "$W/single.log" >&2; fail "single-process run failed"; }
[ "$(data_rows "$W/single/runs.csv")" -eq "$TOTAL" ] || fail "reference run: expected $TOTAL rows"
T_SINGLE=$(date +%s)

# --- 5. The job array and its merge job -------------------------------------------------------
log "job array: $SHARDS tasks + merge job"
read -r A M < <("$FINBENCH" bench "$W/sweep.json" --out-dir "$W/array" --slurm --shards "$SHARDS" --submit \
  2>"$W/submit1.log") ||
  { cat "$W/submit1.log" >&2; fail "bench --slurm --submit failed"; }
log "array job $A, merge job $M"
wait_jobs "$A,$M" 200
for k in $(seq 0 $((SHARDS - 1))); do
  [ "$(job_state "${A}_$k")" = COMPLETED ] ||
    fail "array task ${A}_$k: $(job_state "${A}_$k"); log: $(tail -n 5 "$W/array/slurm/logs/${A}_$k.out")"
done
[ "$(job_state "$M")" = COMPLETED ] ||
  fail "merge job $M: $(job_state "$M"); log: $(cat "$W"/array/slurm/logs/merge-"$M".out)"
python3 "$W/compare.py" "$W/single/results.csv" "$W/array/results.csv" ||
  fail "merged array results differ from the single-process run"
grep -q '"host"' "$W/array/manifest.json" || fail "merged manifest records no shard hosts"
log "merged results equal the single-process run ($TOTAL rows, timing aside)"
T_ARRAY=$(date +%s)

# --- 6. Cancel one task mid-run, resume only its index ----------------------------------------
K=1
cancelled=""
for attempt in 1 2 3; do
  out="$W/killed$attempt"
  read -r A M < <("$FINBENCH" bench "$W/sweep.json" --out-dir "$out" --slurm --shards "$SHARDS" --submit \
    2>"$W/submit2.log") ||
    { cat "$W/submit2.log" >&2; fail "bench --slurm --submit failed"; }
  taskLog="$out/slurm/logs/${A}_$K.out"
  # Cancel task K once it has finished a job but not all of its jobs.
  for _ in $(seq 1 600); do
    if [ -f "$taskLog" ] && grep -q "^\[[1-9]/$PER_SHARD\]" "$taskLog" &&
      ! grep -q "^\[$PER_SHARD/$PER_SHARD\]" "$taskLog"; then
      scancel "${A}_$K"
      cancelled="${A}_$K"
      break
    fi
    [ -f "$taskLog" ] && grep -q "exit [0-9]*$" "$taskLog" && break
    sleep 0.1
  done
  wait_jobs "$A,$M" 200
  if [ -n "$cancelled" ] && [ "$(job_state "$cancelled")" = CANCELLED ]; then
    have=$(data_rows "$out/runs-shard${K}of${SHARDS}.csv")
    if [ "$have" -ge 1 ] && [ "$have" -lt "$PER_SHARD" ]; then break; fi
    log "attempt $attempt: task $cancelled was cancelled with $have of $PER_SHARD rows copied back; again"
  else
    log "attempt $attempt: task ${A}_$K finished before it could be cancelled mid-run; again"
  fi
  cancelled=""
done
[ -n "$cancelled" ] || fail "could not cancel an array task mid-run in 3 attempts"
log "cancelled task $cancelled mid-run: $have of $PER_SHARD rows of shard $K copied back (log: $taskLog)"
[ "$(job_state "$M")" = FAILED ] || fail "the merge job after a cancelled task should fail, is $(job_state "$M")"
grep -q "shard $K/$SHARDS: incomplete" "$out/slurm/logs/merge-$M.out" ||
  fail "the merge job did not name shard $K as incomplete: $(cat "$out/slurm/logs/merge-$M.out")"
log "merge job $M refused the partial sweep: $(grep "shard $K/$SHARDS" "$out/slurm/logs/merge-$M.out")"

B=$(sbatch --parsable --array="$K" "$out/slurm/array.sbatch") || fail "re-submitting task $K failed"
B=${B%%;*}
M2=$(sbatch --parsable --dependency="afterok:$B" "$out/slurm/merge.sbatch") || fail "re-submitting the merge failed"
M2=${M2%%;*}
log "re-submitted task $K as job $B, merge job $M2"
wait_jobs "$B,$M2" 200
[ "$(job_state "${B}_$K")" = COMPLETED ] || fail "resumed task ${B}_$K: $(job_state "${B}_$K")"
[ "$(job_state "$M2")" = COMPLETED ] ||
  fail "merge job $M2: $(job_state "$M2"); log: $(cat "$out/slurm/logs/merge-$M2.out")"
first=$(grep -m 1 -o "^\[[0-9]*/$PER_SHARD\]" "$out/slurm/logs/${B}_$K.out" | tr -d '[]' | cut -d/ -f1)
[ "${first:-0}" -gt "$have" ] ||
  fail "the resumed task did not continue after the $have rows it had (first: [$first/$PER_SHARD])"
shardFile="$out/runs-shard${K}of${SHARDS}.csv"
[ "$(data_rows "$shardFile")" -eq "$PER_SHARD" ] || fail "shard $K has $(data_rows "$shardFile") rows, not $PER_SHARD"
[ "$(tail -n +2 "$shardFile" | cut -d, -f1 | sort | uniq -d | wc -l)" -eq 0 ] || fail "shard $K has a row twice"
python3 "$W/compare.py" "$W/single/results.csv" "$out/results.csv" ||
  fail "results after the resumed task differ from the single-process run"
grep -q "\"arrayJobId\": \"$B\"" "$out/manifest.json" || fail "the merged manifest does not list the resumed attempt"
log "resumed task continued at job $first of $PER_SHARD; merged results equal the single-process run"
# Every task, the cancelled one included, removed its scratch directory.
for f in "$W"/array/slurm/logs/*_*.out "$out"/slurm/logs/*_*.out; do
  dir="$(sed -n 's/^finbench shard .* in \(.*\) (job .*)$/\1/p' "$f" | head -n 1)"
  [ -n "$dir" ] || fail "no scratch directory named in $f"
  [ ! -e "$dir" ] || fail "scratch directory $dir left behind (log $f)"
done
T_END=$(date +%s)

log "OK in $((T_END - T0)) s: packages $((T_PACKAGES - T0)) s, Slurm start $((T_SLURM - T_PACKAGES)) s," \
  "build $((T_BUILD - T_SLURM)) s, single run $((T_SINGLE - T_BUILD)) s, array $((T_ARRAY - T_SINGLE)) s," \
  "cancel and resume $((T_END - T_ARRAY)) s"
