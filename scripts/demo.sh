#!/usr/bin/env bash
# The README's first command: install, build, bring up the local database, seed demo data and
# show the first screens: the newest users and the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctl=build/ctl
"$ctl" db local up
if [ "$("$ctl" users list --limit 1 -o csv -q | wc -l)" -le 1 ]; then
  "$ctl" db seed --users "${CTL_DEMO_USERS:-2000}"
fi
"$ctl" users list --limit 10
"$ctl" analytics overview
