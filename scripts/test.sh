#!/usr/bin/env bash
# The README's second command: install, build and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir="${CTL_BUILD_DIR:-build}"
(cd "$build_dir" && ctest --output-on-failure --timeout 1800)
# Then the suite again under ASan+UBSan (scripts/sanitize.sh, a second build) and each fuzz
# target for CTL_FUZZ_SECONDS (default 45; scripts/fuzz.sh, a clang build). CI runs them;
# CTL_TEST_SANITIZE=0 skips both for a quick local loop.
if [ "${CTL_TEST_SANITIZE:-1}" != 0 ]; then
  scripts/sanitize.sh
  scripts/fuzz.sh "${CTL_FUZZ_SECONDS:-45}"
fi
