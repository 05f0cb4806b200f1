#!/usr/bin/env bash
# Benchmarks ctl's hot paths on a large seeded database (default 1,000,000 users, and as many
# audit entries) in a private local instance, and prints a table: benchmark, median, p95,
# target, psql doing the same work where there is an equivalent (and the ratio ctl/psql), and
# ctl's peak memory. Writes the table with the machine's description to tests/bench/RESULTS.md.
# Not a test: nothing here passes or fails.
#
#   tests/bench/run.sh                 # seed 1M users (reuses an existing seed of that size)
#   CTL_BENCH_USERS=100000 tests/bench/run.sh
#   CTL_BENCH_RESEED=1 tests/bench/run.sh
#   CTL_BENCH_ONLY=users tests/bench/run.sh     # only benchmarks whose name matches (grep -E);
#                                               # RESULTS.md is then left as it is
set -euo pipefail
cd "$(dirname "$0")/../.."
users="${CTL_BENCH_USERS:-1000000}"
audit_rows="${CTL_BENCH_AUDIT_ROWS:-$users}"
export CTL_HOME="${CTL_BENCH_HOME:-/var/tmp/ctl-bench-$(id -un)}"
export NO_COLOR=1
unset CTL_DATABASE_URL DATABASE_URL CTL_PROFILE CTL_REPLICA_URL
ctl="$PWD/build/ctl"
[ -x "$ctl" ] || scripts/setup.sh
out="${CTL_BENCH_OUT:-$PWD/build/bench}"
results_md="${CTL_BENCH_RESULTS:-$PWD/tests/bench/RESULTS.md}"
mkdir -p "$out"
# Debian's psql on PATH is a Perl wrapper that costs tens of milliseconds per start: compare
# with the real client.
psql=$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1)
psql="${psql:-psql}"
for tool in hyperfine jq "$psql"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

"$ctl" db local up -q >/dev/null
conninfo=$("$ctl" db local status -o csv --fields conninfo -q | tail -1)
q() { "$psql" "$conninfo" -X -v ON_ERROR_STOP=1 -Atc "$1"; }

# The seed's timing lives with the data it describes, so a run that reuses the data reports it.
seed_tsv="$CTL_HOME/seed.tsv"
have=$(q "select count(*) from users")
if [ "$have" != "$users" ] || [ -n "${CTL_BENCH_RESEED:-}" ]; then
  echo "bench: seeding $users users" >&2
  /usr/bin/time -f "%e %M" -o "$out/seed.time" "$ctl" db seed --users "$users" --reset --yes -q >/dev/null
  read -r seed_s seed_kb <"$out/seed.time"
  echo "bench: seed took ${seed_s}s, peak RSS $((seed_kb / 1024)) MB" >&2
  printf 'db seed --users %s\t%s\t\tunder 180 s\t\t\t%s\t%s\n' "$users" \
    "$(awk -v s="$seed_s" 'BEGIN { printf "%.0f", s * 1000 }')" "$((seed_kb / 1024))" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" >"$seed_tsv"
fi

# Top the audit trail up to $audit_rows sealed entries. Through the triggers this takes minutes
# (each entry is sealed at commit under a lock); here one session with the triggers paused
# (session_replication_role = replica, superuser only) appends entries chained exactly as the
# sealing trigger would, with ctl_audit_hash() itself.
have_audit=$(q "select count(*) from audit_log where id > 0")
if [ "$have_audit" -lt "$audit_rows" ]; then
  need=$((audit_rows - have_audit))
  echo "bench: appending $need audit entries" >&2
  SECONDS=0
  "$psql" "$conninfo" -X -q -v ON_ERROR_STOP=1 <<SQL
SET session_replication_role = replica;
DO \$\$
DECLARE
    last_id bigint;
    h bytea;
    r audit_log;
    t timestamptz := now() - interval '400 days';
BEGIN
    SELECT id, hash INTO last_id, h FROM audit_log WHERE id > 0 ORDER BY id DESC LIMIT 1;
    last_id := coalesce(last_id, 0);
    FOR i IN 1..$need LOOP
        r := ROW(last_id + i, t + i * interval '30 seconds', 'bench', 'update', 'users edit', 'users',
                 (i % $users + 1)::text, jsonb_build_object('credits', i - 1), jsonb_build_object('credits', i),
                 'bench load', '127.0.0.1'::inet, 'ctl-bench', 1000 + i, h, NULL)::audit_log;
        r.hash := ctl_audit_hash(h, r);
        INSERT INTO audit_log VALUES (r.*);
        h := r.hash;
    END LOOP;
END
\$\$;
SQL
  echo "bench: audit entries appended in ${SECONDS}s" >&2
fi
q "analyze" >/dev/null

