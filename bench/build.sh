#!/usr/bin/env bash
# Full-build benchmark: minhbach vs Hugo on the same generated corpus, cold builds.
#
#   bench/build.sh [N ...]          numbers of schools (default: 1500 10000 45000)
#
# Environment:
#   RUNS=3                          cold builds per tool and N (median, min and max are printed)
#   HUGO_RUNS=RUNS                  Hugo's cold builds per N, when fewer are wanted (Hugo takes
#                                   some 10 minutes a run at 10,000 schools on 2 cores)
#   BENCH_DIR=target/bench-build    corpora, Hugo sites, caches and outputs (a relative path is
#                                   taken from the repository root)
#   HUGO_LIMIT=900                  seconds after which a Hugo run is stopped (timeout); it is
#                                   then recorded as "stopped after Ns" instead of a time and the
#                                   remaining Hugo runs of that N are not started
#   HUGO_MAX_N=10000                above this N Hugo is not run: "skipped (N > HUGO_MAX_N)".
#                                   Hugo 0.111 holds every rendered report in memory: its peak
#                                   RSS was 3.5 GB at 1,500 schools (about 2.3 MB a school), so
#                                   10,000 needs some 20+ GB; lower it on a smaller machine
#   MINHBACH_BIN, GEN_CORPUS_BIN    binaries to use; when either is unset, the script runs
#                                   `cargo build --release --bin minhbach --example gen-corpus`
#   FRESH_FS=1                      write each run's output into a new, empty ext4 filesystem
#                                   (a loop-mounted sparse file in BENCH_DIR, made before the run
#                                   and removed after it; needs root). Why: ext4 skips inodes
#                                   freed in the last minutes when it allocates new ones, so a
#                                   build that follows the deletion of a large output (the
#                                   previous run's) spends most of its time in the kernel, more so
#                                   the more files it writes; measured here, creating 5,000 files
#                                   took 3.9 s after a large deletion and 0.15 s on fresh ground.
#                                   With FRESH_FS=0 (or not root) outputs go to plain folders.
#
# Steps per N: generate the corpus once (examples/gen-corpus.rs into BENCH_DIR/corpus-N, reused
# while its stamp says the same N); convert it to a Hugo site (bench/to_hugo.py, templates in
# bench/hugo/) into BENCH_DIR/hugo-N; then RUNS times minhbach, then RUNS times Hugo: a new output
# (and Hugo's cache dir and resources/), run the build under /usr/bin/time -v, and record the
# wall time (date +%s.%N around it) and peak RSS. After the last run: pages (*.html files in
# the output) and output size (du -sb). A build that fails stops the script, with its log.
#   minhbach build --root BENCH_DIR/corpus-N --output BENCH_DIR/out-minhbach-N
#   hugo --source BENCH_DIR/hugo-N --destination BENCH_DIR/out-hugo-N --minify --quiet
#        --cacheDir BENCH_DIR/hugo-cache-N    (the corpus has minify = true, so Hugo minifies too)
# "Cold" means no state from a previous build (no output, no Hugo cache); the OS page cache
# holds the corpus for both tools alike. Hugo (Debian's package) and /usr/bin/time (Debian's
# `time`) are installed with apt-get when missing (sudo when not root). Progress goes to
# stderr; the machine, the versions and the table go to stdout.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
cd "$REPO"

