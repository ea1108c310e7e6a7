#!/usr/bin/env bash
# Load benchmark on real extractions, in one run:
#   1. extracts ../shared/corpus once and repeats the extraction with new article ids until it
#      holds at least RELATIONS evidence relations;
#   2. `polgraph load` of the whole file into a fresh private Neo4j (free ports, stopped
#      afterwards): evidence relations/s, articles/s, polgraph's peak RSS;
#   3. the naive loader (graph.TestNaiveLoad: one MERGE statement per relation per
#      transaction) on the first articles of the same file, NAIVE relations, under new article
#      ids, against the same server: relations/s and the ratio;
#   4. the bulk path on the same file: `polgraph export --format neo4j-admin`, then
#      scripts/neo4j-import.sh into another fresh store, then `polgraph schema`.
# It prints figures and asserts none.
#
# Environment: SHARED (default ../shared), OUT (default /tmp/polgraph-bench-load),
# RELATIONS (default 100000), NAIVE (default 2000), BATCH (default: the config's
# load.batch_size), NEO4J_BOLT_PORT/NEO4J_HTTP_PORT (default 7697/7487).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=${OUT:-/tmp/polgraph-bench-load}
RELATIONS=${RELATIONS:-100000}
mkdir -p "$OUT"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }

go build -o "$OUT/polgraph" ./cmd/polgraph
BIN=$OUT/polgraph
"$BIN" extract -q -o "$OUT/once.jsonl" "$SHARED/corpus/seed.jsonl" "$SHARED/corpus/wikinews-2019-2020.jsonl"

# Repeat with new ids (streamed line by line).
python3 - "$OUT/once.jsonl" "$OUT/big.jsonl" "$RELATIONS" <<'PY'
import json, sys
src, dst, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [json.loads(l) for l in open(src, encoding="utf-8")]
per = sum(len(r["relations"]) for r in lines)
copies = -(-want // per)
n = rels = 0
with open(dst, "w", encoding="utf-8") as out:
    for c in range(copies):
        for r in lines:
            r = dict(r, article=dict(r["article"], id=f'{r["article"]["id"]}-copy{c}'))
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
            rels += len(r["relations"])
print(f"{n} articles, {rels} evidence relations ({copies} copies of {len(lines)} articles)")
PY

export POLGRAPH_NEO4J_HOME=$OUT/neo4j NEO4J_BOLT_PORT=${NEO4J_BOLT_PORT:-7697} NEO4J_HTTP_PORT=${NEO4J_HTTP_PORT:-7487}
export POLGRAPH_NEO4J_URI=bolt://127.0.0.1:$NEO4J_BOLT_PORT
trap 'bash scripts/neo4j-down.sh >/dev/null 2>&1 || true' EXIT
read -r ARTS RELS < <(python3 -c '
import json, sys
a = r = 0
for l in open(sys.argv[1], encoding="utf-8"):
    a += 1; r += len(json.loads(l)["relations"])
print(a, r)' "$OUT/big.jsonl")
rate() { python3 -c "import sys; n, s = float(sys.argv[1]), float(sys.argv[2]); print(f'{n/s:,.0f}')" "$@"; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

# --- 2. polgraph load ---------------------------------------------------------------------
rm -rf "$POLGRAPH_NEO4J_HOME"
bash scripts/neo4j-up.sh
"$BIN" schema -q
args=(load -q "$OUT/big.jsonl")
[ -n "${BATCH:-}" ] && args+=(--batch-size "$BATCH")
start=$(now)
/usr/bin/time -v "$BIN" "${args[@]}" 2> "$OUT/time.txt" || { cat "$OUT/time.txt"; exit 1; }
LOAD_S=$(since "$start")
RSS=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\)/\1/p' "$OUT/time.txt")
grep -E "^(loaded|load):" "$OUT/time.txt" || true
LOAD_RATE=$(rate "$RELS" "$LOAD_S")
echo "load: $ARTS articles, $RELS evidence relations in $LOAD_S s: $LOAD_RATE evidence relations/s, $(rate "$ARTS" "$LOAD_S") articles/s; polgraph peak RSS $((RSS / 1024)) MB"

# --- 3. the naive loader, same server -------------------------------------------------------
POLGRAPH_TEST_NEO4J_URI=$POLGRAPH_NEO4J_URI POLGRAPH_BENCH_NAIVE=$OUT/big.jsonl \
    POLGRAPH_BENCH_NAIVE_RELATIONS=${NAIVE:-2000} \
    go test ./graph -run '^TestNaiveLoad$' -count=1 -v -timeout 60m > "$OUT/naive.txt" 2>&1 || { cat "$OUT/naive.txt"; exit 1; }
NAIVE_RATE=$(sed -n 's/.*: \([0-9]*\) evidence relations\/s$/\1/p' "$OUT/naive.txt")
sed -n 's/^ *bench_test.go:[0-9]*: //p' "$OUT/naive.txt"
echo "load / naive = $(python3 -c "import sys; print(f'{float(sys.argv[1].replace(\",\",\"\"))/float(sys.argv[2]):.1f}')" "$LOAD_RATE" "$NAIVE_RATE")x"
bash scripts/neo4j-down.sh >/dev/null

# --- 4. the bulk path: export, neo4j-admin import, schema -------------------------------------
rm -rf "$OUT/export" "$POLGRAPH_NEO4J_HOME"
start=$(now)
"$BIN" export -q "$OUT/export" "$OUT/big.jsonl" 2>/dev/null
EXPORT_S=$(since "$start")
bash scripts/neo4j-import.sh "$OUT/export" 2>&1 | grep -E "Imported|up in" || true
"$BIN" schema -q
BULK_S=$(since "$start")
IMPORT_S=$(sed -n 's/^IMPORT DONE in \(.*\)\. *$/\1/p' "$POLGRAPH_NEO4J_HOME/logs/import.log")
echo "bulk: export $EXPORT_S s, importer $IMPORT_S, total with server start and schema $BULK_S s: $(rate "$RELS" "$BULK_S") evidence relations/s, $(rate "$ARTS" "$BULK_S") articles/s"
