# ctl flags: maintenance toggles (CI's path) against psql doing the same, and bulk evaluation.
# The same is the statement ctl sends: ctl_maintenance_change() sets the audit context (command,
# reason), changes the flag and returns the state it leaves.
# Sourced by tests/bench/run.sh ($ctl, $conninfo, $out, bench).

bench "flags maintenance status" "20 ms" "$ctl flags maintenance status" \
  "$psql '$conninfo' -Atc \"select enabled, message from feature_flags where name = 'maintenance_mode'\""
# on and off alternate inside one run so every run is a real change, not an idempotent no-op.
bench "flags maintenance on + off (2 changes)" "40 ms" \
  "$ctl flags maintenance on --message bench -q && $ctl flags maintenance off -q" \
  "$psql '$conninfo' -Atc \"select * from ctl_maintenance_change('flags maintenance on', '', true, 'bench', null)\" && $psql '$conninfo' -Atc \"select * from ctl_maintenance_change('flags maintenance off', '', false, null, null)\""
bench "flags maintenance on (already on)" "20 ms" "$ctl flags maintenance on -q" \
  "$psql '$conninfo' -Atc \"select * from ctl_maintenance_change('flags maintenance on', '', true, null, null)\""
$ctl flags maintenance off -q >/dev/null 2>&1

# 1M user ids through a 3-variant 40% rollout.
flags_ids="$out/flags-users.txt"
[ -s "$flags_ids" ] || seq 1 1000000 >"$flags_ids"
$ctl flags set bench_rollout -q >/dev/null 2>&1
$ctl flags enable bench_rollout -q >/dev/null 2>&1
$ctl flags rollout bench_rollout 40 -q >/dev/null 2>&1
$ctl flags variants bench_rollout --add a:1 --add b:1 --add c:2 -q >/dev/null 2>&1
$ctl flags export --out "$out/flags-state.json" -q
bench "flags eval --users-from (1M ids, summary)" "2 s" "$ctl flags eval bench_rollout --users-from $flags_ids --state $out/flags-state.json"
bench "flags eval --users-from (1M ids, csv)" "2 s" "$ctl flags eval bench_rollout --users-from $flags_ids -o csv >/dev/null"