if [[ $# -gt 0 ]]; then NS=("$@"); else NS=(1500 10000 45000); fi
RUNS=${RUNS:-3}
HUGO_RUNS=${HUGO_RUNS:-$RUNS}
BENCH_DIR=${BENCH_DIR:-target/bench-build}
HUGO_LIMIT=${HUGO_LIMIT:-900}
HUGO_MAX_N=${HUGO_MAX_N:-10000}
FRESH_FS=${FRESH_FS:-1}
if [[ $FRESH_FS == 1 && $(id -u) -ne 0 ]]; then
  echo "bench/build: FRESH_FS=1 needs root (mount); using plain folders" >&2
  FRESH_FS=0
fi
for v in "${NS[@]}" "$RUNS" "$HUGO_RUNS" "$HUGO_LIMIT" "$HUGO_MAX_N"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive integer: '$v' (see the top of $0)" >&2; exit 2; }
done
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)

log() { echo "[bench/build $(date +%H:%M:%S)] $*" >&2; }
die() { echo "bench/build: $*" >&2; exit 1; }
now() { date +%s.%N; }

# ------------------------------------------------------------------------------------ tools

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
APT_UPDATED=0
apt_install() {
  log "installing Debian package(s): $*"
  if [[ $APT_UPDATED == 0 ]]; then as_root apt-get update -qq >&2; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

[[ -x /usr/bin/time ]] || apt_install time
[[ -x /usr/bin/time ]] || die "/usr/bin/time is still missing after apt-get install time"

NEED_HUGO=0
for n in "${NS[@]}"; do if (( n <= HUGO_MAX_N )); then NEED_HUGO=1; fi; done
if [[ $NEED_HUGO == 1 ]]; then
  command -v hugo >/dev/null || apt_install hugo
  command -v hugo >/dev/null || die "hugo is still missing after apt-get install hugo"
  python3 -c 'import tomllib' 2>/dev/null || die "bench/to_hugo.py needs Python 3.11 or later (tomllib)"
fi

if [[ -n "${MINHBACH_BIN:-}" && -n "${GEN_CORPUS_BIN:-}" ]]; then
  MINHBACH=$MINHBACH_BIN
  GEN=$GEN_CORPUS_BIN
else
  log "cargo build --release --bin minhbach --example gen-corpus"
  cargo build --release --quiet --bin minhbach --example gen-corpus >&2
  MINHBACH=${MINHBACH_BIN:-$REPO/target/release/minhbach}
  GEN=${GEN_CORPUS_BIN:-$REPO/target/release/examples/gen-corpus}
fi
[[ -x "$MINHBACH" ]] || die "minhbach binary not found: $MINHBACH"
[[ -x "$GEN" ]] || die "gen-corpus binary not found: $GEN"

# ------------------------------------------------------------------------------- measuring

# timed LOG CMD...: runs CMD under /usr/bin/time -v (its report in LOG.time, stdout and stderr
# in LOG); sets WALL (seconds) and RSS_KB; returns CMD's exit status.
timed() {
  local logf=$1 t0 t1 rc=0
  shift
  t0=$(now)
  /usr/bin/time -v -o "$logf.time" "$@" >"$logf" 2>&1 || rc=$?
  t1=$(now)
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  RSS_KB=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$logf.time")
  RSS_KB=${RSS_KB:-0}
  return "$rc"
}

failed() { # tool N log
  echo "bench/build: $1 build of N=$2 failed; the end of its log ($3):" >&2
  tail -n 30 "$3" >&2 || true
  exit 1
}

stats() { # values… → "median min max" (seconds, 3 decimals)
  printf '%s\n' "$@" | sort -g | awk '
    { v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%.3f %.3f %.3f", m, v[1], v[NR] }'
}

# out_dir MNT N: prints the folder a run writes into: MNT/out on a new ext4 filesystem
# mounted at MNT (FRESH_FS=1, sized for N schools; sparse, so only what is written takes
# space), else MNT/out emptied.
out_dir() {
  local mnt=$1 n=$2
  out_done "$mnt"
  mkdir -p "$mnt"
  if [[ $FRESH_FS == 1 ]]; then
    local gb=$(( n * 400 / 1000000 + 4 ))
    truncate -s "${gb}G" "$mnt.img"
    # Inode tables and journal written now, so that no background initialisation runs
    # during the timed build.
    mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$mnt.img" >&2
    mount -o loop "$mnt.img" "$mnt"
  fi
  echo "$mnt/out"
}

# out_done MNT: unmounts and removes what out_dir made.
out_done() {
  local mnt=$1
  if mountpoint -q "$mnt" 2>/dev/null; then umount "$mnt"; fi
  rm -rf "$mnt" "$mnt.img"
}

cleanup() {
  local m
  # `if`, not `&&`: a last folder that is gone must not become the script's exit status.
  for m in "$BENCH_DIR"/out-*/; do if [[ -d "$m" ]]; then out_done "${m%/}"; fi; done
}
trap cleanup EXIT

ROWS=()    # table rows, "|"-separated
RATIOS=()  # "N minhbach_median hugo_median"

add_row() { # N tool runs median min max rss_kb pages bytes
  ROWS+=("$(awk -v OFS='|' -v n="$1" -v t="$2" -v r="$3" -v med="$4" -v lo="$5" -v hi="$6" -v k="$7" -v p="$8" -v b="$9" \
    'BEGIN { print n, t, r, sprintf("%.2f", med), sprintf("%.2f", lo), sprintf("%.2f", hi), sprintf("%.0f", k / 1024), p, sprintf("%.1f", b / 1e6) }')")
}

# ------------------------------------------------------------------------------------ runs

for N in "${NS[@]}"; do
  CORPUS="$BENCH_DIR/corpus-$N"
  HUGO_SITE="$BENCH_DIR/hugo-$N"
  MNT_M="$BENCH_DIR/out-minhbach-$N"
  MNT_H="$BENCH_DIR/out-hugo-$N"
  CACHE_H="$BENCH_DIR/hugo-cache-$N"
  STAMP="$CORPUS/.bench-stamp"
  WANT="gen-corpus --schools $N"

  if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" && -f "$CORPUS/config.toml" ]]; then
    log "N=$N: reusing the corpus in $CORPUS"
  else
    rm -rf "$CORPUS"
    log "N=$N: generating the corpus into $CORPUS"
    "$GEN" --schools "$N" --out "$CORPUS" >&2
    echo "$WANT" >"$STAMP"
  fi

  RUN_HUGO=1
  if (( N > HUGO_MAX_N )); then RUN_HUGO=0; fi
  if [[ $RUN_HUGO == 1 ]]; then
    log "N=$N: converting to a Hugo site in $HUGO_SITE"
    rm -rf "$HUGO_SITE"
    python3 "$HERE/to_hugo.py" "$CORPUS" "$HUGO_SITE"
  else
    log "N=$N: Hugo skipped (N > HUGO_MAX_N = $HUGO_MAX_N)"
  fi

  M_WALL=() M_RSS=0 H_WALL=() H_RSS=0 H_STOPPED=0 H_KILLED_AFTER=0 M_PAGES=0 M_BYTES=0 H_PAGES=0 H_BYTES=0
  for ((run = 1; run <= RUNS; run++)); do
    OUT_M=$(out_dir "$MNT_M" "$N")
    log "N=$N run $run/$RUNS: minhbach build"
    timed "$BENCH_DIR/minhbach-$N.log" "$MINHBACH" build --root "$CORPUS" --output "$OUT_M" ||
      failed minhbach "$N" "$BENCH_DIR/minhbach-$N.log"
    M_WALL+=("$WALL")
    if (( RSS_KB > M_RSS )); then M_RSS=$RSS_KB; fi
    log "N=$N run $run/$RUNS: minhbach ${WALL} s, peak RSS $((RSS_KB / 1024)) MiB"
    M_PAGES=$(find "$OUT_M" -name '*.html' | wc -l) M_BYTES=$(du -sb "$OUT_M" | cut -f1)
    out_done "$MNT_M"
  done
  # Hugo's runs after all of minhbach's: Hugo takes gigabytes, and the kernel then drops the
  # corpus from its cache, which would make the next run of either tool read it from disk.
  for ((run = 1; run <= HUGO_RUNS; run++)); do
    if [[ $RUN_HUGO == 1 && $H_STOPPED == 0 ]]; then
      OUT_H=$(out_dir "$MNT_H" "$N")
      rm -rf "$CACHE_H" "$HUGO_SITE/resources"
      log "N=$N run $run/$HUGO_RUNS: hugo build (stopped if it takes over ${HUGO_LIMIT} s)"
      rc=0
      timed "$BENCH_DIR/hugo-$N.log" timeout -k 10 "$HUGO_LIMIT" hugo --source "$HUGO_SITE" \
        --destination "$OUT_H" --minify --quiet --cacheDir "$CACHE_H" || rc=$?
      if (( RSS_KB > H_RSS )); then H_RSS=$RSS_KB; fi
      if [[ $rc == 0 ]]; then H_PAGES=$(find "$OUT_H" -name '*.html' | wc -l) H_BYTES=$(du -sb "$OUT_H" | cut -f1); fi
      out_done "$MNT_H"
      # 124: timeout's TERM; 137: its KILL 10 s later (or an OOM kill, hence the time check)
      if [[ $rc == 124 || $rc == 137 ]] && awk -v w="$WALL" -v l="$HUGO_LIMIT" 'BEGIN { exit !(w >= l) }'; then
        H_STOPPED=1
        log "N=$N run $run/$HUGO_RUNS: hugo stopped after ${HUGO_LIMIT} s"
      elif [[ $rc == 137 ]]; then
        # Killed before the limit: the kernel's out-of-memory killer (Hugo holds every
        # rendered page); recorded, not a failure of the script.
        H_STOPPED=2 H_KILLED_AFTER=$WALL
        log "N=$N run $run/$HUGO_RUNS: hugo killed after ${WALL} s (out of memory?), peak RSS $((RSS_KB / 1024)) MiB"
      elif [[ $rc != 0 ]]; then
        failed hugo "$N" "$BENCH_DIR/hugo-$N.log"
      else
        H_WALL+=("$WALL")
        log "N=$N run $run/$HUGO_RUNS: hugo ${WALL} s, peak RSS $((RSS_KB / 1024)) MiB"
      fi
    fi
  done

  # shellcheck disable=SC2046 # stats prints three words on purpose
  add_row "$N" minhbach "${#M_WALL[@]}" $(stats "${M_WALL[@]}") "$M_RSS" "$M_PAGES" "$M_BYTES"
  if [[ $RUN_HUGO == 0 ]]; then
    ROWS+=("$N|hugo|0|skipped (N > HUGO_MAX_N)|-|-|-|-|-")
  elif [[ $H_STOPPED == 2 ]]; then
    ROWS+=("$N|hugo|${#H_WALL[@]}|killed after ${H_KILLED_AFTER}s (out of memory?)|-|-|$((H_RSS / 1024))|-|-")
  elif [[ $H_STOPPED == 1 ]]; then
    ROWS+=("$N|hugo|${#H_WALL[@]}|stopped after ${HUGO_LIMIT}s|-|-|$((H_RSS / 1024))|-|-")
  else
    # shellcheck disable=SC2046
    add_row "$N" hugo "${#H_WALL[@]}" $(stats "${H_WALL[@]}") "$H_RSS" "$H_PAGES" "$H_BYTES"
    RATIOS+=("$N $(stats "${M_WALL[@]}" | cut -d' ' -f1) $(stats "${H_WALL[@]}" | cut -d' ' -f1)")
  fi
done

# ----------------------------------------------------------------------------------- report

echo
echo "Machine: $(nproc) CPUs, $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
  "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory"
if v=$("$MINHBACH" --version 2>/dev/null); then echo "minhbach: $v"; fi
if command -v hugo >/dev/null; then echo "hugo: $(hugo version)"; fi
echo "Cold builds (no previous output, no Hugo cache; FRESH_FS=$FRESH_FS: $([[ $FRESH_FS == 1 ]] && echo "each output on a new ext4 filesystem" || echo "plain folders")); RUNS=$RUNS, HUGO_RUNS=$HUGO_RUNS, HUGO_LIMIT=${HUGO_LIMIT}s, HUGO_MAX_N=$HUGO_MAX_N"
echo
{
  echo "N|tool|runs|median wall (s)|min|max|peak RSS (MiB, max over runs)|pages|output MB"
  printf '%s\n' "${ROWS[@]}"
} | awk -F'|' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } nf = NF }
  END {
    for (r = 1; r <= NR; r++) {
      line = ""
      for (i = 1; i <= nf; i++) {
        left = (r == 1 || i <= 2 || cell[r, i] !~ /^[0-9.-]+$/)
        line = line (i > 1 ? " | " : "") sprintf("%" (left ? "-" : "") w[i] "s", cell[r, i])
      }
      sub(/ +$/, "", line)
      print line
      if (r == 1) {
        sep = ""
        for (i = 1; i <= nf; i++) { d = sprintf("%" w[i] "s", ""); gsub(/ /, "-", d); sep = sep (i > 1 ? "-|-" : "") d }
        print sep
      }
    }
  }'
if [[ ${#RATIOS[@]} -gt 0 ]]; then
  echo
  for r in "${RATIOS[@]}"; do
    read -r n m h <<<"$r"
    awk -v n="$n" -v m="$m" -v h="$h" \
      'BEGIN { printf "%s: minhbach/hugo = %.3f (hugo is %.1fx slower)\n", n, m / h, h / m }'
  done
fi
