# Benchmarks of `ctl payments` (sourced by tests/bench/run.sh; uses $ctl, $conninfo, bench).
# Targets from issue 5: list with any filter and show under 50 ms median on the 1M-user seed;
# export of all payments within 1.5x psql's \copy of the same query.

pay_user=$(q "select user_id from payments where id = (select max(id) / 2 from payments)")
pay_id=$(q "select max(id) / 3 from payments")

bench "payments list (first page)" "50 ms" "$ctl payments list -o csv"
bench "payments list --status failed" "50 ms" "$ctl payments list -o csv --status failed"
bench "payments list --provider nowpayments" "50 ms" "$ctl payments list -o csv --provider nowpayments"
bench "payments list --user $pay_user" "50 ms" "$ctl payments list -o csv --user $pay_user"
bench "payments list --from 30d --to 20d" "50 ms" "$ctl payments list -o csv --from 30d --to 20d"
bench "payments list --min 100 --max 200" "50 ms" "$ctl payments list -o csv --min 100 --max 200"
bench "payments list --pending-over 1h" "50 ms" "$ctl payments list -o csv --pending-over 1h"
bench "payments show $pay_id" "50 ms" "$ctl payments show $pay_id -o json"
bench "payments export (all)" "1.5x psql" "$ctl payments export -o csv" \
  "$psql '$conninfo' -Atc \"\\copy (select p.id, p.user_id, u.email, p.provider, p.provider_payment_id, p.status, p.provider_status, p.amount_cents, p.refunded_cents, p.currency, p.subscription_id, p.pay_amount, p.pay_currency, p.description, p.failure_reason, p.paid_at, p.created_at, p.updated_at from payments p join users u on u.id = p.user_id order by p.id) to stdout with csv header\""
