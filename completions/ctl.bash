# bash completion for ctl                                      -*- shell-script -*-
# Generated from ctl's command tree by scripts/gen-docs.sh (or: ctl completion bash); do not edit.
# Install: source it from ~/.bashrc, or copy it to
# /usr/share/bash-completion/completions/ctl.

# The commands below a command path ("" is ctl itself).
_ctl_subcommands() {
    case $1 in
        '') _ctl_words='version db users payments agents devin popia email alerts activity flags analytics health admins audit completion help' ;;
        'db') _ctl_words='migrate status seed local' ;;
        'db local') _ctl_words='up down status' ;;
        'users') _ctl_words='list search show export bulk ban unban suspend activate edit delete note notes impersonate impersonations activity logins reset-password credits trial plan quota' ;;
        'payments') _ctl_words='list show export refund manual mark-paid retry invoices subscriptions plans coupons reconcile' ;;
        'payments invoices') _ctl_words='list show create pdf send' ;;
        'payments subscriptions') _ctl_words='list show extend cancel pause resume change-plan' ;;
        'payments plans') _ctl_words='list create edit archive' ;;
        'payments coupons') _ctl_words='list create disable' ;;
        'agents') _ctl_words='list show edit verify cancel delete logs redeploy' ;;
        'devin') _ctl_words='queue sessions show logs test retry cancel set-status sync' ;;
        'popia') _ctl_words='requests export erase consent retention' ;;
        'popia requests') _ctl_words='list open show close' ;;
        'popia retention') _ctl_words='status run' ;;
        'email') _ctl_words='templates send log sync' ;;
        'email templates') _ctl_words='list show set' ;;
        'alerts') _ctl_words='ack' ;;
        'flags') _ctl_words='list get set enable disable rollout target variants delete history eval export import maintenance signups waitlist settings' ;;
        'flags maintenance') _ctl_words='on off status' ;;
        'flags signups') _ctl_words='on off' ;;
        'flags waitlist') _ctl_words='on off' ;;
        'flags settings') _ctl_words='list get set unset' ;;
        'analytics') _ctl_words='overview mrr revenue churn users retention agents usage funnel refresh report' ;;
        'analytics report') _ctl_words='daily weekly monthly' ;;
        'admins') _ctl_words='list add role remove me' ;;
        'audit') _ctl_words='list show export verify' ;;
        *) _ctl_words='' ;;
    esac
}

