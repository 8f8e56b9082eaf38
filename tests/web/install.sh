#!/usr/bin/env bash
# CTest fixture `web_modules`: installs the browser tests' npm packages
# (playwright-core, pinned in package-lock.json beside this script) into a
# folder of the build, never into the source tree and never at run time of
# the app. No browser is downloaded: the tests drive Debian's chromium.
#
# Usage: install.sh DEST
# Skips the work when DEST already holds the locked versions. Without npm, or
# when the registry cannot be reached, a developer's run goes on (the browser
# tests then skip with 77 and say why); under HRTRACK_REQUIRE_BROWSER=1 that is a failure, since
# CI must really run them.
set -euo pipefail
src=$(cd "$(dirname "$0")" && pwd)
dest=${1:?usage: install.sh DEST}

give_up() {
  echo "web tests: $1" >&2
  if [ "${HRTRACK_REQUIRE_BROWSER:-}" = 1 ]; then exit 1; fi
  echo "web tests: the browser tests will be skipped (scripts/deps installs node and npm)" >&2
  exit 0
}

command -v npm >/dev/null 2>&1 || give_up "npm is not installed"
mkdir -p "$dest"
if cmp -s "$src/package-lock.json" "$dest/package-lock.json" &&
  cmp -s "$src/package.json" "$dest/package.json" &&
  [ -f "$dest/node_modules/playwright-core/package.json" ]; then
  exit 0
fi
cp "$src/package.json" "$src/package-lock.json" "$dest/"
# --ignore-scripts: nothing in the lock needs an install script, and none may
# fetch a browser; PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD says the same to Playwright.
if ! (cd "$dest" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 \
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error); then
  rm -f "$dest/package-lock.json"
  give_up "npm ci failed in $dest"
fi
