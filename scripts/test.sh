#!/usr/bin/env bash
# The README's second command: install, build and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir="${CTL_BUILD_DIR:-build}"
(cd "$build_dir" && ctest --output-on-failure --timeout 1800)
# CTL_TEST_SANITIZE=1 also runs the suite under ASan+UBSan (scripts/sanitize.sh, a second build)
# and each fuzz target for CTL_FUZZ_SECONDS (default 45; scripts/fuzz.sh, a clang build). Not yet
# the default, so not yet in CI: of its two complete runs one passed and one found a timing bug
# (fixed since); it becomes the default once a run after that fix passes.
if [ "${CTL_TEST_SANITIZE:-0}" != 0 ]; then
  scripts/sanitize.sh
  scripts/fuzz.sh "${CTL_FUZZ_SECONDS:-45}"
fi
