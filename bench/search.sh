#!/usr/bin/env bash
# Search benchmark at national scale: minhbach's own search vs Pagefind 1.5 vs one JSON file.
#
#   bench/search.sh [N]            N schools (default 45000)
#
# Environment:
#   BENCH_DIR=/tmp/minhbach-bench  where the corpus, its build and the sample build go (never the repo)
#   RUNS=3                         runs per query and tool (the median is printed)
#   REUSE=1                        keep an existing corpus/build/Pagefind index of the same N
#   PAGEFIND_GLOB='truong/*/index.html'
#                                  pages Pagefind indexes. Default: the school pages, i.e. the same
#                                  45,000 documents minhbach's index holds. '**/*.{html}' indexes the
#                                  whole output (report pages too); Pagefind then needs ~2.9 GB of
#                                  memory at 1,500 schools and far more than a 23 GB machine has
#                                  at 45,000.
#   THROTTLE=3g                    emulate a slow 3G network in Chromium (default: none, localhost)
#   MINHBACH_CHROMIUM=/usr/bin/chromium
#
# Steps: build the release binary and examples/gen-corpus.rs; generate N schools; build them
# (time, pages, size); index the output with Pagefind (npx pagefind --site); build the sample
# province of content/ (for the size of its search/ folder); then bench/search-bench.mjs measures
# every query in headless Chromium and prints the table. Nothing is hard-coded: it prints what it
# measured.
set -euo pipefail

N=${1:-45000}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
BENCH_DIR=${BENCH_DIR:-/tmp/minhbach-bench}
RUNS=${RUNS:-3}
GLOB=${PAGEFIND_GLOB:-truong/*/index.html}
CORPUS="$BENCH_DIR/corpus-$N"
SITE="$CORPUS/output"
SAMPLE="$BENCH_DIR/sample-output"

mkdir -p "$BENCH_DIR"
case "$(cd "$BENCH_DIR" && pwd)/" in
  "$(cd "$REPO" && pwd)/"*) echo "BENCH_DIR must not be inside the repository (the corpus is large)" >&2; exit 2 ;;
esac

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "== cargo build --release (minhbach, examples/gen-corpus)"
(cd "$REPO" && cargo build --release --quiet --bin minhbach --example gen-corpus)
BIN="$REPO/target/release/minhbach"
GEN="$REPO/target/release/examples/gen-corpus"

if [[ "${REUSE:-0}" == 1 && -f "$SITE/index.html" && -f "$SITE/search/meta.json" ]]; then
  echo "== REUSE=1: keeping $CORPUS"
else
  rm -rf "$CORPUS"
  echo "== generating $N schools into $CORPUS"
  t0=$(now)
  "$GEN" --schools "$N" --out "$CORPUS"
  echo "   generated in $(secs "$t0" "$(now)") s"
  echo "== minhbach build"
  t0=$(now)
  "$BIN" build --root "$CORPUS" --output "$SITE" 2>"$CORPUS/build-stderr.log" | tee "$CORPUS/build.log"
  t1=$(now)
  echo "   wall time $(secs "$t0" "$t1") s; output $(find "$SITE" -type f -printf '%s\n' | awk '{ s += $1; n++ } END { printf "%.1f MB in %d files", s / 1e6, n }') (du: $(du -sh "$SITE" | cut -f1)), $(find "$SITE" -name index.html | wc -l) pages (index.html); warnings on stderr: $(grep -c '^warning' "$CORPUS/build-stderr.log" || true)"
fi

echo "== npm packages of bench/ (pagefind, playwright-core)"
if [[ ! -x "$HERE/node_modules/.bin/pagefind" || ! -d "$HERE/node_modules/playwright-core" ]]; then
  (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund)
fi
# the Pagefind binary comes from its npm platform package (@pagefind/<platform>), nothing else is downloaded
PF_VERSION=$(cd "$HERE" && npx --no-install pagefind --version 2>/dev/null || true)
[[ -n "$PF_VERSION" ]] || { echo "Pagefind binary not found in bench/node_modules/@pagefind/*" >&2; exit 1; }
echo "   $PF_VERSION"

if [[ "${REUSE:-0}" == 1 && -f "$SITE/pagefind/pagefind.js" && -f "$CORPUS/pagefind-glob" && "$(cat "$CORPUS/pagefind-glob")" == "$GLOB" ]]; then
  echo "== REUSE=1: keeping the Pagefind index ($GLOB)"
else
  rm -rf "$SITE/pagefind"
  echo "== npx pagefind --site $SITE --glob '$GLOB'"
  t0=$(now)
  (cd "$HERE" && npx --no-install pagefind --site "$SITE" --glob "$GLOB") | grep -E 'Found|Indexed [0-9]+ (pages|words)|rror' || true
  [[ -f "$SITE/pagefind/pagefind.js" ]] || { echo "Pagefind wrote no index" >&2; exit 1; }
  echo "$GLOB" >"$CORPUS/pagefind-glob"
  echo "   indexed in $(secs "$t0" "$(now)") s; pagefind/ $(find "$SITE/pagefind" -type f -printf '%s\n' | awk '{ s += $1; n++ } END { printf "%.1f MB in %d files", s / 1e6, n }')"
fi

echo "== sample province (content/ of the repository) → $SAMPLE"
"$BIN" build --root "$REPO" --output "$SAMPLE" 2>/dev/null

echo "== measuring in headless Chromium"
args=(--site "$SITE" --sample "$SAMPLE" --runs "$RUNS" --json "$BENCH_DIR/results-$N.json")
[[ -n "${THROTTLE:-}" ]] && args+=(--throttle "$THROTTLE")
node "$HERE/search-bench.mjs" "${args[@]}"
