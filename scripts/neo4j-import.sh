#!/usr/bin/env bash
# Bulk-load a `polgraph export --format neo4j-admin DIR` folder into the local Neo4j (the one
# scripts/neo4j-up.sh runs) with Neo4j's own importer, `neo4j-admin database import full`,
# run from the same Maven artefacts as the server; then start the server. The fastest first
# load of a large corpus: it writes the store files directly, without transactions.
#
# Usage: scripts/neo4j-import.sh [--replace] DIR
#   --replace   delete the database `neo4j` of POLGRAPH_NEO4J_HOME first (without it, the
#               import refuses to touch a home that already holds that database)
#
# The server is stopped for the import if it runs. Constraints and indexes are not part of
# the files: run `polgraph schema` afterwards (make neo4j-import does).
# Environment: those of neo4j-up.sh (POLGRAPH_NEO4J_HOME, NEO4J_BOLT_PORT, NEO4J_HTTP_PORT,
# NEO4J_HEAP, ...), and NEO4J_IMPORT_HEAP (default 1g) for the importer's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/neo4j-import.sh [--replace] DIR" >&2; exit 2; }
replace=
DIR=
for arg in "$@"; do
    case $arg in
    --replace) replace=1 ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) usage ;;
    *) [[ -z $DIR ]] || usage; DIR=$arg ;;
    esac
done
[[ -n $DIR ]] || usage
log() { echo "neo4j-import: $*" >&2; }

for f in actors.csv articles.csv claims.csv mentions.csv states.csv subject.csv object.csv; do
    [[ -f $DIR/$f ]] || { log "$DIR/$f is missing: DIR must be written by 'polgraph export --format neo4j-admin DIR'"; exit 1; }
done
DIR=$(cd "$DIR" && pwd)
NEO4J_HOME_DIR=${POLGRAPH_NEO4J_HOME:-.neo4j}
mkdir -p "$NEO4J_HOME_DIR/logs"
HOME_ABS=$(cd "$NEO4J_HOME_DIR" && pwd)
if [[ -d $HOME_ABS/data/databases/neo4j && -z $replace ]]; then
    log "$HOME_ABS already holds the database 'neo4j'; pass --replace (make neo4j-import: REPLACE=1) to delete it and import $DIR, or set POLGRAPH_NEO4J_HOME to a new folder"
    exit 1
fi

JAVA=$(bash scripts/neo4j-build.sh)
bash scripts/neo4j-down.sh >&2

args=(database import full neo4j --multiline-fields=true --array-delimiter=U+001F
    "--report-file=$HOME_ABS/logs/import-report.txt")
[[ -n $replace ]] && args+=(--overwrite-destination=true)
for f in actors articles claims; do args+=("--nodes=$DIR/$f.csv"); done
for f in mentions states subject object; do args+=("--relationships=$DIR/$f.csv"); done
for f in "$DIR"/rollup-*.csv; do [[ -f $f ]] && args+=("--relationships=$f"); done

log "importing $DIR into $HOME_ABS (log: $HOME_ABS/logs/import.log)"
t0=$SECONDS
# NEO4J_CONF: the home's neo4j.conf, the file the launcher loads, if there is one.
if ! NEO4J_HOME=$HOME_ABS NEO4J_CONF=$HOME_ABS "$JAVA" "-Xmx${NEO4J_IMPORT_HEAP:-1g}" \
    -cp "neo4j/target/classes:$(cat neo4j/target/classpath.txt)" org.neo4j.cli.AdminTool "${args[@]}" \
    >"$HOME_ABS/logs/import.log" 2>&1; then
    log "import failed; last lines of $HOME_ABS/logs/import.log:"
    tail -n 20 "$HOME_ABS/logs/import.log" >&2
    exit 1
fi
grep -A3 '^Imported:' "$HOME_ABS/logs/import.log" | sed 's/^ *//' | paste -sd' ' | sed "s/^/neo4j-import: /; s/\$/ in $((SECONDS - t0)) s/" >&2
bash scripts/neo4j-up.sh
