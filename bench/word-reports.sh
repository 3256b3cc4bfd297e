#!/usr/bin/env bash
# Word report benchmark (issue 17's acceptance: `import reports` of 1,000 .docx files, target
# under 20 s on 2 cores): a site of N tiểu học schools and N self-assessment reports in the
# 2018 form, then `minhbach import reports DIR --root SITE`, dry run and writing, timed with
# /usr/bin/time -v. Prints wall time, peak memory (max RSS) and what the import found.
#
#   bench/word-reports.sh [N] [--generate-only]      reports (default 1000)
#
# One report is written as HTML by bench/word_reports.py and converted once by LibreOffice
# Writer (scripts/office-deps.sh installs it); the N files are copies of that .docx with the
# cover's school name and mã trường changed in word/document.xml, so each is matched to its
# own school by its cover. Environment: BENCH_DIR (default target/bench-word), MINHBACH_BIN
# (default: a release build of this tree), FRAMEWORK and YEAR of the report (default
# tt22-2024-tieu-hoc and 2024-2025: the framework `check` gives a draft of that year).
set -euo pipefail
cd "$(dirname "$0")/.."
N=1000
GENERATE_ONLY=0
for arg in "$@"; do
    case "$arg" in
        --generate-only) GENERATE_ONLY=1 ;;
        *[!0-9]* | "") echo "usage: $0 [N] [--generate-only]" >&2; exit 2 ;;
        *) N="$arg" ;;
    esac
done
DIR="${BENCH_DIR:-target/bench-word}"
FRAMEWORK="${FRAMEWORK:-tt22-2024-tieu-hoc}"
YEAR="${YEAR:-2024-2025}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"

# The template: one report, made by LibreOffice from HTML (Heading styles, merged cells).
python3 bench/word_reports.py html "$FRAMEWORK" "$YEAR" "$DIR/mau.html"
rm -f "$DIR/mau.docx"
(cd "$DIR" && soffice -env:UserInstallation=file://"$DIR"/lo-profile --headless --infilter="HTML (StarWriter)" \
    --convert-to docx:"MS Word 2007 XML" mau.html >/dev/null 2>&1)
[ -s "$DIR/mau.docx" ] || { echo "word-reports: LibreOffice Writer made no .docx (run scripts/office-deps.sh)" >&2; exit 2; }
rm -rf "$DIR/reports"
python3 bench/word_reports.py copies "$DIR/mau.docx" "$DIR/reports" "$N"
python3 bench/word_reports.py site "$DIR/site" "$N"
echo "reports: $N × $(($(stat -c %s "$DIR/mau.docx") / 1024)) KB .docx ($FRAMEWORK, $YEAR), $(du -sm "$DIR/reports" | cut -f1) MB; site: $N schools"
if [ "$GENERATE_ONLY" = 1 ]; then
    exit 0
fi

if [ -z "${MINHBACH_BIN:-}" ]; then
    cargo build --release --quiet --bin minhbach
fi
BIN="${MINHBACH_BIN:-$PWD/target/release/minhbach}"
if ! "$BIN" import reports --help >/dev/null 2>&1; then
    echo "word-reports: $BIN has no 'import reports' yet (issue 17's importer)" >&2
    exit 2
fi

# Runs an import with --format json under /usr/bin/time -v; prints wall time, peak RSS, exit
# status and a count of the reports and findings. Exit 1 (some file failed) is reported, not
# fatal: the figures still say how long it took.
measure() { # label, command...
    local label="$1" status=0; shift
    /usr/bin/time -v -o "$DIR/time.txt" "$@" >"$DIR/out.json" 2>"$DIR/stderr.txt" || status=$?
    if [ "$status" -ge 2 ]; then
        cat "$DIR/stderr.txt" "$DIR/time.txt" >&2
        return 1
    fi
    local wall kb
    wall="$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$DIR/time.txt")"
    kb="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$DIR/time.txt")"
    printf '%-44s %10s wall %6d MB peak  %s\n' "$label" "$wall" $((kb / 1024)) "$(summary "$DIR/out.json")"
}

# What --format json said: reports, written, errors and warnings by code.
summary() {
    python3 - "$1" <<'PY'
import collections, json, sys
try:
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
except ValueError:
    print("(no JSON on stdout)")
    sys.exit()
reports = doc.get("reports", [])
written = sum(1 for r in reports if r.get("written"))
unchanged = sum(1 for r in reports if r.get("unchanged"))
codes = collections.Counter(f"{d['severity']} {d['code']}" for d in doc.get("diagnostics", []))
check = doc.get("check", {}).get("diagnostics", [])
top = ", ".join(f"{c} ×{n}" for c, n in codes.most_common(4)) or "no findings"
print(f"{len(reports)} reports, {written} written, {unchanged} unchanged; {top}; check: {len(check)} findings")
PY
}

measure "import reports --dry-run ($N files)" "$BIN" import reports "$DIR/reports" --root "$DIR/site" --dry-run --format json
measure "import reports ($N files, writing)" "$BIN" import reports "$DIR/reports" --root "$DIR/site" --format json
echo "drafts written: $(find "$DIR/site/content/schools" -name "$YEAR.md" | wc -l)"
measure "import reports again (same files: unchanged)" "$BIN" import reports "$DIR/reports" --root "$DIR/site" --format json
measure "import reports --force (replaces drafts)" "$BIN" import reports "$DIR/reports" --root "$DIR/site" --force --format json
