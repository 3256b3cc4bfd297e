#!/usr/bin/env bash
# Installs what the browser tests (browser-tests/) need, only where it is missing:
#   - Debian packages: chromium (driven by playwright-core through /usr/bin/chromium),
#     poppler-utils (pdftotext), a Java runtime for the Nu HTML Checker (vnu.jar);
#   - Node.js 20 or newer with npm: Debian's `nodejs npm` when `node` is missing or too old;
#   - the npm packages pinned in browser-tests/package-lock.json (npm ci).
# Safe to run again and again: a second run installs nothing and takes a moment.
# Never downloads a browser of its own (npx playwright install is not used), and downloads
# nothing from outside the distribution's and npm's package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()

# Node.js: the browser tests use node --test and ES modules features of Node 20.
NODE_MIN=20
node_major() {
    node --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p'
}
node_ok() {
    local major
    major="$(node_major)"
    [ -n "$major" ] && [ "$major" -ge "$NODE_MIN" ] && command -v npm >/dev/null 2>&1
}
if ! node_ok; then
    missing+=(nodejs npm)
fi

if [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
fi
if ! command -v pdftotext >/dev/null 2>&1; then
    missing+=(poppler-utils)
fi
# vnu.jar needs Java 11 or newer; `java -version` prints e.g. `openjdk version "17.0.15"`.
java_major() {
    java -version 2>&1 | sed -n 's/.* version "\([0-9]*\)[."].*/\1/p' | head -n 1
}
if ! command -v java >/dev/null 2>&1 || ! java -version >/dev/null 2>&1; then
    missing+=(default-jre-headless)
else
    major="$(java_major)"
    if [ -z "$major" ] || [ "$major" = 1 ] || [ "$major" -lt 11 ]; then
        missing+=(default-jre-headless)
    fi
fi
# The tests give Chromium DejaVu fonts only (browser-tests/lib/fonts.conf), the same on every machine.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    missing+=(fonts-dejavu-core)
fi

# What to tell someone who has to install Node.js by hand.
node_advice="install Node.js $NODE_MIN or newer with npm yourself, e.g. from your distribution's backports, \
from a newer Debian/Ubuntu release (Debian 13 trixie has Node.js 20) or from NodeSource's apt repository (https://github.com/nodesource/distributions), \
then run this script again"

if [ "${#missing[@]}" -gt 0 ]; then
    echo "browser-deps: installing Debian packages: ${missing[*]}"
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "browser-deps: apt-get not found: this script installs Debian/Ubuntu packages; on another system install these yourself: ${missing[*]} (Chromium at /usr/bin/chromium, pdftotext, Java 11 or newer, DejaVu fonts, Node.js $NODE_MIN or newer with npm)" >&2
        exit 1
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "browser-deps: need root to run apt-get; run this script as root (sudo $0), or install the packages yourself: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    if printf '%s\n' "${missing[@]}" | grep -qx nodejs; then
        # Debian bookworm's nodejs is 18: refuse before installing it for nothing.
        candidate="$(apt-cache policy nodejs 2>/dev/null | sed -n 's/^ *Candidate: *\([0-9]*\).*/\1/p' | head -n 1)"
        if [ -z "$candidate" ] || [ "$candidate" -lt "$NODE_MIN" ]; then
            have="$(node --version 2>/dev/null || echo none)"
            echo "browser-deps: the browser tests need Node.js $NODE_MIN or newer with npm; this machine has ${have} and its package lists offer nodejs ${candidate:-none}: $node_advice" >&2
            exit 1
        fi
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! node_ok; then
    echo "browser-deps: Node.js $NODE_MIN or newer with npm is still missing (node $(node --version 2>/dev/null || echo none), npm $(npm --version 2>/dev/null || echo none)): $node_advice" >&2
    exit 1
fi

# npm ci only when node_modules does not match package-lock.json yet.
lock=browser-tests/package-lock.json
stamp=browser-tests/node_modules/.minhbach-lock.sha256
want="$(sha256sum "$lock" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] \
    || [ ! -f browser-tests/node_modules/vnu-jar/build/dist/vnu.jar ]; then
    echo "browser-deps: npm ci in browser-tests/"
    # --ignore-scripts: vnu-jar's postinstall would download a Java runtime of its own;
    # Debian's Java (above) is used instead. No package here needs an install script.
    (cd browser-tests && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
fi

echo "browser-deps: ok ($(/usr/bin/chromium --version 2>/dev/null | head -n 1); java $(java_major); $(pdftotext -v 2>&1 | head -n 1); node $(node --version))"
