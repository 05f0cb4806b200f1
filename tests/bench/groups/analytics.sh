# ctl analytics (issue 7). Sourced by tests/bench/run.sh: uses $ctl, $conninfo and bench().
# The MRR rollup is rebuilt first (as the nightly cron job would); `refresh` itself is timed too.
"$ctl" analytics refresh -q
month_ago=$(date -u -d "$(date -u +%Y-%m-01) -17 months" +%Y-%m-%d)
bench "analytics refresh (MRR rollup)" "-" "$ctl analytics refresh -q"
bench "analytics overview" "300 ms" "$ctl analytics overview -o csv"
bench "analytics mrr --interval month, 18 months" "1 s" "$ctl analytics mrr --interval month --from $month_ago -o csv"
bench "analytics revenue --interval month, 18 months" "-" "$ctl analytics revenue --interval month --from $month_ago -o csv"
bench "analytics churn, 12 months" "-" "$ctl analytics churn -o csv"
bench "analytics retention (cohorts)" "-" "$ctl analytics retention -o csv"
bench "analytics report monthly -o csv" "3 s" "$ctl analytics report monthly -o csv"
bench "analytics report monthly -o html" "3 s" "$ctl analytics report monthly -o html"
