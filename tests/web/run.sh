#!/usr/bin/env bash
# Runs one browser test file with node (CTest's command for a web test).
# Without node the test is skipped (77), except under HRTRACK_REQUIRE_BROWSER=1, where the
# browser tests must run.
set -euo pipefail
if ! command -v node >/dev/null 2>&1; then
  if [ "${HRTRACK_REQUIRE_BROWSER:-}" = 1 ]; then echo "FAIL: node is not installed (scripts/deps installs it)"; exit 1; fi
  echo "SKIP: node is not installed (scripts/deps installs it)"
  exit 77
fi
exec node "$@"
