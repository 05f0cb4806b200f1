#!/usr/bin/env bash
# Regenerates the checked-in man pages (man/*.1) and shell completions (completions/) from the
# command tree of a fresh build, merging the hand-written prose of man/prose/*.md. Run it after
# adding or changing a command or an option, and commit the result: the docs test fails while
# the checked-in copies are stale.
# Usage: scripts/gen-docs.sh      (build directory: $CTL_BUILD_DIR, default build)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${CTL_BUILD_DIR:-build}"
[ -f "$build_dir/CMakeCache.txt" ] || cmake -S . -B "$build_dir" -G Ninja >&2
cmake --build "$build_dir" --target ctl >&2
"$build_dir/ctl" __gen-docs --prose man/prose .
if command -v git >/dev/null && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git status --short -- man completions >&2
fi
