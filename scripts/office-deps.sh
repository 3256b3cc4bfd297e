#!/usr/bin/env bash
# Installs LibreOffice Calc without a GUI (Debian package libreoffice-calc-nogui) where
# `soffice` is missing: the tests open the workbook the build writes (du-lieu/kiem-dinh.xlsx)
# with a real spreadsheet program, and scripts/make-import-fixtures.py makes the import
# fixtures with it. Safe to run again: a second run installs nothing.
set -euo pipefail

if command -v soffice >/dev/null 2>&1; then
    echo "office-deps: ok ($(soffice --version 2>/dev/null | head -n 1))"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "office-deps: soffice not found and apt-get is not available: install LibreOffice Calc yourself (soffice on PATH)" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "office-deps: need root to run apt-get; run this script as root (sudo $0), or: sudo apt-get install libreoffice-calc-nogui" >&2
    exit 1
fi
echo "office-deps: installing Debian package libreoffice-calc-nogui"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
echo "office-deps: ok ($(soffice --version 2>/dev/null | head -n 1))"
