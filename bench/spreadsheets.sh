#!/usr/bin/env bash
# Spreadsheet benchmark: `minhbach import schools` of a generated N-row workbook (made by
# LibreOffice from CSV, as a Sở's file would be), and `minhbach export xlsx` of the
# generated national corpus (examples/gen-corpus.rs). Prints wall time, peak memory (RSS)
# and sizes.
#
#   bench/spreadsheets.sh [N]        schools (default 45000)
#
# Environment: BENCH_DIR (default target/bench-sheets), MINHBACH_BIN, GEN_CORPUS_BIN;
# BASELINE_BIN: a minhbach built before the workbook existed (e.g. from commit 10c01e0), whose
# build is timed beside ours to show what the workbook adds to a national build. Each build
# writes into a new folder (deleting a large output just before a build slows the next one's
# writes on ext4), and the outputs are removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-45000}"
DIR="${BENCH_DIR:-target/bench-sheets}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
if [ -z "${MINHBACH_BIN:-}" ] || [ -z "${GEN_CORPUS_BIN:-}" ]; then
    cargo build --release --quiet --bin minhbach --example gen-corpus
fi
BIN="${MINHBACH_BIN:-$PWD/target/release/minhbach}"
GEN="${GEN_CORPUS_BIN:-$PWD/target/release/examples/gen-corpus}"

measure() { # label, command...
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$DIR/time.txt" "$@" >/dev/null 2>"$DIR/stderr.txt" || { cat "$DIR/stderr.txt" >&2; return 1; }
    read -r secs kb <"$DIR/time.txt"
    printf '%-44s %8.2f s %8d MB peak\n' "$label" "$secs" $((kb / 1024))
}

# A workbook of N schools with wide-shape decisions, written by LibreOffice from CSV.
python3 - "$N" "$DIR/truong.csv" <<'PY'
import csv, sys
n, out = int(sys.argv[1]), sys.argv[2]
levels = ["Mầm non", "Tiểu học", "THCS", "THPT", "TH&THCS"]
with open(out, "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f)
    w.writerow(["STT", "Mã trường", "Tên trường", "Cấp học", "Xã/phường", "Huyện (cũ)", "Điện thoại",
                "Số học sinh", "Cấp độ KĐCLGD", "Số QĐ KĐ", "Ngày QĐ KĐ"])
    for i in range(n):
        lv = levels[i % 5]
        w.writerow([i + 1, f"{70000000 + i:08d}", f"Trường {lv} Số {i + 1} Nguyễn Văn Trỗi", lv,
                    f"Phường Số {i % 3000}", f"Huyện Cũ {i % 700}", f"0251 38{i % 10000:04d}",
                    f"{300 + i % 900}", 1 + i % 4, f"{i + 1}/QĐ-SGDĐT", f"{1 + i % 28}/{1 + i % 12}/20{18 + i % 7}"])
PY
(cd "$DIR" && soffice -env:UserInstallation=file://"$DIR"/lo-profile --headless --infilter=CSV:44,34,76,1 \
    --convert-to xlsx truong.csv >/dev/null 2>&1)
echo "workbook: $N rows, $(($(stat -c %s "$DIR/truong.xlsx") / 1024)) KB (LibreOffice)"
rm -rf "$DIR/site" && mkdir -p "$DIR/site/content/schools"
cp tests/fixtures/small/config.toml "$DIR/site/"
measure "import schools --dry-run ($N rows)" "$BIN" import schools "$DIR/truong.xlsx" --root "$DIR/site" --dry-run
measure "import schools, writing ($N new schools)" "$BIN" import schools "$DIR/truong.xlsx" --root "$DIR/site"
measure "import schools again (no change)" "$BIN" import schools "$DIR/truong.xlsx" --root "$DIR/site"

# The workbook out, at national scale.
if [ ! -f "$DIR/corpus-$N/config.toml" ]; then
    "$GEN" --schools "$N" --out "$DIR/corpus-$N" >/dev/null
fi
measure "export xlsx ($N schools)" "$BIN" export xlsx --root "$DIR/corpus-$N" --output "$DIR/kiem-dinh.xlsx"
echo "kiem-dinh.xlsx: $(($(stat -c %s "$DIR/kiem-dinh.xlsx") / 1024 / 1024)) MB"
measure "build ($N schools, with kiem-dinh.xlsx)" "$BIN" build --root "$DIR/corpus-$N" --output "$DIR/out-a"
if [ -n "${BASELINE_BIN:-}" ]; then
    measure "build ($N schools, baseline: no workbook)" "$BASELINE_BIN" build --root "$DIR/corpus-$N" --output "$DIR/out-b"
fi
"$BIN" build --root "$DIR/corpus-$N" --output "$DIR/out-c" --timings 2>&1 | grep -E 'open data' | sed 's/^ */stage with the workbook: /'
rm -rf "$DIR/out-a" "$DIR/out-b" "$DIR/out-c"
measure "check ($N schools: load and judge only)" "$BIN" check --root "$DIR/corpus-$N"
