#!/usr/bin/env bash
# The README's second command: install, build and run the whole test suite, then the same suite
# under ASan+UBSan (scripts/sanitize.sh, a second build) and each libFuzzer target for a bounded
# time (scripts/fuzz.sh, a clang build). CTL_TEST_SANITIZE=0 stops after the plain suite (the
# quick loop while working); CTL_FUZZ_SECONDS sets the time per fuzz target (default 45).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir="${CTL_BUILD_DIR:-build}"
(cd "$build_dir" && ctest --output-on-failure --timeout 1800)
if [ "${CTL_TEST_SANITIZE:-1}" != 0 ]; then
  scripts/sanitize.sh
  scripts/fuzz.sh "${CTL_FUZZ_SECONDS:-45}"
fi
