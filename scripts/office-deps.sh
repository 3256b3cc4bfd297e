#!/usr/bin/env bash
# Installs LibreOffice without a GUI where a part of it is missing:
#   - Calc (Debian package libreoffice-calc-nogui): the tests open the workbook the build
#     writes (du-lieu/kiem-dinh.xlsx) with a real spreadsheet program, and
#     scripts/make-import-fixtures.py makes the spreadsheet import fixtures with it;
#   - Writer (libreoffice-writer-nogui): `minhbach import report` converts .doc files to .docx
#     through it, and the Word report fixtures and bench/word-reports.sh are made with it.
# Writer counts as present when its Debian package is installed, or else when `soffice`
# really converts a small HTML page to .docx (a LibreOffice installed some other way).
# Safe to run again: a second run installs nothing.
set -euo pipefail

missing=()

# dpkg -s succeeds for a package that was removed but left its configuration: read the status.
installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# Converts a one-paragraph HTML page to .docx in a throwaway folder and profile.
writer_converts() {
    local tmp ok=1
    tmp="$(mktemp -d)"
    printf '<html><head><meta charset="utf-8"></head><body><p>Tiếng Việt</p></body></html>\n' >"$tmp/t.html"
    if timeout 120 soffice -env:UserInstallation="file://$tmp/profile" --headless \
        --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" --outdir "$tmp" "$tmp/t.html" \
        >/dev/null 2>&1 && [ -s "$tmp/t.docx" ]; then
        ok=0
    fi
    rm -rf "$tmp"
    return "$ok"
}

if ! command -v soffice >/dev/null 2>&1; then
    missing+=(libreoffice-calc-nogui libreoffice-writer-nogui)
elif ! installed libreoffice-writer-nogui && ! installed libreoffice-writer && ! writer_converts; then
    missing+=(libreoffice-writer-nogui)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    echo "office-deps: ok ($(soffice --version 2>/dev/null | head -n 1), Writer present)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "office-deps: LibreOffice Calc and Writer are needed (missing: ${missing[*]}) and apt-get is not available: install them yourself (soffice on PATH)" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "office-deps: need root to run apt-get; run this script as root (sudo $0), or: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "office-deps: installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if ! writer_converts; then
    echo "office-deps: LibreOffice Writer was installed but cannot convert HTML to .docx" >&2
    exit 1
fi
echo "office-deps: ok ($(soffice --version 2>/dev/null | head -n 1), Writer present)"
