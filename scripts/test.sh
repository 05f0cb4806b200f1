#!/usr/bin/env bash
# The README's second command: install, build and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir="${CTL_BUILD_DIR:-build}"
(cd "$build_dir" && ctest --output-on-failure --timeout 1800)
# CI also runs the suite under ASan+UBSan and each fuzz target for a bounded time: two more
# builds, too slow for every local run (scripts/sanitize.sh and scripts/fuzz.sh do them alone).
if [ -n "${CI:-}" ]; then
  scripts/sanitize.sh
  scripts/fuzz.sh "${CTL_FUZZ_SECONDS:-45}"
fi
