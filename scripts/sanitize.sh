#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer, in a second build
# directory (build-asan, or CTL_ASAN_BUILD_DIR). Any report fails the run: ASan stops at the first
# error, UBSan is built with -fno-sanitize-recover=all, and leaks fail too where LeakSanitizer can
# run (it needs ptrace; under a debugger or a sandbox that forbids it, leak checks are skipped
# with a notice). Usage: scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-build
# ccache keys on paths relative to the checkout, so a fresh clone reuses what another built.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
build_dir="${CTL_ASAN_BUILD_DIR:-build-asan}"
werror=OFF
[ -n "${CI:-}" ] && werror=ON
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCTL_WERROR="$werror" -DCTL_SANITIZE=ON >&2
cmake --build "$build_dir" -j "$(nproc)" >&2

export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
probe=$(ASAN_OPTIONS=detect_leaks=1 "$build_dir/ctl" version 2>&1 >/dev/null || true)
if grep -q "LeakSanitizer has encountered a fatal error" <<<"$probe"; then
  echo "sanitize: LeakSanitizer cannot run here (no ptrace); leak checks are off" >&2
  leaks=0
else
  leaks=1
fi
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=$leaks:check_initialization_order=1:strict_init_order=1"
cd "$build_dir"
ctest --output-on-failure --timeout 3600