# Pick real fragments from the data: a rare one (one e-mail's local part), a common name and a
# company fragment matching thousands of rows.
rare=$(q "select split_part(email::text, '@', 1) from users where id = (select max(id) / 2 from users)")
common=$(q "select split_part(name, ' ', 1) from users where name is not null group by 1 order by count(*) desc limit 1")
company=$(q "select left(company, 5) from users where company is not null group by 1 order by count(*) desc limit 1")
email=$(q "select email from users where id = (select max(id) / 3 from users)")
# A typo: a name whose last two letters are swapped, found by no containment, only by similarity.
typo=$(q "select regexp_replace(name, '(.)(.)$', '\2\1') from users where id = (select max(id) / 4 from users)")
common_n=$(q "select count(*) from users where name ilike '%$common%'")
company_n=$(q "select count(*) from users where company ilike '%$company%'")

results="$out/results.tsv"
: >"$results"

# bench NAME TARGET CTL_COMMAND [PSQL_COMMAND]
# A probe run measures ctl's peak RSS (largest process of the command) and sizes the benchmark:
# quick commands get 3 warm-ups and at least 15 runs, slow ones fewer so the suite stays bounded.
# Exit 10 (a check found problems) counts as a result; any other failure is reported as such.
bench() {
  local name="$1" target="$2" cmd="$3" psql_cmd="${4:-}"
  if [ -n "${CTL_BENCH_ONLY:-}" ] && ! grep -Eq -- "$CTL_BENCH_ONLY" <<<"$name"; then return; fi
  local rc=0 secs kb
  /usr/bin/time -f '%e %M' -o "$out/probe.time" bash -c "$cmd" >/dev/null 2>"$out/probe.err" || rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 10 ]; then
    echo "bench: $name failed (exit $rc): $(head -1 "$out/probe.err")" >&2
    printf '%s\tfailed (exit %s)\t\t%s\t\t\t\n' "$name" "$rc" "$target" | tee -a "$results" >&2
    return
  fi
  read -r secs kb < <(tail -1 "$out/probe.time")
  local args=(--export-json "$out/b.json" --style none)
  [ "$rc" = 10 ] && args+=(-i)
  if awk -v s="$secs" 'BEGIN { exit !(s < 0.5) }'; then args+=(--warmup 3 --min-runs 15)
  elif awk -v s="$secs" 'BEGIN { exit !(s < 5) }'; then args+=(--warmup 1 --runs 7)
  else args+=(--runs 3); fi
  # No shell between hyperfine and ctl unless the command needs one (&&, redirections).
  local shell=(-N)
  [[ "$cmd" == *[\&\|\>\<\;]* ]] && shell=(--shell=bash)
  hyperfine "${args[@]}" "${shell[@]}" "$cmd" >/dev/null 2>&1 || { echo "bench: $name failed under hyperfine" >&2; return; }
  local stats psql_median="" ratio=""
  stats=$(jq -r '.results[0].times | sort | [ .[(length/2|floor)], .[((length*0.95)|floor)] ] | map(. * 10000 | round / 10) | @tsv' "$out/b.json")
  if [ -n "$psql_cmd" ]; then
    shell=(-N)
    [[ "$psql_cmd" == *[\&\|\>\<\;]* ]] && shell=(--shell=bash)
    if hyperfine "${args[@]}" "${shell[@]}" "$psql_cmd" >/dev/null 2>&1; then
      psql_median=$(jq -r '.results[0].times | sort | .[(length/2|floor)] * 10000 | round / 10' "$out/b.json")
      ratio=$(awk -v c="${stats%%$'\t'*}" -v p="$psql_median" 'BEGIN { if (p > 0) printf "%.2f", c / p }')
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$stats" "$target" "$psql_median" "$ratio" "$((kb / 1024))" |
    tee -a "$results" >&2
}

users_csv="select $(printf '%s' 'u.id, u.email, u.name, u.company, u.status, u.plan, coalesce(ac.n, 0) as agents, u.wallet, u.phone, u.auth_provider, u.auth_provider_id, u.credits, u.created_at, u.last_login_at, u.trial_ends_at, u.agent_quota, u.api_call_quota, u.minute_quota, u.country, u.updated_at, u.deleted_at') from users u left join (select a.user_id, count(*) as n from agents a where a.status <> 'deleted' group by a.user_id) ac on ac.user_id = u.id order by u.id"

bench "ctl version" "5 ms" "$ctl version"
bench "users list (first page)" "50 ms" "$ctl users list -o csv" \
  "$psql '$conninfo' -XAtc 'select id, email from users order by created_at desc, id desc limit 51'"
