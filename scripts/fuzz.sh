#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan+UBSan) in build-fuzz (or
# CTL_FUZZ_BUILD_DIR) and runs each for a bounded time, CTL_FUZZ_JOBS at a time, starting from the
# committed seed corpus (tests/fuzz/corpus/<target>; what the run adds stays in the build
# directory). A crash fails the run and names the input to keep as a regression in
# tests/fuzz/regressions/<target>/, where the unit tests replay it.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]   (default 45 s, every target)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-45}"
shift $(($# > 0 ? 1 : 0))
jobs="${CTL_FUZZ_JOBS:-2}"
scripts/setup.sh --no-build
# ccache keys on paths relative to the checkout, so a fresh clone reuses what another built.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
build_dir="${CTL_FUZZ_BUILD_DIR:-build-fuzz}"
werror=OFF
[ -n "${CI:-}" ] && werror=ON
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCTL_FUZZ=ON -DCTL_BUILD_TESTS=OFF -DCTL_WERROR="$werror" >&2
cmake --build "$build_dir" -j "$(nproc)" --target fuzz >&2

targets=("$@")
if ((${#targets[@]} == 0)); then
  for src in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$src" .cpp)
    targets+=("${name#fuzz_}")
  done
fi

# CI fuzzes from a fixed seed (CTL_FUZZ_SEED, default 1 under CI): the same code gets the same
# sequence of inputs, so a run that passed passes again and a failure reproduces; a slower
# machine explores a prefix of it. By hand the seed is random (0), to explore further.
seed="${CTL_FUZZ_SEED:-}"
if [ -z "$seed" ]; then
  if [ -n "${CI:-}" ]; then seed=1; else seed=0; fi
fi
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
root=$(pwd)
case "$build_dir" in /*) ;; *) build_dir="$root/$build_dir" ;; esac
run_dir="$build_dir/runs"
mkdir -p "$run_dir"

run_one() {
  local target=$1 work="$run_dir/$1"
  mkdir -p "$work/corpus"
  rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*
  # -timeout: one input may take 10 s; -rss_limit_mb: 2 GB; crashes land in $work.
  if (cd "$work" && exec "$build_dir/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -seed="$seed" -timeout=10 \
        -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 -artifact_prefix="$work/" \
        corpus "$root/tests/fuzz/corpus/$target") >"$work/log" 2>&1; then
    local runs
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
    echo "fuzz: $target: ${seconds}s, ${runs:-?} inputs, no crash"
  else
    echo "fuzz: $target: FAILED; log: $work/log" >&2
    grep -E "ERROR|SUMMARY|runtime error|what\(\)" "$work/log" | head -5 >&2 || true
    for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
      [ -e "$f" ] && echo "fuzz: keep the input: cp $f tests/fuzz/regressions/$target/" >&2
    done
    return 1
  fi
}

failed=0
pids=()
for target in "${targets[@]}"; do
  [ -f "tests/fuzz/fuzz_$target.cpp" ] || { echo "fuzz: no target '$target'" >&2; exit 2; }
  run_one "$target" &
  pids+=($!)
  if ((${#pids[@]} >= jobs)); then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit "$failed"
