#!/usr/bin/env bash
# Report whether the local Neo4j is running and answering.
# Exit 0: running and answering; 1: running but not answering; 3: not running.
# Environment: POLGRAPH_NEO4J_HOME (default .neo4j), NEO4J_BOLT_PORT, NEO4J_HTTP_PORT, NEO4J_LISTEN_ADDRESS.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

NEO4J_HOME_DIR=${POLGRAPH_NEO4J_HOME:-.neo4j}
BOLT_PORT=${NEO4J_BOLT_PORT:-7687}
HTTP_PORT=${NEO4J_HTTP_PORT:-7474}
HOST=${NEO4J_LISTEN_ADDRESS:-127.0.0.1}
case $HOST in 0.0.0.0 | "::" | "") HOST=127.0.0.1 ;; esac
PID_FILE=$NEO4J_HOME_DIR/neo4j.pid
# alive: the process exists and is not a zombie (an exited child not yet reaped)
alive() { kill -0 "$1" 2>/dev/null && [[ $(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) != Z ]]; }

pid=$(cat "$PID_FILE" 2>/dev/null || true)
if ! [[ $pid =~ ^[0-9]+$ ]] || ! alive "$pid"; then
    echo "neo4j: not running (home $NEO4J_HOME_DIR)"
    exit 3
fi
bolt=down http=down ver=
(exec 3<>"/dev/tcp/$HOST/$BOLT_PORT") 2>/dev/null && bolt=up
if body=$(curl -sf -m 5 -H 'Content-Type: application/json' \
    -d '{"statements":[{"statement":"RETURN 1"}]}' "http://$HOST:$HTTP_PORT/db/neo4j/tx/commit" 2>/dev/null) &&
    grep -q '"errors":\[\]' <<<"$body"; then
    http=up
    ver=$(curl -sf -m 5 "http://$HOST:$HTTP_PORT/" | sed -n 's/.*"neo4j_version":"\([^"]*\)".*/\1/p')
fi
echo "neo4j ${ver:-?}: pid $pid, bolt://$HOST:$BOLT_PORT $bolt, http://$HOST:$HTTP_PORT $http, home $NEO4J_HOME_DIR"
[[ $bolt == up && $http == up ]] && exit 0
exit 1
