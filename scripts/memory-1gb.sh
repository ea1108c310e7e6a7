#!/usr/bin/env bash
# Peak memory (RSS) of polgraph on a ~1 GB input: memory must stay flat
# whatever the size of the input (bounded channels, streamed readers).
#
#   1. polgraph run --dry-run --workers 2   the whole pipeline (read, extract, validate; no
#                                          Neo4j) over the first $PIPELINE_ARTICLES articles of
#                                          the 1 GB file: extraction is the slow stage, so the
#                                          default is sized to take about 2 minutes on 2 cores (~185 articles/s).
#   2. polgraph read (hidden, reader only)  over the whole 1 GB of articles, when the binary
#                                          has it.
#   3. polgraph load --dry-run              over ~1 GB of extraction JSONL: every line read,
#                                          decoded and validated, in batches, nothing written.
#
# Inputs are generated, streamed, from ../shared/corpus into $OUT (never the repository):
# each article repeated with a new id and a marker in its text, so that duplicate detection
# keeps every copy; each extraction record likewise with new article ids.
#
# Environment: OUT (default /tmp/polgraph-mem), SIZE_MB (default 1024), PIPELINE_ARTICLES
# (default 22000), WORKERS (default 2), SHARED (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-/tmp/polgraph-mem}
SIZE_MB=${SIZE_MB:-1024}
PIPELINE_ARTICLES=${PIPELINE_ARTICLES:-22000}
WORKERS=${WORKERS:-2}
SHARED=${SHARED:-../shared}
BIN=$OUT/polgraph
mkdir -p "$OUT"
say() { echo "== memory-1gb: $*" >&2; }

if [[ ! -x /usr/bin/time ]]; then
    say "installing GNU time"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
command -v python3 >/dev/null || { say "python3 is needed to generate the input"; exit 1; }
ls "$SHARED"/corpus/*.jsonl >/dev/null || { say "no corpus in $SHARED/corpus"; exit 1; }

say "build $BIN"
CGO_ENABLED=0 go build -trimpath -o "$BIN" ./cmd/polgraph

# generate SRC... DEST MODE: repeat the records of SRC files into DEST until it holds SIZE_MB,
# one record at a time (memory: one copy of the small corpus).
generate() {
    python3 - "$1" "$2" "$3" "$SIZE_MB" <<'PY'
import glob, json, os, sys
src, dest, mode, size_mb = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
records = []
for path in sorted(glob.glob(src)):
    with open(path, encoding="utf-8") as f:
        records += [l for l in f if l.strip()]
limit = size_mb << 20
size = n = 0
tmp = dest + ".part"
with open(tmp, "w", encoding="utf-8") as out:
    while size < limit:
        for line in records:
            n += 1
            r = json.loads(line)
            if mode == "articles":
                r["id"] = f"mem-{n}-{r.get('id', '')}"
                r["text"] = f"(copy {n}) " + r["text"]
            else:
                r["article"]["id"] = f"mem-{n}-{r['article']['id']}"
            s = json.dumps(r, ensure_ascii=False) + "\n"
            out.write(s)
            size += len(s.encode())
            if size >= limit:
                break
os.replace(tmp, dest)
print(f"{dest}: {n} records, {size / 2**20:.0f} MB", file=sys.stderr)
PY
}

if [[ ! -s $OUT/articles.jsonl ]]; then
    say "generate ~$SIZE_MB MB of articles into $OUT/articles.jsonl"
    generate "$SHARED/corpus/*.jsonl" "$OUT/articles.jsonl" articles
fi
if [[ ! -s $OUT/extraction.jsonl ]]; then
    say "extract the corpus once and generate ~$SIZE_MB MB of extraction JSONL"
    "$BIN" extract "$SHARED"/corpus/*.jsonl -o "$OUT/seed-extraction.jsonl" 2>/dev/null
    generate "$OUT/seed-extraction.jsonl" "$OUT/extraction.jsonl" extraction
fi
head -n "$PIPELINE_ARTICLES" "$OUT/articles.jsonl" >"$OUT/prefix.jsonl"

# measure NAME ARGS...: run polgraph under /usr/bin/time -v and print its figures.
declare -a FIGURES
measure() {
    local name=$1 log=$OUT/$1.time
    shift
    say "$name: polgraph $*"
    /usr/bin/time -v -o "$log" "$BIN" "$@" >/dev/null 2>"$OUT/$name.stderr" || {
        say "$name failed; last lines of $OUT/$name.stderr:"; tail -5 "$OUT/$name.stderr" >&2; exit 1; }
    local rss wall summary
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    summary=$(grep -E '^(run|load|read): ' "$OUT/$name.stderr" | tail -1 || true)
    FIGURES+=("$(printf '%-24s peak RSS %4d MB  wall %8s  %s' "$name" $((rss / 1024)) "$wall" "$summary")")
}

in_mb() { echo $(($(stat -c %s "$1") >> 20)); }
measure "run-dry-$PIPELINE_ARTICLES" run --dry-run --workers "$WORKERS" --log-level error "$OUT/prefix.jsonl"
if "$BIN" read --help >/dev/null 2>&1; then
    measure "read-$(in_mb "$OUT/articles.jsonl")MB" read --log-level error "$OUT/articles.jsonl"
else
    say "this polgraph has no 'read' command: no reader-only pass over the articles"
fi
measure "load-dry-$(in_mb "$OUT/extraction.jsonl")MB" load --dry-run --log-level error "$OUT/extraction.jsonl"

echo "peak memory of polgraph ($(nproc) cores, inputs in $OUT: articles $(in_mb "$OUT/articles.jsonl") MB, prefix $(in_mb "$OUT/prefix.jsonl") MB, extraction $(in_mb "$OUT/extraction.jsonl") MB):"
printf '  %s\n' "${FIGURES[@]}"
