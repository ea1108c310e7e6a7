#!/usr/bin/env bash
# make demo: the main job end to end on the local Neo4j, from a fresh clone.
#
# 1. starts the local Neo4j unless one already answers on the Bolt port (scripts/neo4j-up.sh:
#    the first start builds its launcher with Maven and downloads ~210 jars into ~/.m2);
# 2. loads the ten fictional articles of examples/sample/ with `polgraph run` (articles already
#    in the graph are skipped, so running the demo again changes nothing);
# 3. asks the graph two questions, `polgraph query top` and one Cypher query over HTTP, and
#    prints where to look next.
# It leaves Neo4j running (make neo4j-down stops it).
#
# Environment: BIN (default bin/polgraph, built by `make build`), NEO4J_BOLT_PORT (7687),
# NEO4J_HTTP_PORT (7474), POLGRAPH_NEO4J_HOME (.neo4j), as for scripts/neo4j-up.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-bin/polgraph}
BOLT_URL=bolt://127.0.0.1:${NEO4J_BOLT_PORT:-7687}
HTTP_URL=http://127.0.0.1:${NEO4J_HTTP_PORT:-7474}
SAMPLE=examples/sample
# The first question, in the Browser and over HTTP: whom Pezeshkian (Iran's president in three
# of the sample articles) has relations with, with the number of claims behind each.
QUERY="MATCH (a:Actor {name: 'Masoud Pezeshkian'})-[r]-(b:Actor) RETURN a.name AS actor, type(r) AS relation, b.name AS partner, r.count AS claims ORDER BY claims DESC, partner"
BROWSER_QUERY="MATCH (a:Actor {name: 'Masoud Pezeshkian'})-[r]-(b:Actor) RETURN a, r, b"

step() { printf '\n== %s\n' "$*"; }
die() { echo "demo: $*" >&2; exit 1; }

[[ -x $BIN ]] || die "$BIN not found; run make build (make demo does)"

step "Neo4j"
export POLGRAPH_NEO4J_URI=$BOLT_URL
bash scripts/neo4j-up.sh || die "Neo4j did not start; see ${POLGRAPH_NEO4J_HOME:-.neo4j}/logs/neo4j.log"

step "$BIN run $SAMPLE    (extract the ten sample articles and load them)"
"$BIN" run "$SAMPLE"

step "$BIN query top --limit 10    (the most connected actors)"
"$BIN" query top --limit 10

step "Cypher over HTTP: $QUERY"
if command -v curl >/dev/null; then
    body=$(printf '{"statements":[{"statement":"%s"}]}' "$QUERY")
    out=$(curl -sS -m 30 -H 'Content-Type: application/json' -d "$body" "$HTTP_URL/db/neo4j/tx/commit") ||
        die "no answer from $HTTP_URL"
    grep -q '"errors":\[\]' <<<"$out" || die "the query failed: $out"
    rows=$(grep -o '"row":\[[^]]*\]' <<<"$out" | sed 's/^"row":\[//; s/\]$//; s/","/  /g; s/",/  /g; s/,"/  /g; s/"//g')
    [[ -n $rows ]] || die "the query answered no rows: is the sample loaded? ($out)"
    echo "ACTOR  RELATION  PARTNER  CLAIMS"
    echo "$rows"
else
    echo "(curl not found: paste the query into the Browser instead)"
fi

cat <<EOF

== Where to look
Neo4j Browser:  $HTTP_URL/browser/   connect to $BOLT_URL with "No authentication"
A first query to paste there (drag examples/polgraph.grass onto the window for colours):

    $BROWSER_QUERY

From the shell:
    $BIN query top
    $BIN query actor "Masoud Pezeshkian"
    $BIN query path "Antony Blinken" Iran
More questions as Cypher: docs/cookbook.md. Your own articles: $BIN run FOLDER-OR-FILE.
Score the extractor on the sample's gold file: make eval. Stop the Neo4j this clone started: make neo4j-down.
EOF