bench "users list --search rare ($rare)" "50 ms" "$ctl users list -o csv --search '$rare'"
bench "users list --search common ($common, $common_n rows)" "50 ms" "$ctl users list -o csv --search '$common'"
bench "users list --search company ($company, $company_n rows)" "50 ms" "$ctl users list -o csv --search '$company'"
bench "users list --status banned" "50 ms" "$ctl users list -o csv --status banned"
bench "users list --plan pro --sort email" "50 ms" "$ctl users list -o csv --plan pro --sort email"
bench "users list --joined-after 30d" "50 ms" "$ctl users list -o csv --joined-after 30d"
bench "users list --joined-before 300d" "50 ms" "$ctl users list -o csv --joined-before 300d"
bench "users list --active-since 7d" "50 ms" "$ctl users list -o csv --active-since 7d"
bench "users list --inactive-for 90d" "50 ms" "$ctl users list -o csv --inactive-for 90d"
bench "users list --min-agents 3" "50 ms" "$ctl users list -o csv --min-agents 3"
bench "users list --has-failed-payment" "50 ms" "$ctl users list -o csv --has-failed-payment"
for segment in high-value at-risk power inactive; do
  bench "users list --segment $segment" "50 ms" "$ctl users list -o csv --segment $segment"
done
bench "users search rare ($rare)" "50 ms" "$ctl users search '$rare' -o csv"
bench "users search common ($common, $common_n rows)" "50 ms" "$ctl users search '$common' -o csv"
bench "users search company ($company, $company_n rows)" "50 ms" "$ctl users search '$company' -o csv"
bench "users search e-mail ($email)" "50 ms" "$ctl users search '$email' -o csv"
bench "users search typo ($typo, near misses only)" "50 ms" "$ctl users search '$typo' -o csv"
bench "users show" "50 ms" "$ctl users show '$email' -o json"
bench "users export -o csv (all)" "1.5x psql, 50 MB" "$ctl users export -o csv" \
  "$psql '$conninfo' -XAtc \"\\copy ($users_csv) to stdout with csv header\""
bench "users export -o ndjson (all)" "1.5x psql, 50 MB" "$ctl users export -o ndjson" \
  "$psql '$conninfo' -XAtc \"\\copy (select row_to_json(t) from ($users_csv) t) to stdout\""
bench "audit verify ($(q "select count(*) from audit_log where id > 0") entries)" "5 s" "$ctl audit verify -q" \
  "$psql '$conninfo' -XAtc \"select count(*) filter (where hash is distinct from ctl_audit_hash(prev_hash, a)) from audit_log a where id > 0\""

# Each command group adds its benchmarks in tests/bench/groups/<group>.sh, sourced here: it may
# use $ctl, $psql, $conninfo, $out, $email, q and the bench function above.
for group in tests/bench/groups/*.sh; do
  [ -e "$group" ] || continue
  # shellcheck source=/dev/null
  . "$group"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

table() {
  echo "| benchmark | median ms | p95 ms | target | psql median ms | ctl/psql | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|"
  [ -f "$seed_tsv" ] && awk -F'\t' '{printf "| %s | %s | | %s | | | %s |\n", $1, $2, $4, $7}' "$seed_tsv"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7}' "$results"
}
table | tee "$out/results.md"

# RESULTS.md: the generated part between the markers is replaced; what is around it (the
# analysis of the misses) is kept. A partial run (CTL_BENCH_ONLY) leaves it alone.
if [ -n "${CTL_BENCH_ONLY:-}" ]; then exit 0; fi
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
ram=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release && echo "$PRETTY_NAME")
kernel=$(uname -r)
pg=$(q "show server_version")
generated="$out/generated.md"
{
  echo "<!-- bench:begin (written by tests/bench/run.sh) -->"
  echo "Run of $started: $(q "select count(*) from users") users, $(q "select count(*) from audit_log where id > 0") audit entries,"
  echo "$(q "select count(*) from payments") payments, $(q "select count(*) from agents") agents."
  echo
  echo "Machine: $(nproc) cores ($cpu), $ram RAM, $os (kernel $kernel), PostgreSQL $pg."
  echo "Load average (1, 5, 15 min): $load_start at the start, $load_end at the end."
  [ -f "$seed_tsv" ] && echo "Load average when the seed ran: $(cut -f8 "$seed_tsv")."
  echo
  table
  echo "<!-- bench:end -->"
} >"$generated"
if [ -f "$results_md" ] && grep -q '<!-- bench:begin' "$results_md"; then
  awk -v gen="$generated" '
    /<!-- bench:begin/ { while ((getline line < gen) > 0) print line; skip = 1; next }
    /<!-- bench:end/ { skip = 0; next }
    !skip { print }' "$results_md" >"$results_md.tmp"
else
  { echo "# Benchmark results"; echo; cat "$generated"; } >"$results_md.tmp"
fi
mv "$results_md.tmp" "$results_md"
echo "bench: wrote $results_md" >&2
