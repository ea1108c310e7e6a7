#!/usr/bin/env bash
# Drives Neo4j Browser in headless Chromium (browser-test.mjs): applies
# examples/polgraph.grass, runs a cookbook query against the shared corpus and
# saves artifacts/browser/cookbook.png. Installs what is missing: Debian's
# chromium (apt-get) and playwright-core (npm ci, from package-lock.json;
# playwright never downloads a browser). Loads ../shared/corpus first (polgraph
# run skips what is loaded). Exits non-zero on any failure.
#
# Environment: POLGRAPH_TEST_NEO4J_URI (default bolt://127.0.0.1:7687),
# POLGRAPH_BROWSER_URL (default http://127.0.0.1:7474/browser/),
# POLGRAPH_SHARED (default ../shared next to the repository), CHROMIUM
# (default /usr/bin/chromium), POLGRAPH_SCREENSHOT.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
uri=${POLGRAPH_TEST_NEO4J_URI:-bolt://127.0.0.1:7687}
shared=${POLGRAPH_SHARED:-$repo/../shared}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
if [ ! -x "$CHROMIUM" ]; then
  echo "run.sh: installing chromium with apt-get" >&2
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null || { echo "run.sh: node 20 or later is needed" >&2; exit 1; }
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "run.sh: installing playwright-core with npm ci" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -f "$shared/corpus/seed.jsonl" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$repo" && go build -o "$tmp/polgraph" ./cmd/polgraph)
  (cd "$tmp" && XDG_CONFIG_HOME="$tmp" ./polgraph run --quiet --uri "$uri" "$shared/corpus")
else
  echo "run.sh: no corpus at $shared/corpus; the cookbook query needs it loaded" >&2
fi

POLGRAPH_BOLT=${uri#*://} node "$here/browser-test.mjs"
