# ctl analytics (issue 7). Sourced by tests/bench/run.sh: uses $ctl, $conninfo, $out and bench().
# The first refresh builds the daily MRR rollups whole (as after a re-seed) and is timed once;
# then the incremental refresh a nightly cron job runs, and the reads, which use the rollups for
# the days before today and read today live.
/usr/bin/time -f "%e %M" -o "$out/refresh.time" "$ctl" analytics refresh -q
read -r refresh_s refresh_kb <"$out/refresh.time"
printf 'analytics refresh, first (full build of the rollups)\t%s\t\t-\t\t\t%s\n' \
  "$(awk -v s="$refresh_s" 'BEGIN { printf "%.0f", s * 1000 }')" "$((refresh_kb / 1024))" |
  tee -a "$results" >&2
from18=$(date -u -d "$(date -u +%Y-%m-01) -17 months" +%Y-%m-%d)
bench "analytics refresh (incremental, nightly)" "-" "$ctl analytics refresh -q"
bench "analytics overview" "300 ms" "$ctl analytics overview -o csv"
bench "analytics mrr --interval month, 18 months" "1 s" "$ctl analytics mrr --interval month --from $from18 -o csv"
bench "analytics mrr --interval day, 30 days" "-" "$ctl analytics mrr --interval day -o csv"
bench "analytics churn, 12 months" "-" "$ctl analytics churn -o csv"
bench "analytics retention, 12 monthly cohorts" "-" "$ctl analytics retention -o csv"
bench "analytics retention --revenue, 12 monthly cohorts" "-" "$ctl analytics retention --revenue -o csv"
bench "analytics revenue --interval month, 18 months" "-" "$ctl analytics revenue --interval month --from $from18 -o csv"
bench "analytics report monthly -o csv" "3 s" "$ctl analytics report monthly -o csv"
bench "analytics report monthly -o html" "3 s" "$ctl analytics report monthly -o html"
