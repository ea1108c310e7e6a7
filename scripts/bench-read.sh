#!/usr/bin/env bash
# Measure reading throughput (MB/s) and peak memory (RSS) on a ~1 GB corpus.
#
# What each figure measures:
#   1. go test ./corpus -bench   the readers alone (corpus.Read over an in-memory JSONL/CSV):
#                                MB/s of input parsed, no disk, no dedup, no extraction.
#   2. polgraph read BIG         the CLI's reading half (corpus.Read from disk + corpus.Dedup +
#                                counting), no extraction: MB/s of article text and peak RSS on
#                                the whole 1 GB file. `read` is a hidden command for this.
#   3. polgraph run --dry-run    the whole pipeline (read, extract on --workers, validate, no
#                                Neo4j) on the first $PIPELINE_ARTICLES articles: articles/s and
#                                peak RSS. Extraction runs at ~100 articles/s/core, so 1 GB
#                                (~220k articles) would take an hour; memory is bounded by the
#                                channels, so a slice shows the steady state.
#
# Inputs are generated from ../shared/corpus (every article repeated with a new id and a
# marker so that duplicate detection keeps them) into $OUT, never into the repository.
#
# Environment: OUT (default /tmp/polgraph-bench), SIZE_MB (default 1024),
#              PIPELINE_ARTICLES (default 5000), WORKERS (default 2), SHARED (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-/tmp/polgraph-bench}
SIZE_MB=${SIZE_MB:-1024}
PIPELINE_ARTICLES=${PIPELINE_ARTICLES:-5000}
WORKERS=${WORKERS:-2}
SHARED=${SHARED:-../shared}
mkdir -p "$OUT"

echo "== build"
go build -o "$OUT/polgraph" ./cmd/polgraph

if [[ ! -s $OUT/big.jsonl || ! -s $OUT/big.csv ]]; then
    echo "== generate ~$SIZE_MB MB of JSONL and CSV in $OUT"
    python3 - "$SHARED/corpus" "$OUT" "$SIZE_MB" <<'PY'
import csv, glob, json, os, sys
src, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
arts = []
for path in sorted(glob.glob(os.path.join(src, "*.jsonl"))):
    with open(path, encoding="utf-8") as f:
        arts += [json.loads(l) for l in f if l.strip()]
limit = size_mb << 20
with open(os.path.join(out, "big.jsonl"), "w", encoding="utf-8") as jf, \
     open(os.path.join(out, "big.csv"), "w", encoding="utf-8", newline="") as cf:
    w = csv.writer(cf)
    w.writerow(["id", "title", "text", "published", "source"])
    n = size = 0
    while size < limit:
        for a in arts:
            n += 1
            rec = {"id": f"bench-{n}", "title": a.get("title", ""),
                   "text": f"(copy {n}) " + a["text"], "published": a.get("published", ""),
                   "source": a.get("source", "")}
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            jf.write(line)
            w.writerow([rec["id"], rec["title"], rec["text"], rec["published"], rec["source"]])
            size += len(line.encode())
            if size >= limit:
                break
print(f"{n} articles")
PY
fi
ls -l "$OUT"/big.*

echo "== 1. readers alone (go test ./corpus -bench)"
go test ./corpus -run '^$' -bench 'BenchmarkRead(JSONL|CSV)$' -benchmem | grep -E '^Benchmark|^ok'

measure() { # label, command...
    local label=$1
    shift
    /usr/bin/time -v "$@" 2>"$OUT/time.txt" >/dev/null || true
    grep -E '^(read|run|dry run):' "$OUT/time.txt" | tail -3 | sed 's/^/    /'
    printf '    %s: wall %s, peak RSS %s MB\n' "$label" \
        "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$OUT/time.txt")" \
        "$(awk '/Maximum resident set size/ {printf "%.0f", $NF/1024}' "$OUT/time.txt")"
}

echo "== 2. polgraph read (reading half of the CLI, whole file)"
for f in big.jsonl big.csv; do
    measure "$f ($(du -m "$OUT/$f" | cut -f1) MB)" "$OUT/polgraph" read --quiet "$OUT/$f"
done

echo "== 3. polgraph run --dry-run --workers $WORKERS (whole pipeline, first $PIPELINE_ARTICLES articles)"
head -n "$PIPELINE_ARTICLES" "$OUT/big.jsonl" >"$OUT/slice.jsonl"
measure "slice.jsonl ($PIPELINE_ARTICLES articles)" "$OUT/polgraph" run --dry-run --quiet --workers "$WORKERS" "$OUT/slice.jsonl"
