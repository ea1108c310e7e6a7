#!/usr/bin/env bash
# Run the Go tests against a real Neo4j (make test, make test-faults, .ci/run).
#
#   scripts/test.sh [go test arguments]        default: -timeout 30m ./...
#
# Runs `go test -race -count=1 ARGS` with POLGRAPH_TEST_NEO4J_URI set (default
# bolt://127.0.0.1:7687). When no Neo4j answers the Bolt handshake there, it starts the local one
# (scripts/neo4j-up.sh, Bolt port taken from the URI) and stops it again when the tests end,
# pass, fail or Ctrl-C. A Neo4j that already answers (yours, or one started from another clone)
# is used and left running. (So a test run of another clone that found the Neo4j this one
# started loses it when this one ends: run one `make test` at a time per machine.)
#
# Environment:
#   POLGRAPH_TEST_NEO4J_URI   the test database               default bolt://127.0.0.1:7687
#   POLGRAPH_NEO4J_HOME       store of a Neo4j started here    default .neo4j
#   NEO4J_HTTP_PORT           its HTTP port                    default 7474 (set it with another Bolt port)
#   GO                        the go command                   default go
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
export POLGRAPH_TEST_NEO4J_URI=${POLGRAPH_TEST_NEO4J_URI:-bolt://127.0.0.1:7687}
uri=$POLGRAPH_TEST_NEO4J_URI
[[ $# -gt 0 ]] || set -- -timeout 30m ./...

say() { echo "test.sh: $*" >&2; }

# host and port of the URI: scheme://host[:port][/...]
hostport=${uri#*://}
hostport=${hostport%%/*}
host=${hostport%:*}
port=${hostport##*:}
[[ $hostport == *:* ]] || port=7687

# bolt_answers: the server at host:port completes a Bolt handshake (magic 0x6060B017, four
# proposed versions) with a version (00 00 minor major), not merely accepts a TCP connection: an
# HTTP server, say, answers "HTTP".
bolt_answers() {
    # shellcheck disable=SC2016 # expanded by the inner bash, from its arguments
    timeout 5 bash -c '
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x03\x00\x00\x00\x00" >&3
        v=$(head -c 4 <&3 | od -An -tx1 | tr -d " \n")
        [[ $v =~ ^0000[0-9a-f]{2}0[1-9a-f]$ ]]' _ "$1" "$2" 2>/dev/null
}

started=
stop_started() {
    [[ -n $started ]] || return 0
    say "stopping the Neo4j this script started"
    bash scripts/neo4j-down.sh || true
}
trap stop_started EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if bolt_answers "$host" "$port"; then
    say "using the Neo4j answering on $uri"
else
    case $host in
    127.0.0.1 | localhost) ;;
    *)
        say "no Neo4j answers on $uri, and it is not local, so none is started here; start it or set POLGRAPH_TEST_NEO4J_URI"
        exit 1
        ;;
    esac
    say "no Neo4j answers on $uri; starting the local one (stopped again when the tests end)"
    started=1
    if ! NEO4J_BOLT_PORT=$port bash scripts/neo4j-up.sh; then
        say "the local Neo4j did not start; its log is ${POLGRAPH_NEO4J_HOME:-.neo4j}/logs/neo4j.log"
        exit 1
    fi
fi

say "$GO test -race -count=1 $*"
"$GO" test -race -count=1 "$@"
