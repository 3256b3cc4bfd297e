#!/usr/bin/env bash
# National-portal benchmark: a generated corpus of N schools over the 34 provinces with NO
# `province` in config.toml (every school.toml names its own), built cold RUNS times; prints
# the build time and peak memory against the national-scale targets, and the sizes that a
# portal of the whole country must keep (issue 18):
#   - home page ≤ 30 KB gzip; /thong-ke/ and every /tinh/<province>/ page ≤ 60 KB gzip;
#   - /tim-kiem/ ≤ 15 KB gzip;
#   - every sitemap file ≤ 50,000 URLs (and 50 MB); every output file ≤ 100 MB.
#
#   bench/national.sh [N]           number of schools (default 45000)
#
# Environment:
#   RUNS=3                          cold builds (median, min and max are printed)
#   BENCH_DIR=target/bench-national corpus (reused while its stamp says the same N) and output
#   MINHBACH_BIN, GEN_CORPUS_BIN    binaries to use; when either is unset, the script runs
#                                   `cargo build --release --bin minhbach --example gen-corpus`
#
# Targets: under 90 s and ≤ 1 GiB peak RSS at 45,000 schools on the 2-core reference machine.
# Every figure is printed with its limit and "ok" or "OVER"; the exit status is 1 when any is
# over, so that the script can gate a release. Progress goes to stderr, figures to stdout.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
cd "$REPO"

N=${1:-45000}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-target/bench-national}
for v in "$N" "$RUNS"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive integer: '$v' (see the top of $0)" >&2; exit 2; }
done
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)

log() { echo "[bench/national $(date +%H:%M:%S)] $*" >&2; }
die() { echo "bench/national: $*" >&2; exit 1; }
now() { date +%s.%N; }

if [[ ! -x /usr/bin/time ]]; then
  log "installing Debian package: time"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq time >&2; else sudo apt-get install -y -qq time >&2; fi
fi
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"

if [[ -n "${MINHBACH_BIN:-}" && -n "${GEN_CORPUS_BIN:-}" ]]; then
  MINHBACH=$MINHBACH_BIN
  GEN=$GEN_CORPUS_BIN
else
  log "cargo build --release --bin minhbach --example gen-corpus"
  cargo build --release --quiet --bin minhbach --example gen-corpus >&2
  MINHBACH=$REPO/target/release/minhbach
  GEN=$REPO/target/release/examples/gen-corpus
fi

CORPUS=$BENCH_DIR/corpus-$N
STAMP="n=$N national"
if [[ "$(cat "$CORPUS/.stamp" 2>/dev/null)" != "$STAMP" ]]; then
  log "generating $N schools (national) into $CORPUS"
  "$GEN" --schools "$N" --national --out "$CORPUS" --force >&2
  echo "$STAMP" > "$CORPUS/.stamp"
fi
grep -q '^province' "$CORPUS/config.toml" && die "$CORPUS/config.toml names a province"

OUT=$BENCH_DIR/out-$N
walls=()
rss_max=0
for run in $(seq 1 "$RUNS"); do
  rm -rf "$OUT" "$BENCH_DIR/.out-$N.new"
  log "build $run/$RUNS"
  t0=$(now)
  /usr/bin/time -v -o "$BENCH_DIR/time.txt" "$MINHBACH" build --root "$CORPUS" --output "$OUT" \
    > "$BENCH_DIR/build.log" 2>&1 || { tail -n 30 "$BENCH_DIR/build.log" >&2; die "build failed"; }
  t1=$(now)
  walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
  rss=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$BENCH_DIR/time.txt")
  (( rss > rss_max )) && rss_max=$rss
done
read -r median min max < <(printf '%s\n' "${walls[@]}" | sort -g | awk '
  { v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }')

over=0
# row WHAT VALUE LIMIT UNIT: one line of the table, and "OVER" counted.
row() {
  local verdict=ok
  if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v > l) }'; then verdict=OVER; over=$((over + 1)); fi
  printf '%-46s %14s %12s %s  %s\n' "$1" "$2" "$3" "$4" "$verdict"
}
gz() { gzip -9c "$1" | wc -c | awk '{ printf "%.1f", $1 / 1024 }'; }

echo "minhbach $("$MINHBACH" --version 2>/dev/null | awk '{ print $2 }') · $N schools, national (no province in config.toml)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(tail -n 1 "$BENCH_DIR/build.log")"
echo
printf '%-46s %14s %12s %s  %s\n' "figure" "value" "limit" "unit" ""
row "build time, median of $RUNS (min $min, max $max)" "$median" 90 s
row "peak RSS (max of $RUNS)" "$(awk -v k="$rss_max" 'BEGIN { printf "%.0f", k / 1024 }')" 1024 MiB
row "home page, gzip" "$(gz "$OUT/index.html")" 30 KB
row "/thong-ke/, gzip" "$(gz "$OUT/thong-ke/index.html")" 60 KB
row "/tim-kiem/, gzip" "$(gz "$OUT/tim-kiem/index.html")" 15 KB
row "/tinh/, gzip" "$(gz "$OUT/tinh/index.html")" 60 KB
largest=""; largest_kb=0; provinces=0
for f in "$OUT"/tinh/*/index.html; do
  provinces=$((provinces + 1))
  kb=$(gz "$f")
  if awk -v a="$kb" -v b="$largest_kb" 'BEGIN { exit !(a > b) }'; then largest_kb=$kb; largest=${f#"$OUT"/}; fi
done
row "largest of $provinces province pages, gzip ($largest)" "$largest_kb" 60 KB
sitemaps=0; most_urls=0; biggest_sitemap=0
for f in "$OUT"/sitemap*.xml; do
  sitemaps=$((sitemaps + 1))
  urls=$(grep -o '<loc>' "$f" | wc -l)
  bytes=$(stat -c %s "$f")
  (( urls > most_urls )) && most_urls=$urls
  (( bytes > biggest_sitemap )) && biggest_sitemap=$bytes
done
row "most URLs in one of $sitemaps sitemap files" "$most_urls" 50000 URLs
row "largest sitemap file" "$(awk -v b="$biggest_sitemap" 'BEGIN { printf "%.1f", b / 1048576 }')" 50 MiB
read -r big_bytes big_file < <(find "$OUT" -type f -printf '%s %P\n' | sort -n | tail -n 1)
row "largest output file ($big_file)" "$(awk -v b="$big_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')" 100 MiB
echo
echo "output: $(find "$OUT" -type f | wc -l) files, $(du -sb "$OUT" | awk '{ printf "%.0f MB", $1 / 1048576 }')"
if (( over > 0 )); then echo "$over figure(s) over their limit"; exit 1; fi
