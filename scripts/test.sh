#!/usr/bin/env bash
# The README's second command: install, build and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir="${CTL_BUILD_DIR:-build}"
cd "$build_dir"
ctest --output-on-failure --timeout 1800
