#!/usr/bin/env bash
# Benchmarks ctl's hot paths on a large seeded database (default 1,000,000 users) in a private
# local instance, and prints a table: benchmark, median, p95, target, and psql doing the same
# work where there is an equivalent. Not a test: nothing here passes or fails.
#
#   tests/bench/run.sh                 # seed 1M users (reuses an existing seed of that size)
#   CTL_BENCH_USERS=100000 tests/bench/run.sh
#   CTL_BENCH_RESEED=1 tests/bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
users="${CTL_BENCH_USERS:-1000000}"
export CTL_HOME="${CTL_BENCH_HOME:-/var/tmp/ctl-bench-$(id -un)}"
export NO_COLOR=1
unset CTL_DATABASE_URL DATABASE_URL CTL_PROFILE
ctl="$PWD/build/ctl"
[ -x "$ctl" ] || scripts/setup.sh
out="${CTL_BENCH_OUT:-$PWD/build/bench}"
mkdir -p "$out"

"$ctl" db local up -q >/dev/null
conninfo=$("$ctl" db local status -o csv --fields conninfo -q | tail -1)
have=$(psql "$conninfo" -Atc "select count(*) from users")
if [ "$have" != "$users" ] || [ -n "${CTL_BENCH_RESEED:-}" ]; then
  echo "bench: seeding $users users" >&2
  /usr/bin/time -f "%e %M" -o "$out/seed.time" "$ctl" db seed --users "$users" --reset --yes -q >/dev/null
  read -r seed_s seed_kb <"$out/seed.time"
  echo "bench: seed took ${seed_s}s, peak RSS $((seed_kb / 1024)) MB" >&2
  printf 'db seed --users %s\t%ss\tunder 180 s\tpeak RSS %s MB\n' "$users" "$seed_s" "$((seed_kb / 1024))" >"$out/seed.tsv"
fi

# Pick real fragments from the data: a rare one (one e-mail's local part), a common name and a
# company fragment matching thousands of rows.
rare=$(psql "$conninfo" -Atc "select split_part(email::text, '@', 1) from users where id = (select max(id) / 2 from users)")
common=$(psql "$conninfo" -Atc "select split_part(name, ' ', 1) from users where name is not null group by 1 order by count(*) desc limit 1")
company=$(psql "$conninfo" -Atc "select left(company, 5) from users where company is not null group by 1 order by count(*) desc limit 1")
email=$(psql "$conninfo" -Atc "select email from users where id = (select max(id) / 3 from users)")

results="$out/results.tsv"
: >"$results"

# bench NAME TARGET CTL_COMMAND [PSQL_COMMAND]
bench() {
  local name="$1" target="$2" cmd="$3" psql_cmd="${4:-}"
  local args=(--warmup 3 --min-runs 15 --export-json "$out/b.json" -N)
  hyperfine "${args[@]}" "$cmd" >/dev/null 2>&1 || { echo "bench: $name failed" >&2; return; }
  local stats
  stats=$(jq -r '.results[0].times | sort | [ .[(length/2|floor)], .[((length*0.95)|floor)] ] | map(. * 1000 | . * 10 | round / 10) | @tsv' "$out/b.json")
  local psql_median="-"
  if [ -n "$psql_cmd" ]; then
    hyperfine "${args[@]}" "$psql_cmd" >/dev/null 2>&1 &&
      psql_median=$(jq -r '.results[0].times | sort | .[(length/2|floor)] * 10000 | round / 10' "$out/b.json")
  fi
  printf '%s\t%s\t%s\t%s\n' "$name" "$stats" "$target" "$psql_median" | tee -a "$results" >&2
}

bench "ctl version" "5 ms" "$ctl version"
bench "users list (first page)" "50 ms" "$ctl users list -o csv" \
  "psql '$conninfo' -Atc 'select id, email from users order by created_at desc, id desc limit 51'"
bench "users list --search rare ($rare)" "50 ms" "$ctl users list -o csv --search '$rare'"
bench "users list --search common ($common)" "50 ms" "$ctl users list -o csv --search '$common'"
bench "users list --search company ($company)" "50 ms" "$ctl users list -o csv --search '$company'"
bench "users list --status banned" "50 ms" "$ctl users list -o csv --status banned"
bench "users list --plan pro --sort email" "50 ms" "$ctl users list -o csv --plan pro --sort email"
bench "users list --joined-after 30d" "50 ms" "$ctl users list -o csv --joined-after 30d"
bench "users show" "50 ms" "$ctl users show '$email' -o json"
bench "audit verify" "5 s (1M rows)" "$ctl audit verify -q"

# Each command group adds its benchmarks in tests/bench/groups/<group>.sh, sourced here: it may
# use $ctl, $conninfo, $out and the bench function above.
for group in tests/bench/groups/*.sh; do
  [ -e "$group" ] || continue
  # shellcheck source=/dev/null
  . "$group"
done

{
  echo "| benchmark | median ms | p95 ms | target | psql median ms |"
  echo "|---|---|---|---|---|"
  [ -f "$out/seed.tsv" ] && awk -F'\t' '{printf "| %s | %s | | %s | %s |\n", $1, $2, $3, $4}' "$out/seed.tsv"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5}' "$results"
} | tee "$out/results.md"
