# Operations (issue 10): the activity feed, alert evaluation, health and templates. The issue
# sets no targets; the figures here are for spotting regressions. Sourced by tests/bench/run.sh.
bench "activity (last day, newest 50)" "100 ms" "$ctl activity --since 1d -o json"
bench "activity --type payment --user" "50 ms" "$ctl activity --since 30d --type payment --user $email -o json"
bench "alerts (every rule)" "500 ms" "$ctl alerts --all -o json"
bench "health (database rows)" "100 ms" "$ctl health -o json"
bench "email templates list" "30 ms" "$ctl email templates list -o json"
