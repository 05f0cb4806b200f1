# Benchmarks of `ctl agents` and `ctl devin` (issue 6 targets: under 50 ms on the 1M-user seed,
# excluding Devin API calls). Sourced by tests/bench/run.sh.
agent_owner=$(q "select u.email from users u join agents a on a.user_id = u.id where u.id = (select max(user_id) / 2 from agents) limit 1")
agent_name=$(q "select left(name, 5) from agents where id = (select max(id) / 3 from agents)")
agent_id=$(q "select agent_id from deployments where agent_id > (select max(id) / 2 from agents) order by agent_id limit 1")

bench "agents list (first page)" "50 ms" "$ctl agents list -o csv" \
  "$psql '$conninfo' -Atc 'select id, name from agents order by created_at desc, id desc limit 51'"
bench "agents list --status failed" "50 ms" "$ctl agents list -o csv --status failed"
bench "agents list --tier enterprise" "50 ms" "$ctl agents list -o csv --tier enterprise"
bench "agents list --subscription expiring" "50 ms" "$ctl agents list -o csv --subscription expiring"
bench "agents list --owner" "50 ms" "$ctl agents list -o csv --owner '$agent_owner'"
bench "agents list --search name ($agent_name)" "50 ms" "$ctl agents list -o csv --search '$agent_name'"
bench "agents show" "50 ms" "$ctl agents show '$agent_id' -o json"
bench "devin queue" "50 ms" "$ctl devin queue -o csv"
bench "devin queue --recent 7d" "50 ms" "$ctl devin queue -o csv --recent 7d"
