#!/usr/bin/env bash
# Start the local Neo4j 5.26 Community server (no Docker) in the background.
#
# Builds the small launcher under neo4j/ (Maven, artefacts cached in ~/.m2), runs it with plain
# `java -cp`, and waits until a Cypher statement succeeds over HTTP and Bolt accepts connections.
# Idempotent: if the server is already running and answering, it says so and exits 0.
#
# Environment:
#   POLGRAPH_NEO4J_HOME     state folder (store, logs, pid file)     default .neo4j
#   NEO4J_BOLT_PORT         Bolt port                                  default 7687
#   NEO4J_HTTP_PORT         HTTP port                                  default 7474
#   NEO4J_LISTEN_ADDRESS    listen address                             default 127.0.0.1
#   NEO4J_HEAP              JVM heap (-Xms/-Xmx)                        default 1g
#   NEO4J_PAGECACHE         page cache size                             default 512m
#   NEO4J_START_TIMEOUT     seconds to wait for startup                default 180
#   NEO4J_JAVA_OPTS         extra JVM options
# Extra Neo4j settings: put them in $POLGRAPH_NEO4J_HOME/neo4j.conf (loaded by the launcher).
set -euo pipefail
cd "$(dirname "$0")/.."

NEO4J_HOME_DIR=${POLGRAPH_NEO4J_HOME:-.neo4j}
BOLT_PORT=${NEO4J_BOLT_PORT:-7687}
HTTP_PORT=${NEO4J_HTTP_PORT:-7474}
LISTEN=${NEO4J_LISTEN_ADDRESS:-127.0.0.1}
HEAP=${NEO4J_HEAP:-1g}
PAGECACHE=${NEO4J_PAGECACHE:-512m}
TIMEOUT=${NEO4J_START_TIMEOUT:-180}
PID_FILE=$NEO4J_HOME_DIR/neo4j.pid
LOG_FILE=$NEO4J_HOME_DIR/logs/neo4j.log
MAIN_CLASS=org.polgraph.neo4j.Launcher
# alive: the process exists and is not a zombie (an exited child not yet reaped)
alive() { kill -0 "$1" 2>/dev/null && [[ $(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) != Z ]]; }
# connect to the listen address, or to loopback when listening on all interfaces
HOST=$LISTEN
case $HOST in 0.0.0.0 | "::" | "") HOST=127.0.0.1 ;; esac
BOLT_URL="bolt://$HOST:$BOLT_PORT"
HTTP_URL="http://$HOST:$HTTP_PORT"

log() { echo "neo4j-up: $*" >&2; }

# our_pid prints the pid from the pid file if that process is alive and is our launcher.
our_pid() {
    local pid
    [[ -f $PID_FILE ]] || return 1
    pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
    echo "$pid"
}

bolt_open() { (exec 3<>"/dev/tcp/$HOST/$BOLT_PORT") 2>/dev/null; }

# ready: Bolt accepts connections and a Cypher statement commits over HTTP.
ready() {
    bolt_open || return 1
    if command -v curl >/dev/null; then
        # A commit answers once the database is up; with auth on (a conf of
        # the user's) it answers 401, which also means up.
        local out
        out=$(curl -s -m 5 -w '\n%{http_code}' -H 'Content-Type: application/json' \
            -d '{"statements":[{"statement":"RETURN 1"}]}' \
            "$HTTP_URL/db/neo4j/tx/commit" 2>/dev/null)
        [[ ${out##*$'\n'} == 401 ]] || grep -q '"errors":\[\]' <<<"$out"
    else
        (exec 3<>"/dev/tcp/$HOST/$HTTP_PORT") 2>/dev/null
    fi
}

version() {
    command -v curl >/dev/null || return 0
    curl -sf -m 5 "$HTTP_URL/" 2>/dev/null | sed -n 's/.*"neo4j_version":"\([^"]*\)".*/\1/p'
}

announce() { # $1 = state word, $2 = pid
    echo "Neo4j $(version) $1: $BOLT_URL $HTTP_URL (browser $HTTP_URL/browser/, auth off, pid $2, home $NEO4J_HOME_DIR)"
}

mkdir -p "$NEO4J_HOME_DIR/logs"
# one neo4j-up at a time per home folder
exec 9>"$NEO4J_HOME_DIR/.up.lock"
if command -v flock >/dev/null; then flock 9; fi

if pid=$(our_pid); then
    if ready; then
        announce "already running" "$pid"
        exit 0
    fi
    log "process $pid is running but not answering yet; waiting for it"
    START=$SECONDS
else
    rm -f "$PID_FILE"
    if bolt_open || (exec 3<>"/dev/tcp/$HOST/$HTTP_PORT") 2>/dev/null; then
        if v=$(version) && [[ -n $v ]] && ready; then
            echo "Neo4j $v already answering on $BOLT_URL $HTTP_URL (not started by this script: no pid file in $NEO4J_HOME_DIR)"
            exit 0
        fi
        log "port $BOLT_PORT or $HTTP_PORT on $HOST is taken by something else; set NEO4J_BOLT_PORT/NEO4J_HTTP_PORT"
        exit 1
    fi

    # --- JDK 17, Maven and the launcher, installed and built when missing -----------------
    JAVA=$(bash scripts/neo4j-build.sh) || exit 1
    CP_FILE=neo4j/target/classpath.txt

    # --- start ----------------------------------------------------------------------------
    JVM_OPTS=(
        "-Xms$HEAP" "-Xmx$HEAP"
        -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError
        -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC
        -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
        -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8
        --add-opens=java.base/java.nio=ALL-UNNAMED
        --add-opens=java.base/java.io=ALL-UNNAMED
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
        --add-opens=java.base/java.lang=ALL-UNNAMED
        --enable-native-access=ALL-UNNAMED
    )
    # shellcheck disable=SC2206
    [[ -n ${NEO4J_JAVA_OPTS:-} ]] && JVM_OPTS+=($NEO4J_JAVA_OPTS)

    echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) neo4j-up: starting (bolt $LISTEN:$BOLT_PORT, http $LISTEN:$HTTP_PORT, heap $HEAP, pagecache $PAGECACHE)" >>"$LOG_FILE"
    # setsid: the server gets its own session, so a signal to the caller's process group
    # (Ctrl-C, a test harness timeout) does not take it down.
    nohup setsid "$JAVA" "${JVM_OPTS[@]}" \
        -cp "neo4j/target/classes:$(cat "$CP_FILE")" "$MAIN_CLASS" \
        --home "$NEO4J_HOME_DIR" --listen "$LISTEN" \
        --bolt-port "$BOLT_PORT" --http-port "$HTTP_PORT" --pagecache "$PAGECACHE" \
        >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    START=$SECONDS
fi

# --- wait until it answers -------------------------------------------------------------------
while ! ready; do
    if ! alive "$pid"; then
        log "Neo4j exited during startup; last lines of $LOG_FILE:"
        tail -n 40 "$LOG_FILE" >&2
        rm -f "$PID_FILE"
        exit 1
    fi
    if ((SECONDS - START >= TIMEOUT)); then
        log "Neo4j did not answer within $TIMEOUT s; stopping it. Last lines of $LOG_FILE:"
        tail -n 40 "$LOG_FILE" >&2
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do alive "$pid" || break; sleep 1; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$PID_FILE"
        exit 1
    fi
    sleep 1
done
announce "up in $((SECONDS - START)) s" "$pid"
