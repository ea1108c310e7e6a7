#!/usr/bin/env bash
# Load benchmark on real extractions: extracts ../shared/corpus once, repeats
# the extraction with new article ids until it holds at least 100,000
# evidence relations, loads it with `polgraph load` into a private Neo4j
# (a fresh store on free ports, stopped afterwards) and prints evidence
# relations/s, articles/s and polgraph's peak RSS. The naive-loader ratio is
# measured by `make bench-load` (graph.TestLoadThroughput).
#
# Environment: SHARED (default ../shared), OUT (default /tmp/polgraph-bench-load),
# RELATIONS (default 100000), BATCH (default: the config's load.batch_size).
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
rm -rf "$POLGRAPH_NEO4J_HOME"
bash scripts/neo4j-up.sh
trap 'bash scripts/neo4j-down.sh >/dev/null' EXIT
export POLGRAPH_NEO4J_URI=bolt://127.0.0.1:$NEO4J_BOLT_PORT
"$BIN" schema -q
args=(load -q "$OUT/big.jsonl")
[ -n "${BATCH:-}" ] && args+=(--batch-size "$BATCH")
start=$(date +%s.%N)
/usr/bin/time -v "$BIN" "${args[@]}" 2> "$OUT/time.txt" || { cat "$OUT/time.txt"; exit 1; }
end=$(date +%s.%N)
grep -E "^(loaded|load):" "$OUT/time.txt" || true
python3 - "$OUT/big.jsonl" "$start" "$end" "$OUT/time.txt" <<'PY'
import json, re, sys
path, start, end, tf = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
arts = rels = 0
for l in open(path, encoding="utf-8"):
    r = json.loads(l); arts += 1; rels += len(r["relations"])
secs = end - start
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(tf).read()).group(1)) / 1024
print(f"load: {arts} articles, {rels} evidence relations in {secs:.1f} s: {rels/secs:,.0f} evidence relations/s, {arts/secs:,.0f} articles/s; polgraph peak RSS {rss:.0f} MB")
PY
