#!/usr/bin/env bash
# Edit-to-written benchmark of `minhbach serve`, on the sample province and on a generated
# province of N schools (default 1500): 20 saves of one report each, timed until the rebuilt
# page is in the served folder and until the whole rebuild is done (bench/edit_to_written.py).
#
#   bench/serve.sh [N]
#
# Environment: BENCH_DIR=/tmp/minhbach-bench (copies and corpus go there, never the repo),
# EDITS=20.
set -euo pipefail

N=${1:-1500}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
BENCH_DIR=${BENCH_DIR:-/tmp/minhbach-bench}
EDITS=${EDITS:-20}

cd "$REPO"
cargo build --release --quiet --bin minhbach --example gen-corpus
mkdir -p "$BENCH_DIR"

SAMPLE="$BENCH_DIR/serve-sample"
rm -rf "$SAMPLE" && mkdir -p "$SAMPLE"
cp -r config.toml content "$SAMPLE/"

PROVINCE="$BENCH_DIR/serve-province-$N"
rm -rf "$PROVINCE"
target/release/examples/gen-corpus --schools "$N" --out "$PROVINCE" > /dev/null

for site in "$SAMPLE" "$PROVINCE"; do
  python3 "$HERE/edit_to_written.py" --site "$site" --edits "$EDITS" --minhbach target/release/minhbach
done