# The options accepted at a command path: its own and those of the commands above it.
_ctl_options() {
    _ctl_words='-h --help'
    _ctl_words+=' --version --db --profile -o --output --fields --no-color -y --yes --dry-run --reason -q --quiet -v --verbose --timeout --replica-only'
    case $1 in 'db seed'|'db seed '*) _ctl_words+=' --users --seed --months --reset' ;; esac
    case $1 in 'users list'|'users list '*) _ctl_words+=' --search --status --plan --joined-after --joined-before --active-since --inactive-for --min-agents --has-failed-payment --segment --sort --limit --after' ;; esac
    case $1 in 'users search'|'users search '*) _ctl_words+=' --search --status --plan --joined-after --joined-before --active-since --inactive-for --min-agents --has-failed-payment --segment --limit' ;; esac
    case $1 in 'users export'|'users export '*) _ctl_words+=' --search --status --plan --joined-after --joined-before --active-since --inactive-for --min-agents --has-failed-payment --segment --out' ;; esac
    case $1 in 'users bulk'|'users bulk '*) _ctl_words+=' --ids-from --where --search --status --plan --joined-after --joined-before --active-since --inactive-for --min-agents --has-failed-payment --segment --text --out --batch-size --template --var --campaign' ;; esac
    case $1 in 'users edit'|'users edit '*) _ctl_words+=' --name --email --company --phone' ;; esac
    case $1 in 'users delete'|'users delete '*) _ctl_words+=' --hard' ;; esac
    case $1 in 'users impersonate'|'users impersonate '*) _ctl_words+=' --ttl --revoke' ;; esac
    case $1 in 'users impersonations'|'users impersonations '*) _ctl_words+=' --limit' ;; esac
    case $1 in 'users activity'|'users activity '*) _ctl_words+=' --type --since --limit' ;; esac
    case $1 in 'users logins'|'users logins '*) _ctl_words+=' --limit' ;; esac
    case $1 in 'payments list'|'payments list '*) _ctl_words+=' --status --provider --user --from --to --min --max --failed --pending-over --limit --after' ;; esac
    case $1 in 'payments export'|'payments export '*) _ctl_words+=' --status --provider --user --from --to --min --max --failed --pending-over --out' ;; esac
    case $1 in 'payments refund'|'payments refund '*) _ctl_words+=' --amount' ;; esac
    case $1 in 'payments manual'|'payments manual '*) _ctl_words+=' --user --amount --currency --provider --reference --subscription --description' ;; esac
    case $1 in 'payments invoices list'|'payments invoices list '*) _ctl_words+=' --user --status --year --limit --after' ;; esac
    case $1 in 'payments invoices create'|'payments invoices create '*) _ctl_words+=' --tax --due' ;; esac
    case $1 in 'payments invoices pdf'|'payments invoices pdf '*) _ctl_words+=' --out' ;; esac
    case $1 in 'payments invoices send'|'payments invoices send '*) _ctl_words+=' --to --again' ;; esac
    case $1 in 'payments subscriptions list'|'payments subscriptions list '*) _ctl_words+=' --user --status --plan --limit --after' ;; esac
    case $1 in 'payments subscriptions cancel'|'payments subscriptions cancel '*) _ctl_words+=' --at-period-end' ;; esac
    case $1 in 'payments plans list'|'payments plans list '*) _ctl_words+=' --all' ;; esac
    case $1 in 'payments plans create'|'payments plans create '*) _ctl_words+=' --code --tier --interval --name --price --currency --trial-days --agent-limit --features --quotas' ;; esac
    case $1 in 'payments plans edit'|'payments plans edit '*) _ctl_words+=' --name --price --currency --trial-days --agent-limit --features --quotas' ;; esac
    case $1 in 'payments coupons list'|'payments coupons list '*) _ctl_words+=' --all' ;; esac
    case $1 in 'payments coupons create'|'payments coupons create '*) _ctl_words+=' --code --percent-off --amount-off --currency --duration --duration-months --max-redemptions --expires' ;; esac
    case $1 in 'payments reconcile'|'payments reconcile '*) _ctl_words+=' --provider --from --to --fix' ;; esac
    case $1 in 'agents list'|'agents list '*) _ctl_words+=' --status --tier --owner --subscription --search --limit --after' ;; esac
    case $1 in 'agents edit'|'agents edit '*) _ctl_words+=' --name --purpose --tier' ;; esac
    case $1 in 'agents delete'|'agents delete '*) _ctl_words+=' --refund' ;; esac
    case $1 in 'devin queue'|'devin queue '*) _ctl_words+=' --limit --recent --watch --interval --count' ;; esac
    case $1 in 'devin sessions'|'devin sessions '*) _ctl_words+=' --status --since --limit' ;; esac
    case $1 in 'devin show'|'devin show '*) _ctl_words+=' --watch --interval --count' ;; esac
    case $1 in 'devin set-status'|'devin set-status '*) _ctl_words+=' --bot-username' ;; esac
    case $1 in 'devin sync'|'devin sync '*) _ctl_words+=' --all-running' ;; esac
    case $1 in 'popia requests list'|'popia requests list '*) _ctl_words+=' --status --kind --user --overdue --limit --after' ;; esac
    case $1 in 'popia requests open'|'popia requests open '*) _ctl_words+=' --kind --received --note' ;; esac
    case $1 in 'popia requests close'|'popia requests close '*) _ctl_words+=' --status' ;; esac
    case $1 in 'popia export'|'popia export '*) _ctl_words+=' --out --request' ;; esac
    case $1 in 'popia erase'|'popia erase '*) _ctl_words+=' --request' ;; esac
    case $1 in 'popia consent'|'popia consent '*) _ctl_words+=' --source' ;; esac
    case $1 in 'email templates set'|'email templates set '*) _ctl_words+=' --subject --html-file --text-file' ;; esac
    case $1 in 'email send'|'email send '*) _ctl_words+=' --user --segment --template --var --campaign --batch-size' ;; esac
    case $1 in 'email log'|'email log '*) _ctl_words+=' --user --status --template --since --limit --after' ;; esac
    case $1 in 'email sync'|'email sync '*) _ctl_words+=' --since' ;; esac
    case $1 in 'alerts'|'alerts '*) _ctl_words+=' --check --notify --all' ;; esac
    case $1 in 'activity'|'activity '*) _ctl_words+=' -f --follow --type --user --since --limit --count' ;; esac
    case $1 in 'flags list'|'flags list '*) _ctl_words+=' --type --env' ;; esac
    case $1 in 'flags get'|'flags get '*) _ctl_words+=' --env' ;; esac
    case $1 in 'flags set'|'flags set '*) _ctl_words+=' --description --type' ;; esac
    case $1 in 'flags enable'|'flags enable '*) _ctl_words+=' --env' ;; esac
    case $1 in 'flags disable'|'flags disable '*) _ctl_words+=' --env' ;; esac
    case $1 in 'flags rollout'|'flags rollout '*) _ctl_words+=' --stickiness --env' ;; esac
    case $1 in 'flags target'|'flags target '*) _ctl_words+=' --users --tiers --constraint --clear --env' ;; esac
    case $1 in 'flags variants'|'flags variants '*) _ctl_words+=' --add --remove --clear --stickiness --env' ;; esac
    case $1 in 'flags history'|'flags history '*) _ctl_words+=' --limit' ;; esac
    case $1 in 'flags eval'|'flags eval '*) _ctl_words+=' --user --session --address --context --state --users-from --env' ;; esac
    case $1 in 'flags export'|'flags export '*) _ctl_words+=' --format --env --out' ;; esac
    case $1 in 'flags import'|'flags import '*) _ctl_words+=' --env' ;; esac
    case $1 in 'flags maintenance on'|'flags maintenance on '*) _ctl_words+=' --message --until' ;; esac
    case $1 in 'flags maintenance status'|'flags maintenance status '*) _ctl_words+=' --exit-code' ;; esac
    case $1 in 'flags settings list'|'flags settings list '*) _ctl_words+=' --category --reveal' ;; esac
    case $1 in 'flags settings get'|'flags settings get '*) _ctl_words+=' --reveal' ;; esac
    case $1 in 'flags settings set'|'flags settings set '*) _ctl_words+=' --secret --no-secret --description --category' ;; esac
    case $1 in 'analytics overview'|'analytics overview '*) _ctl_words+=' --no-chart' ;; esac
    case $1 in 'analytics mrr'|'analytics mrr '*) _ctl_words+=' --from --to --interval --no-chart' ;; esac
    case $1 in 'analytics revenue'|'analytics revenue '*) _ctl_words+=' --from --to --interval --no-chart --by' ;; esac
    case $1 in 'analytics churn'|'analytics churn '*) _ctl_words+=' --from --to --interval --no-chart --by' ;; esac
    case $1 in 'analytics users'|'analytics users '*) _ctl_words+=' --from --to --interval --no-chart --by' ;; esac
    case $1 in 'analytics retention'|'analytics retention '*) _ctl_words+=' --from --to --no-chart --revenue' ;; esac
    case $1 in 'analytics agents'|'analytics agents '*) _ctl_words+=' --from --to --interval --no-chart --top' ;; esac
    case $1 in 'analytics usage'|'analytics usage '*) _ctl_words+=' --from --to --interval --no-chart --top' ;; esac
    case $1 in 'analytics funnel'|'analytics funnel '*) _ctl_words+=' --from --to --no-chart' ;; esac
    case $1 in 'analytics report daily'|'analytics report daily '*) _ctl_words+=' --from --to -o --output --out --email' ;; esac
    case $1 in 'analytics report weekly'|'analytics report weekly '*) _ctl_words+=' --from --to -o --output --out --email' ;; esac
    case $1 in 'analytics report monthly'|'analytics report monthly '*) _ctl_words+=' --from --to -o --output --out --email' ;; esac
    case $1 in 'admins add'|'admins add '*) _ctl_words+=' --role --password-file' ;; esac
    case $1 in 'audit list'|'audit list '*) _ctl_words+=' --actor --action --entity --since --until --reason-contains --limit --after' ;; esac
    case $1 in 'audit export'|'audit export '*) _ctl_words+=' --actor --action --entity --since --until --reason-contains' ;; esac
}

