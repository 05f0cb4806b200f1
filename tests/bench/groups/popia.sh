# ctl popia (issue 9). No targets were given; these are what an operator would expect.
bench "popia requests list" "50 ms" "$ctl popia requests list -o csv"
bench "popia requests list --overdue" "50 ms" "$ctl popia requests list --overdue -o csv"
bench "popia export (one user)" "200 ms" "$ctl popia export '$email' -q"
bench "popia retention status" "1 s" "$ctl popia retention status -o csv"
