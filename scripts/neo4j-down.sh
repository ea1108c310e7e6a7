#!/usr/bin/env bash
# Stop the local Neo4j started by scripts/neo4j-up.sh: SIGTERM (clean shutdown with checkpoint),
# wait up to NEO4J_STOP_TIMEOUT seconds (default 60), then SIGKILL. A no-op when not running.
# Environment: POLGRAPH_NEO4J_HOME (default .neo4j), NEO4J_STOP_TIMEOUT.
set -euo pipefail
cd "$(dirname "$0")/.."

NEO4J_HOME_DIR=${POLGRAPH_NEO4J_HOME:-.neo4j}
TIMEOUT=${NEO4J_STOP_TIMEOUT:-60}
PID_FILE=$NEO4J_HOME_DIR/neo4j.pid
MAIN_CLASS=org.polgraph.neo4j.Launcher
# alive: the process exists and is not a zombie (an exited child not yet reaped)
alive() { kill -0 "$1" 2>/dev/null && [[ $(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) != Z ]]; }

if [[ ! -f $PID_FILE ]]; then
    echo "neo4j-down: not running (no $PID_FILE)"
    exit 0
fi
pid=$(cat "$PID_FILE" 2>/dev/null || true)
if ! [[ $pid =~ ^[0-9]+$ ]] || ! alive "$pid"; then
    echo "neo4j-down: not running (stale pid file removed)"
    rm -f "$PID_FILE"
    exit 0
fi
if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"; then
    echo "neo4j-down: pid $pid is not the Neo4j launcher (pid reused?); stale pid file removed"
    rm -f "$PID_FILE"
    exit 0
fi

start=$SECONDS
kill -TERM "$pid" 2>/dev/null || true
while alive "$pid"; do
    if ((SECONDS - start >= TIMEOUT)); then
        echo "neo4j-down: pid $pid still running after $TIMEOUT s; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
        while alive "$pid"; do sleep 0.2; done
        rm -f "$PID_FILE"
        echo "neo4j-down: killed pid $pid (store will recover from the transaction log on next start)"
        exit 0
    fi
    sleep 0.2
done
rm -f "$PID_FILE"
echo "neo4j-down: stopped pid $pid in $((SECONDS - start)) s"