# Succeeds when option $2 takes a value at command path $1.
_ctl_takes_value() {
    case "$1|$2" in
        *'|--db'|*'|--profile'|*'|-o'|*'|--output'|*'|--fields'|*'|--reason'|*'|--timeout') return 0 ;;
        'db seed|--users'|'db seed '*'|--users'|'db seed|--seed'|'db seed '*'|--seed'|'db seed|--months'|'db seed '*'|--months') return 0 ;;
        'users list|--search'|'users list '*'|--search'|'users list|--status'|'users list '*'|--status'|'users list|--plan'|'users list '*'|--plan'|'users list|--joined-after'|'users list '*'|--joined-after'|'users list|--joined-before'|'users list '*'|--joined-before'|'users list|--active-since'|'users list '*'|--active-since'|'users list|--inactive-for'|'users list '*'|--inactive-for'|'users list|--min-agents'|'users list '*'|--min-agents'|'users list|--segment'|'users list '*'|--segment'|'users list|--sort'|'users list '*'|--sort'|'users list|--limit'|'users list '*'|--limit'|'users list|--after'|'users list '*'|--after') return 0 ;;
        'users search|--search'|'users search '*'|--search'|'users search|--status'|'users search '*'|--status'|'users search|--plan'|'users search '*'|--plan'|'users search|--joined-after'|'users search '*'|--joined-after'|'users search|--joined-before'|'users search '*'|--joined-before'|'users search|--active-since'|'users search '*'|--active-since'|'users search|--inactive-for'|'users search '*'|--inactive-for'|'users search|--min-agents'|'users search '*'|--min-agents'|'users search|--segment'|'users search '*'|--segment'|'users search|--limit'|'users search '*'|--limit') return 0 ;;
        'users export|--search'|'users export '*'|--search'|'users export|--status'|'users export '*'|--status'|'users export|--plan'|'users export '*'|--plan'|'users export|--joined-after'|'users export '*'|--joined-after'|'users export|--joined-before'|'users export '*'|--joined-before'|'users export|--active-since'|'users export '*'|--active-since'|'users export|--inactive-for'|'users export '*'|--inactive-for'|'users export|--min-agents'|'users export '*'|--min-agents'|'users export|--segment'|'users export '*'|--segment'|'users export|--out'|'users export '*'|--out') return 0 ;;
        'users bulk|--ids-from'|'users bulk '*'|--ids-from'|'users bulk|--search'|'users bulk '*'|--search'|'users bulk|--status'|'users bulk '*'|--status'|'users bulk|--plan'|'users bulk '*'|--plan'|'users bulk|--joined-after'|'users bulk '*'|--joined-after'|'users bulk|--joined-before'|'users bulk '*'|--joined-before'|'users bulk|--active-since'|'users bulk '*'|--active-since'|'users bulk|--inactive-for'|'users bulk '*'|--inactive-for'|'users bulk|--min-agents'|'users bulk '*'|--min-agents'|'users bulk|--segment'|'users bulk '*'|--segment'|'users bulk|--text'|'users bulk '*'|--text'|'users bulk|--out'|'users bulk '*'|--out'|'users bulk|--batch-size'|'users bulk '*'|--batch-size'|'users bulk|--template'|'users bulk '*'|--template'|'users bulk|--var'|'users bulk '*'|--var'|'users bulk|--campaign'|'users bulk '*'|--campaign') return 0 ;;
        'users edit|--name'|'users edit '*'|--name'|'users edit|--email'|'users edit '*'|--email'|'users edit|--company'|'users edit '*'|--company'|'users edit|--phone'|'users edit '*'|--phone') return 0 ;;
        'users impersonate|--ttl'|'users impersonate '*'|--ttl'|'users impersonate|--revoke'|'users impersonate '*'|--revoke') return 0 ;;
        'users impersonations|--limit'|'users impersonations '*'|--limit') return 0 ;;
        'users activity|--type'|'users activity '*'|--type'|'users activity|--since'|'users activity '*'|--since'|'users activity|--limit'|'users activity '*'|--limit') return 0 ;;
        'users logins|--limit'|'users logins '*'|--limit') return 0 ;;
        'payments list|--status'|'payments list '*'|--status'|'payments list|--provider'|'payments list '*'|--provider'|'payments list|--user'|'payments list '*'|--user'|'payments list|--from'|'payments list '*'|--from'|'payments list|--to'|'payments list '*'|--to'|'payments list|--min'|'payments list '*'|--min'|'payments list|--max'|'payments list '*'|--max'|'payments list|--pending-over'|'payments list '*'|--pending-over'|'payments list|--limit'|'payments list '*'|--limit'|'payments list|--after'|'payments list '*'|--after') return 0 ;;
        'payments export|--status'|'payments export '*'|--status'|'payments export|--provider'|'payments export '*'|--provider'|'payments export|--user'|'payments export '*'|--user'|'payments export|--from'|'payments export '*'|--from'|'payments export|--to'|'payments export '*'|--to'|'payments export|--min'|'payments export '*'|--min'|'payments export|--max'|'payments export '*'|--max'|'payments export|--pending-over'|'payments export '*'|--pending-over'|'payments export|--out'|'payments export '*'|--out') return 0 ;;
        'payments refund|--amount'|'payments refund '*'|--amount') return 0 ;;
        'payments manual|--user'|'payments manual '*'|--user'|'payments manual|--amount'|'payments manual '*'|--amount'|'payments manual|--currency'|'payments manual '*'|--currency'|'payments manual|--provider'|'payments manual '*'|--provider'|'payments manual|--reference'|'payments manual '*'|--reference'|'payments manual|--subscription'|'payments manual '*'|--subscription'|'payments manual|--description'|'payments manual '*'|--description') return 0 ;;
        'payments invoices list|--user'|'payments invoices list '*'|--user'|'payments invoices list|--status'|'payments invoices list '*'|--status'|'payments invoices list|--year'|'payments invoices list '*'|--year'|'payments invoices list|--limit'|'payments invoices list '*'|--limit'|'payments invoices list|--after'|'payments invoices list '*'|--after') return 0 ;;
        'payments invoices create|--tax'|'payments invoices create '*'|--tax'|'payments invoices create|--due'|'payments invoices create '*'|--due') return 0 ;;
        'payments invoices pdf|--out'|'payments invoices pdf '*'|--out') return 0 ;;
        'payments invoices send|--to'|'payments invoices send '*'|--to') return 0 ;;
        'payments subscriptions list|--user'|'payments subscriptions list '*'|--user'|'payments subscriptions list|--status'|'payments subscriptions list '*'|--status'|'payments subscriptions list|--plan'|'payments subscriptions list '*'|--plan'|'payments subscriptions list|--limit'|'payments subscriptions list '*'|--limit'|'payments subscriptions list|--after'|'payments subscriptions list '*'|--after') return 0 ;;
        'payments plans create|--code'|'payments plans create '*'|--code'|'payments plans create|--tier'|'payments plans create '*'|--tier'|'payments plans create|--interval'|'payments plans create '*'|--interval'|'payments plans create|--name'|'payments plans create '*'|--name'|'payments plans create|--price'|'payments plans create '*'|--price'|'payments plans create|--currency'|'payments plans create '*'|--currency'|'payments plans create|--trial-days'|'payments plans create '*'|--trial-days'|'payments plans create|--agent-limit'|'payments plans create '*'|--agent-limit'|'payments plans create|--features'|'payments plans create '*'|--features'|'payments plans create|--quotas'|'payments plans create '*'|--quotas') return 0 ;;
        'payments plans edit|--name'|'payments plans edit '*'|--name'|'payments plans edit|--price'|'payments plans edit '*'|--price'|'payments plans edit|--currency'|'payments plans edit '*'|--currency'|'payments plans edit|--trial-days'|'payments plans edit '*'|--trial-days'|'payments plans edit|--agent-limit'|'payments plans edit '*'|--agent-limit'|'payments plans edit|--features'|'payments plans edit '*'|--features'|'payments plans edit|--quotas'|'payments plans edit '*'|--quotas') return 0 ;;
        'payments coupons create|--code'|'payments coupons create '*'|--code'|'payments coupons create|--percent-off'|'payments coupons create '*'|--percent-off'|'payments coupons create|--amount-off'|'payments coupons create '*'|--amount-off'|'payments coupons create|--currency'|'payments coupons create '*'|--currency'|'payments coupons create|--duration'|'payments coupons create '*'|--duration'|'payments coupons create|--duration-months'|'payments coupons create '*'|--duration-months'|'payments coupons create|--max-redemptions'|'payments coupons create '*'|--max-redemptions'|'payments coupons create|--expires'|'payments coupons create '*'|--expires') return 0 ;;
        'payments reconcile|--provider'|'payments reconcile '*'|--provider'|'payments reconcile|--from'|'payments reconcile '*'|--from'|'payments reconcile|--to'|'payments reconcile '*'|--to') return 0 ;;
        'agents list|--status'|'agents list '*'|--status'|'agents list|--tier'|'agents list '*'|--tier'|'agents list|--owner'|'agents list '*'|--owner'|'agents list|--subscription'|'agents list '*'|--subscription'|'agents list|--search'|'agents list '*'|--search'|'agents list|--limit'|'agents list '*'|--limit'|'agents list|--after'|'agents list '*'|--after') return 0 ;;
        'agents edit|--name'|'agents edit '*'|--name'|'agents edit|--purpose'|'agents edit '*'|--purpose'|'agents edit|--tier'|'agents edit '*'|--tier') return 0 ;;
        'devin queue|--limit'|'devin queue '*'|--limit'|'devin queue|--recent'|'devin queue '*'|--recent'|'devin queue|--interval'|'devin queue '*'|--interval'|'devin queue|--count'|'devin queue '*'|--count') return 0 ;;
        'devin sessions|--status'|'devin sessions '*'|--status'|'devin sessions|--since'|'devin sessions '*'|--since'|'devin sessions|--limit'|'devin sessions '*'|--limit') return 0 ;;
        'devin show|--interval'|'devin show '*'|--interval'|'devin show|--count'|'devin show '*'|--count') return 0 ;;
        'devin set-status|--bot-username'|'devin set-status '*'|--bot-username') return 0 ;;
        'popia requests list|--status'|'popia requests list '*'|--status'|'popia requests list|--kind'|'popia requests list '*'|--kind'|'popia requests list|--user'|'popia requests list '*'|--user'|'popia requests list|--limit'|'popia requests list '*'|--limit'|'popia requests list|--after'|'popia requests list '*'|--after') return 0 ;;
        'popia requests open|--kind'|'popia requests open '*'|--kind'|'popia requests open|--received'|'popia requests open '*'|--received'|'popia requests open|--note'|'popia requests open '*'|--note') return 0 ;;
        'popia requests close|--status'|'popia requests close '*'|--status') return 0 ;;
        'popia export|--out'|'popia export '*'|--out'|'popia export|--request'|'popia export '*'|--request') return 0 ;;
        'popia erase|--request'|'popia erase '*'|--request') return 0 ;;
        'popia consent|--source'|'popia consent '*'|--source') return 0 ;;
        'email templates set|--subject'|'email templates set '*'|--subject'|'email templates set|--html-file'|'email templates set '*'|--html-file'|'email templates set|--text-file'|'email templates set '*'|--text-file') return 0 ;;
        'email send|--user'|'email send '*'|--user'|'email send|--segment'|'email send '*'|--segment'|'email send|--template'|'email send '*'|--template'|'email send|--var'|'email send '*'|--var'|'email send|--campaign'|'email send '*'|--campaign'|'email send|--batch-size'|'email send '*'|--batch-size') return 0 ;;
        'email log|--user'|'email log '*'|--user'|'email log|--status'|'email log '*'|--status'|'email log|--template'|'email log '*'|--template'|'email log|--since'|'email log '*'|--since'|'email log|--limit'|'email log '*'|--limit'|'email log|--after'|'email log '*'|--after') return 0 ;;
        'email sync|--since'|'email sync '*'|--since') return 0 ;;
        'activity|--type'|'activity '*'|--type'|'activity|--user'|'activity '*'|--user'|'activity|--since'|'activity '*'|--since'|'activity|--limit'|'activity '*'|--limit'|'activity|--count'|'activity '*'|--count') return 0 ;;
        'flags list|--type'|'flags list '*'|--type'|'flags list|--env'|'flags list '*'|--env') return 0 ;;
        'flags get|--env'|'flags get '*'|--env') return 0 ;;
        'flags set|--description'|'flags set '*'|--description'|'flags set|--type'|'flags set '*'|--type') return 0 ;;
        'flags enable|--env'|'flags enable '*'|--env') return 0 ;;
        'flags disable|--env'|'flags disable '*'|--env') return 0 ;;
        'flags rollout|--stickiness'|'flags rollout '*'|--stickiness'|'flags rollout|--env'|'flags rollout '*'|--env') return 0 ;;
        'flags target|--users'|'flags target '*'|--users'|'flags target|--tiers'|'flags target '*'|--tiers'|'flags target|--constraint'|'flags target '*'|--constraint'|'flags target|--env'|'flags target '*'|--env') return 0 ;;
        'flags variants|--add'|'flags variants '*'|--add'|'flags variants|--remove'|'flags variants '*'|--remove'|'flags variants|--stickiness'|'flags variants '*'|--stickiness'|'flags variants|--env'|'flags variants '*'|--env') return 0 ;;
        'flags history|--limit'|'flags history '*'|--limit') return 0 ;;
        'flags eval|--user'|'flags eval '*'|--user'|'flags eval|--session'|'flags eval '*'|--session'|'flags eval|--address'|'flags eval '*'|--address'|'flags eval|--context'|'flags eval '*'|--context'|'flags eval|--state'|'flags eval '*'|--state'|'flags eval|--users-from'|'flags eval '*'|--users-from'|'flags eval|--env'|'flags eval '*'|--env') return 0 ;;
        'flags export|--format'|'flags export '*'|--format'|'flags export|--env'|'flags export '*'|--env'|'flags export|--out'|'flags export '*'|--out') return 0 ;;
        'flags import|--env'|'flags import '*'|--env') return 0 ;;
        'flags maintenance on|--message'|'flags maintenance on '*'|--message'|'flags maintenance on|--until'|'flags maintenance on '*'|--until') return 0 ;;
        'flags settings list|--category'|'flags settings list '*'|--category') return 0 ;;
        'flags settings set|--description'|'flags settings set '*'|--description'|'flags settings set|--category'|'flags settings set '*'|--category') return 0 ;;
        'analytics mrr|--from'|'analytics mrr '*'|--from'|'analytics mrr|--to'|'analytics mrr '*'|--to'|'analytics mrr|--interval'|'analytics mrr '*'|--interval') return 0 ;;
        'analytics revenue|--from'|'analytics revenue '*'|--from'|'analytics revenue|--to'|'analytics revenue '*'|--to'|'analytics revenue|--interval'|'analytics revenue '*'|--interval'|'analytics revenue|--by'|'analytics revenue '*'|--by') return 0 ;;
        'analytics churn|--from'|'analytics churn '*'|--from'|'analytics churn|--to'|'analytics churn '*'|--to'|'analytics churn|--interval'|'analytics churn '*'|--interval'|'analytics churn|--by'|'analytics churn '*'|--by') return 0 ;;
        'analytics users|--from'|'analytics users '*'|--from'|'analytics users|--to'|'analytics users '*'|--to'|'analytics users|--interval'|'analytics users '*'|--interval'|'analytics users|--by'|'analytics users '*'|--by') return 0 ;;
        'analytics retention|--from'|'analytics retention '*'|--from'|'analytics retention|--to'|'analytics retention '*'|--to') return 0 ;;
        'analytics agents|--from'|'analytics agents '*'|--from'|'analytics agents|--to'|'analytics agents '*'|--to'|'analytics agents|--interval'|'analytics agents '*'|--interval'|'analytics agents|--top'|'analytics agents '*'|--top') return 0 ;;
        'analytics usage|--from'|'analytics usage '*'|--from'|'analytics usage|--to'|'analytics usage '*'|--to'|'analytics usage|--interval'|'analytics usage '*'|--interval'|'analytics usage|--top'|'analytics usage '*'|--top') return 0 ;;
        'analytics funnel|--from'|'analytics funnel '*'|--from'|'analytics funnel|--to'|'analytics funnel '*'|--to') return 0 ;;
        'analytics report daily|--from'|'analytics report daily '*'|--from'|'analytics report daily|--to'|'analytics report daily '*'|--to'|'analytics report daily|-o'|'analytics report daily '*'|-o'|'analytics report daily|--output'|'analytics report daily '*'|--output'|'analytics report daily|--out'|'analytics report daily '*'|--out'|'analytics report daily|--email'|'analytics report daily '*'|--email') return 0 ;;
        'analytics report weekly|--from'|'analytics report weekly '*'|--from'|'analytics report weekly|--to'|'analytics report weekly '*'|--to'|'analytics report weekly|-o'|'analytics report weekly '*'|-o'|'analytics report weekly|--output'|'analytics report weekly '*'|--output'|'analytics report weekly|--out'|'analytics report weekly '*'|--out'|'analytics report weekly|--email'|'analytics report weekly '*'|--email') return 0 ;;
        'analytics report monthly|--from'|'analytics report monthly '*'|--from'|'analytics report monthly|--to'|'analytics report monthly '*'|--to'|'analytics report monthly|-o'|'analytics report monthly '*'|-o'|'analytics report monthly|--output'|'analytics report monthly '*'|--output'|'analytics report monthly|--out'|'analytics report monthly '*'|--out'|'analytics report monthly|--email'|'analytics report monthly '*'|--email') return 0 ;;
        'admins add|--role'|'admins add '*'|--role'|'admins add|--password-file'|'admins add '*'|--password-file') return 0 ;;
        'audit list|--actor'|'audit list '*'|--actor'|'audit list|--action'|'audit list '*'|--action'|'audit list|--entity'|'audit list '*'|--entity'|'audit list|--since'|'audit list '*'|--since'|'audit list|--until'|'audit list '*'|--until'|'audit list|--reason-contains'|'audit list '*'|--reason-contains'|'audit list|--limit'|'audit list '*'|--limit'|'audit list|--after'|'audit list '*'|--after') return 0 ;;
        'audit export|--actor'|'audit export '*'|--actor'|'audit export|--action'|'audit export '*'|--action'|'audit export|--entity'|'audit export '*'|--entity'|'audit export|--since'|'audit export '*'|--since'|'audit export|--until'|'audit export '*'|--until'|'audit export|--reason-contains'|'audit export '*'|--reason-contains') return 0 ;;
    esac
    return 1
}

