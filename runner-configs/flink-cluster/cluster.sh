#!/usr/bin/env bash
# A Flink 1.19 standalone session cluster on 127.0.0.1, from Maven-resolved jars.
#
#   cluster.sh start              start a JobManager and a TaskManager, wait until ready
#   cluster.sh wait               wait until the REST API shows >= 1 TaskManager with free slots
#   cluster.sh start-taskmanager  start one more TaskManager (after one was killed)
#   cluster.sh kill-taskmanager   kill -9 the TaskManager started last, by its recorded PID
#   cluster.sh stop               stop every process this script started, by recorded PID
#   cluster.sh status             print the REST overview
#
# State (pid files, logs, generated conf) lives in $FLINK_CLUSTER_DIR, by default
# runner-configs/flink-cluster/.cluster. REST: http://127.0.0.1:18081. FLINK_PORT_OFFSET (default
# 0) is added to the fixed ports of config.yaml (REST 18081, RPC 16123, blob 16124; TaskManagers
# take free ports), so that a second cluster, such as the integration tests', can run beside the
# first; give every command the same FLINK_CLUSTER_DIR and FLINK_PORT_OFFSET. Exported to
# processes: whatever environment this script runs in (OPENAI_API_KEY included, for workers that
# call the API).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${FLINK_CLUSTER_DIR:-$here/.cluster}"
mkdir -p "$work" && work="$(cd "$work" && pwd)"
offset="${FLINK_PORT_OFFSET:-0}"
base_ports=(18081 16123 16124)
ports=()
for p in "${base_ports[@]}"; do ports+=($((p + offset))); done
rest="http://127.0.0.1:${ports[0]}"
java_opens=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

log() { echo "[flink-cluster] $*" >&2; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

classpath() {
  if [ ! -s "$work/classpath.txt" ] || [ "$here/pom.xml" -nt "$work/classpath.txt" ]; then
    log "resolving Flink jars with Maven"
    # Offline first: once the jars are in the local repository no network is needed.
    local resolve=(-q -B -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt")
    mvn -o "${resolve[@]}" >/dev/null 2>&1 || mvn "${resolve[@]}" >&2
  fi
  cat "$work/classpath.txt"
}

configure() {
  mkdir -p "$work/conf" "$work/log" "$work/tmp" "$work/web"
  local moves=(-e "s|@WORK@|$work|g") i
  for i in "${!base_ports[@]}"; do moves+=(-e "s/\b${base_ports[$i]}\b/${ports[$i]}/"); done
  sed "${moves[@]}" "$here/config.yaml" > "$work/conf/config.yaml"
  cp "$here/log4j.properties" "$work/conf/log4j.properties"
}

# BashJavaUtils prints the JVM memory flags on the first result line and the dynamic properties
# the entry point needs on the second, exactly as Flink's own scripts use them.
resource_params() {
  local kind="$1" cp="$2"
  java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$kind" --configDir "$work/conf" 2>/dev/null \
    | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

launch() {
  local name="$1" main="$2" kind="$3" cp params jvm dynamic n
  cp="$(classpath)"
  params="$(resource_params "$kind" "$cp")"
  jvm="$(sed -n 1p <<<"$params")"
  dynamic="$(sed -n 2p <<<"$params")"
  n="$(find "$work/log" -maxdepth 1 -name "$name-*.out" | wc -l)"
  local id="$name-$n"
  # shellcheck disable=SC2086
  nohup java $jvm "${java_opens[@]}" \
    -Dlog.file="$work/log/$id.log" -Dlog4j.configurationFile="file:$work/conf/log4j.properties" \
    -cp "$cp" "$main" --configDir "$work/conf" $dynamic \
    > "$work/log/$id.out" 2>&1 &
  echo $! > "$work/$id.pid"
  log "started $id (pid $!)"
}

overview() { curl -fsS --max-time 2 "$rest/overview" 2>/dev/null; }

# A number field of the overview's JSON, without needing anything beyond bash.
field() { [[ "$1" =~ \"$2\":([0-9]+) ]] && echo "${BASH_REMATCH[1]}" || echo 0; }

wait_ready() {
  local deadline=$((SECONDS + ${FLINK_READY_TIMEOUT:-120})) body
  while [ $SECONDS -lt $deadline ]; do
    body="$(overview || true)"
    if [ "$(field "$body" taskmanagers)" -ge 1 ] && [ "$(field "$body" slots-available)" -ge 1 ]; then
      log "ready: $body"
      return 0
    fi
    sleep 0.5
  done
  log "not ready after ${FLINK_READY_TIMEOUT:-120} s; last lines of the logs:"
  for f in "$work"/log/*.log "$work"/log/*.out; do [ -f "$f" ] && { echo "== $f" >&2; tail -n 30 "$f" >&2; }; done
  return 1
}

# True when PID runs one of this cluster's JVMs: a pid file left by a crash may name a process
# that has since reused the number.
ours() {
  local pid="$1" args
  if [ -r "/proc/$pid/cmdline" ]; then args="$(tr '\0' ' ' < "/proc/$pid/cmdline")"; else args="$(ps -o args= -p "$pid" 2>/dev/null || true)"; fi
  [[ "$args" == *"--configDir $work/conf"* ]]
}

stop_pid_file() {
  local file="$1" pid
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null && ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    log "stopped $(basename "$file" .pid) (pid $pid)"
  fi
  rm -f "$file"
}

case "${1:-}" in
  start)
    for p in "${ports[@]}"; do
      if port_busy "$p"; then log "port $p on 127.0.0.1 is in use; is a cluster already running? ($0 stop)"; exit 1; fi
    done
    configure
    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
    launch taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS
    wait_ready
    ;;
  wait) wait_ready ;;
  start-taskmanager)
    launch taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS
    ;;
  kill-taskmanager)
    last="$(ls -t "$work"/taskmanager-*.pid 2>/dev/null | sed -n 1p)"
    [ -n "$last" ] || { log "no TaskManager pid file in $work"; exit 1; }
    pid="$(cat "$last")"; rm -f "$last"
    if ours "$pid"; then kill -KILL "$pid"; log "killed $(basename "$last" .pid) (pid $pid)";
    else log "$(basename "$last" .pid) (pid $pid) is no longer running"; fi
    ;;
  stop)
    for f in "$work"/taskmanager-*.pid "$work"/jobmanager-*.pid; do [ -f "$f" ] && stop_pid_file "$f"; done
    true
    ;;
  status) overview; echo ;;
  *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
