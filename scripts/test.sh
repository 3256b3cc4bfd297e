#!/usr/bin/env bash
# Runs every check of the project: formatting, lints, and the whole test suite.
# This is the README's test command; .ci/run calls it and nothing else.
# It installs what the tests need itself, so it also works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

need_component() {
    # rustfmt and clippy ship with the toolchain here; add them if a toolchain lacks them.
    if ! cargo "$1" --version >/dev/null 2>&1; then
        rustup component add "$2"
    fi
}
need_component fmt rustfmt
need_component clippy clippy

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --locked -- -D warnings
echo "== LibreOffice (the workbook tests open kiem-dinh.xlsx with it)"
./scripts/office-deps.sh
echo "== cargo test"
cargo test --locked
echo "== browser tests"
./scripts/browser-deps.sh
node --test browser-tests/