# The values of option $2 (or of positional "#N") at command path $1, for the prefix $3:
# words in _ctl_words, or _ctl_files=1 for file names.
_ctl_values() {
    _ctl_words=''
    _ctl_files=''
    case "$1|$2" in
        'help|#'*) _ctl_words='exit-codes formatting environment config version db users payments agents devin popia email alerts activity flags analytics health admins audit completion help' ;;
        'completion|#1') _ctl_words='bash zsh fish' ;;
        'admins role|#2') _ctl_words='viewer support billing admin owner ci' ;;
        'admins add|--role'|'admins add '*'|--role') _ctl_words='viewer support billing admin owner ci' ;;
        'admins add|--password-file'|'admins add '*'|--password-file') _ctl_files=1 ;;
        'analytics report monthly|-o'|'analytics report monthly '*'|-o'|'analytics report monthly|--output'|'analytics report monthly '*'|--output') _ctl_words='table json csv tsv md html' ;;
        'analytics report monthly|--out'|'analytics report monthly '*'|--out') _ctl_files=1 ;;
        'analytics report weekly|-o'|'analytics report weekly '*'|-o'|'analytics report weekly|--output'|'analytics report weekly '*'|--output') _ctl_words='table json csv tsv md html' ;;
        'analytics report weekly|--out'|'analytics report weekly '*'|--out') _ctl_files=1 ;;
        'analytics report daily|-o'|'analytics report daily '*'|-o'|'analytics report daily|--output'|'analytics report daily '*'|--output') _ctl_words='table json csv tsv md html' ;;
        'analytics report daily|--out'|'analytics report daily '*'|--out') _ctl_files=1 ;;
        'analytics usage|--interval'|'analytics usage '*'|--interval') _ctl_words='day week month' ;;
        'analytics agents|--interval'|'analytics agents '*'|--interval') _ctl_words='day week month' ;;
        'analytics users|--interval'|'analytics users '*'|--interval') _ctl_words='day week month' ;;
        'analytics users|--by'|'analytics users '*'|--by') _ctl_words='plan auth_provider' ;;
        'analytics churn|--interval'|'analytics churn '*'|--interval') _ctl_words='day week month' ;;
        'analytics churn|--by'|'analytics churn '*'|--by') _ctl_words='plan' ;;
        'analytics revenue|--interval'|'analytics revenue '*'|--interval') _ctl_words='day week month' ;;
        'analytics revenue|--by'|'analytics revenue '*'|--by') _ctl_words='plan provider currency' ;;
        'analytics mrr|--interval'|'analytics mrr '*'|--interval') _ctl_words='day week month' ;;
        'flags settings set|--category'|'flags settings set '*'|--category') _ctl_words='general pricing email integrations branding retention limits' ;;
        'flags settings list|--category'|'flags settings list '*'|--category') _ctl_words='general pricing email integrations branding retention limits' ;;
        'flags export|--format'|'flags export '*'|--format') _ctl_words='unleash json' ;;
        'flags export|--out'|'flags export '*'|--out') _ctl_files=1 ;;
        'flags set|--type'|'flags set '*'|--type') _ctl_words='release experiment operational kill-switch permission' ;;
        'flags list|--type'|'flags list '*'|--type') _ctl_words='release experiment operational kill-switch permission' ;;
        'email log|--status'|'email log '*'|--status') _ctl_words='queued sent failed bounced' ;;
        'email send|--segment'|'email send '*'|--segment') _ctl_words='high-value at-risk power inactive' ;;
        'email templates set|--html-file'|'email templates set '*'|--html-file') _ctl_files=1 ;;
        'email templates set|--text-file'|'email templates set '*'|--text-file') _ctl_files=1 ;;
        'popia consent|#2') _ctl_words='grant withdraw' ;;
        'popia export|--out'|'popia export '*'|--out') _ctl_files=1 ;;
        'devin set-status|#2') _ctl_words='succeeded failed' ;;
        'agents edit|--tier'|'agents edit '*'|--tier') _ctl_words='matt pro enterprise' ;;
        'agents list|--status'|'agents list '*'|--status') _ctl_words='pending deploying active failed cancelled deleted' ;;
        'agents list|--tier'|'agents list '*'|--tier') _ctl_words='matt pro enterprise' ;;
        'agents list|--subscription'|'agents list '*'|--subscription') _ctl_words='active expiring expired' ;;
        'payments reconcile|--provider'|'payments reconcile '*'|--provider') _ctl_words='nowpayments stripe' ;;
        'payments coupons create|--duration'|'payments coupons create '*'|--duration') _ctl_words='once repeating forever' ;;
        'payments plans create|--tier'|'payments plans create '*'|--tier') _ctl_words='matt pro enterprise' ;;
        'payments plans create|--interval'|'payments plans create '*'|--interval') _ctl_words='month year' ;;
        'payments subscriptions list|--status'|'payments subscriptions list '*'|--status') _ctl_words='trialing active past_due paused canceled' ;;
        'payments invoices pdf|--out'|'payments invoices pdf '*'|--out') _ctl_files=1 ;;
        'payments invoices list|--status'|'payments invoices list '*'|--status') _ctl_words='draft open paid void' ;;
        'payments manual|--provider'|'payments manual '*'|--provider') _ctl_words='manual stripe nowpayments' ;;
        'payments export|--status'|'payments export '*'|--status') _ctl_words='pending succeeded failed refunded partially_refunded canceled' ;;
        'payments export|--provider'|'payments export '*'|--provider') _ctl_words='stripe nowpayments manual' ;;
        'payments export|--out'|'payments export '*'|--out') _ctl_files=1 ;;
        'payments list|--status'|'payments list '*'|--status') _ctl_words='pending succeeded failed refunded partially_refunded canceled' ;;
        'payments list|--provider'|'payments list '*'|--provider') _ctl_words='stripe nowpayments manual' ;;
        'users quota|#2') _ctl_words='set' ;;
        'users plan|#2') _ctl_words='set' ;;
        'users plan|#3') _ctl_words='free matt pro enterprise' ;;
        'users trial|#2') _ctl_words='extend' ;;
        'users credits|#2') _ctl_words='add remove' ;;
        'users bulk|#1') _ctl_words='suspend ban unban activate note export email' ;;
        'users bulk|--status'|'users bulk '*'|--status') _ctl_words='active suspended banned deleted' ;;
        'users bulk|--plan'|'users bulk '*'|--plan') _ctl_words='free matt pro enterprise' ;;
        'users bulk|--segment'|'users bulk '*'|--segment') _ctl_words='high-value at-risk power inactive' ;;
        'users bulk|--out'|'users bulk '*'|--out') _ctl_files=1 ;;
        'users export|--status'|'users export '*'|--status') _ctl_words='active suspended banned deleted' ;;
        'users export|--plan'|'users export '*'|--plan') _ctl_words='free matt pro enterprise' ;;
        'users export|--segment'|'users export '*'|--segment') _ctl_words='high-value at-risk power inactive' ;;
        'users export|--out'|'users export '*'|--out') _ctl_files=1 ;;
        'users search|--status'|'users search '*'|--status') _ctl_words='active suspended banned deleted' ;;
        'users search|--plan'|'users search '*'|--plan') _ctl_words='free matt pro enterprise' ;;
        'users search|--segment'|'users search '*'|--segment') _ctl_words='high-value at-risk power inactive' ;;
        'users list|--status'|'users list '*'|--status') _ctl_words='active suspended banned deleted' ;;
        'users list|--plan'|'users list '*'|--plan') _ctl_words='free matt pro enterprise' ;;
        'users list|--segment'|'users list '*'|--segment') _ctl_words='high-value at-risk power inactive' ;;
        'users list|--sort'|'users list '*'|--sort') _ctl_words='created_at -created_at email -email name -name last_login_at -last_login_at id -id' ;;
        *'|-o'|*'|--output') _ctl_words='table json ndjson csv tsv' ;;
    esac
}

_ctl() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' cmd_path='' word opt='' eq='' i npos=0
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    _ctl_program=${COMP_WORDS[0]}
    _ctl_files=''
    # Find the command path, skipping option values ("--db URL", and "--db = URL" when bash
    # split the word at '=').
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
            --) break ;;
            --*=*) ;;
            -*)
                if [[ ${COMP_WORDS[i + 1]} == = ]]; then
                    ((i += 2))
                elif _ctl_takes_value "$cmd_path" "$word"; then
                    ((i += 1))
                fi ;;
            *)
                _ctl_subcommands "$cmd_path"
                if [[ " $_ctl_words " == *" $word "* ]]; then
                    cmd_path=${cmd_path:+$cmd_path }$word
                    npos=0
                else
                    ((npos += 1))
                fi ;;
        esac
    done
    # Is the cursor on an option's value?
    if [[ $cur == = && $prev == -* ]]; then
        opt=$prev cur=''
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD - 2]} == -* ]]; then
        opt=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        opt=${cur%%=*} eq=${cur%%=*}= cur=${cur#*=}
    elif [[ $prev == -* ]] && _ctl_takes_value "$cmd_path" "$prev"; then
        opt=$prev
    fi
    if [[ -n $opt ]]; then
        _ctl_values "$cmd_path" "$opt" "$cur"
    elif [[ $cur == -* ]]; then
        _ctl_options "$cmd_path"
    else
        _ctl_subcommands "$cmd_path"
        [[ -z $_ctl_words ]] && _ctl_values "$cmd_path" "#$((npos + 1))" "$cur"
    fi
    if [[ -n $_ctl_files ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -W "$_ctl_words" -- "$cur")
    fi
    if [[ -n $eq ]]; then
        COMPREPLY=("${COMPREPLY[@]/#/$eq}")
    fi
    return 0
}

complete -F _ctl ctl
