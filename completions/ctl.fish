# fish completion for ctl.
# Generated from ctl's command tree by scripts/gen-docs.sh (or: ctl completion fish); do not edit.
# Install: copy it to ~/.config/fish/completions/ctl.fish or to
# /usr/share/fish/vendor_completions.d/ctl.fish.

# The commands below a command path ("" is ctl itself), one per line.
function __ctl_subcommands --argument-names cmd_path
    switch "$cmd_path"
        case ''
            printf '%s\n' version db users payments agents devin popia email alerts activity flags analytics health admins audit completion help
        case 'db'
            printf '%s\n' migrate status seed local
        case 'db local'
            printf '%s\n' up down status
        case 'users'
            printf '%s\n' list search show export bulk ban unban suspend activate edit delete note notes impersonate impersonations activity logins reset-password credits trial plan quota
        case 'payments'
            printf '%s\n' list show export refund manual mark-paid retry invoices subscriptions plans coupons reconcile
        case 'payments invoices'
            printf '%s\n' list show create pdf send
        case 'payments subscriptions'
            printf '%s\n' list show extend cancel pause resume change-plan
        case 'payments plans'
            printf '%s\n' list create edit archive
        case 'payments coupons'
            printf '%s\n' list create disable
        case 'agents'
            printf '%s\n' list show edit verify cancel delete logs redeploy
        case 'devin'
            printf '%s\n' queue sessions show logs test retry cancel set-status sync
        case 'popia'
            printf '%s\n' requests export erase consent retention
        case 'popia requests'
            printf '%s\n' list open show close
        case 'popia retention'
            printf '%s\n' status run
        case 'email'
            printf '%s\n' templates send log sync
        case 'email templates'
            printf '%s\n' list show set
        case 'alerts'
            printf '%s\n' ack
        case 'flags'
            printf '%s\n' list get set enable disable rollout target variants delete history eval export import maintenance signups waitlist settings
        case 'flags maintenance'
            printf '%s\n' on off status
        case 'flags signups'
            printf '%s\n' on off
        case 'flags waitlist'
            printf '%s\n' on off
        case 'flags settings'
            printf '%s\n' list get set unset
        case 'analytics'
            printf '%s\n' overview mrr revenue churn users retention agents usage funnel refresh report
        case 'analytics report'
            printf '%s\n' daily weekly monthly
        case 'admins'
            printf '%s\n' list add role remove me
        case 'audit'
            printf '%s\n' list show export verify
    end
end

# Succeeds when option $opt takes a value at command path $cmd_path.
function __ctl_takes_value --argument-names cmd_path opt
    switch "$cmd_path|$opt"
        case '*|--db' '*|--profile' '*|-o' '*|--output' '*|--fields' '*|--reason' '*|--timeout'
            return 0
        case 'db seed|--users' 'db seed *|--users' 'db seed|--seed' 'db seed *|--seed' 'db seed|--months' 'db seed *|--months'
            return 0
        case 'users list|--search' 'users list *|--search' 'users list|--status' 'users list *|--status' 'users list|--plan' 'users list *|--plan' 'users list|--joined-after' 'users list *|--joined-after' 'users list|--joined-before' 'users list *|--joined-before' 'users list|--active-since' 'users list *|--active-since' 'users list|--inactive-for' 'users list *|--inactive-for' 'users list|--min-agents' 'users list *|--min-agents' 'users list|--segment' 'users list *|--segment' 'users list|--sort' 'users list *|--sort' 'users list|--limit' 'users list *|--limit' 'users list|--after' 'users list *|--after'
            return 0
        case 'users search|--search' 'users search *|--search' 'users search|--status' 'users search *|--status' 'users search|--plan' 'users search *|--plan' 'users search|--joined-after' 'users search *|--joined-after' 'users search|--joined-before' 'users search *|--joined-before' 'users search|--active-since' 'users search *|--active-since' 'users search|--inactive-for' 'users search *|--inactive-for' 'users search|--min-agents' 'users search *|--min-agents' 'users search|--segment' 'users search *|--segment' 'users search|--limit' 'users search *|--limit'
            return 0
        case 'users export|--search' 'users export *|--search' 'users export|--status' 'users export *|--status' 'users export|--plan' 'users export *|--plan' 'users export|--joined-after' 'users export *|--joined-after' 'users export|--joined-before' 'users export *|--joined-before' 'users export|--active-since' 'users export *|--active-since' 'users export|--inactive-for' 'users export *|--inactive-for' 'users export|--min-agents' 'users export *|--min-agents' 'users export|--segment' 'users export *|--segment' 'users export|--out' 'users export *|--out'
            return 0
        case 'users bulk|--ids-from' 'users bulk *|--ids-from' 'users bulk|--search' 'users bulk *|--search' 'users bulk|--status' 'users bulk *|--status' 'users bulk|--plan' 'users bulk *|--plan' 'users bulk|--joined-after' 'users bulk *|--joined-after' 'users bulk|--joined-before' 'users bulk *|--joined-before' 'users bulk|--active-since' 'users bulk *|--active-since' 'users bulk|--inactive-for' 'users bulk *|--inactive-for' 'users bulk|--min-agents' 'users bulk *|--min-agents' 'users bulk|--segment' 'users bulk *|--segment' 'users bulk|--text' 'users bulk *|--text' 'users bulk|--out' 'users bulk *|--out' 'users bulk|--batch-size' 'users bulk *|--batch-size' 'users bulk|--template' 'users bulk *|--template' 'users bulk|--var' 'users bulk *|--var' 'users bulk|--campaign' 'users bulk *|--campaign'
            return 0
        case 'users edit|--name' 'users edit *|--name' 'users edit|--email' 'users edit *|--email' 'users edit|--company' 'users edit *|--company' 'users edit|--phone' 'users edit *|--phone'
            return 0
        case 'users impersonate|--ttl' 'users impersonate *|--ttl' 'users impersonate|--revoke' 'users impersonate *|--revoke'
            return 0
        case 'users impersonations|--limit' 'users impersonations *|--limit'
            return 0
        case 'users activity|--type' 'users activity *|--type' 'users activity|--since' 'users activity *|--since' 'users activity|--limit' 'users activity *|--limit'
            return 0
        case 'users logins|--limit' 'users logins *|--limit'
            return 0
        case 'payments list|--status' 'payments list *|--status' 'payments list|--provider' 'payments list *|--provider' 'payments list|--user' 'payments list *|--user' 'payments list|--from' 'payments list *|--from' 'payments list|--to' 'payments list *|--to' 'payments list|--min' 'payments list *|--min' 'payments list|--max' 'payments list *|--max' 'payments list|--pending-over' 'payments list *|--pending-over' 'payments list|--limit' 'payments list *|--limit' 'payments list|--after' 'payments list *|--after'
            return 0
        case 'payments export|--status' 'payments export *|--status' 'payments export|--provider' 'payments export *|--provider' 'payments export|--user' 'payments export *|--user' 'payments export|--from' 'payments export *|--from' 'payments export|--to' 'payments export *|--to' 'payments export|--min' 'payments export *|--min' 'payments export|--max' 'payments export *|--max' 'payments export|--pending-over' 'payments export *|--pending-over' 'payments export|--out' 'payments export *|--out'
            return 0
        case 'payments refund|--amount' 'payments refund *|--amount'
            return 0
        case 'payments manual|--user' 'payments manual *|--user' 'payments manual|--amount' 'payments manual *|--amount' 'payments manual|--currency' 'payments manual *|--currency' 'payments manual|--provider' 'payments manual *|--provider' 'payments manual|--reference' 'payments manual *|--reference' 'payments manual|--subscription' 'payments manual *|--subscription' 'payments manual|--description' 'payments manual *|--description'
            return 0
        case 'payments invoices list|--user' 'payments invoices list *|--user' 'payments invoices list|--status' 'payments invoices list *|--status' 'payments invoices list|--year' 'payments invoices list *|--year' 'payments invoices list|--limit' 'payments invoices list *|--limit' 'payments invoices list|--after' 'payments invoices list *|--after'
            return 0
        case 'payments invoices create|--tax' 'payments invoices create *|--tax' 'payments invoices create|--due' 'payments invoices create *|--due'
            return 0
        case 'payments invoices pdf|--out' 'payments invoices pdf *|--out'
            return 0
        case 'payments invoices send|--to' 'payments invoices send *|--to'
            return 0
        case 'payments subscriptions list|--user' 'payments subscriptions list *|--user' 'payments subscriptions list|--status' 'payments subscriptions list *|--status' 'payments subscriptions list|--plan' 'payments subscriptions list *|--plan' 'payments subscriptions list|--limit' 'payments subscriptions list *|--limit' 'payments subscriptions list|--after' 'payments subscriptions list *|--after'
            return 0
        case 'payments plans create|--code' 'payments plans create *|--code' 'payments plans create|--tier' 'payments plans create *|--tier' 'payments plans create|--interval' 'payments plans create *|--interval' 'payments plans create|--name' 'payments plans create *|--name' 'payments plans create|--price' 'payments plans create *|--price' 'payments plans create|--currency' 'payments plans create *|--currency' 'payments plans create|--trial-days' 'payments plans create *|--trial-days' 'payments plans create|--agent-limit' 'payments plans create *|--agent-limit' 'payments plans create|--features' 'payments plans create *|--features' 'payments plans create|--quotas' 'payments plans create *|--quotas'
            return 0
        case 'payments plans edit|--name' 'payments plans edit *|--name' 'payments plans edit|--price' 'payments plans edit *|--price' 'payments plans edit|--currency' 'payments plans edit *|--currency' 'payments plans edit|--trial-days' 'payments plans edit *|--trial-days' 'payments plans edit|--agent-limit' 'payments plans edit *|--agent-limit' 'payments plans edit|--features' 'payments plans edit *|--features' 'payments plans edit|--quotas' 'payments plans edit *|--quotas'
            return 0
        case 'payments coupons create|--code' 'payments coupons create *|--code' 'payments coupons create|--percent-off' 'payments coupons create *|--percent-off' 'payments coupons create|--amount-off' 'payments coupons create *|--amount-off' 'payments coupons create|--currency' 'payments coupons create *|--currency' 'payments coupons create|--duration' 'payments coupons create *|--duration' 'payments coupons create|--duration-months' 'payments coupons create *|--duration-months' 'payments coupons create|--max-redemptions' 'payments coupons create *|--max-redemptions' 'payments coupons create|--expires' 'payments coupons create *|--expires'
            return 0
        case 'payments reconcile|--provider' 'payments reconcile *|--provider' 'payments reconcile|--from' 'payments reconcile *|--from' 'payments reconcile|--to' 'payments reconcile *|--to'
            return 0
        case 'agents list|--status' 'agents list *|--status' 'agents list|--tier' 'agents list *|--tier' 'agents list|--owner' 'agents list *|--owner' 'agents list|--subscription' 'agents list *|--subscription' 'agents list|--search' 'agents list *|--search' 'agents list|--limit' 'agents list *|--limit' 'agents list|--after' 'agents list *|--after'
            return 0
        case 'agents edit|--name' 'agents edit *|--name' 'agents edit|--purpose' 'agents edit *|--purpose' 'agents edit|--tier' 'agents edit *|--tier'
            return 0
        case 'devin queue|--limit' 'devin queue *|--limit' 'devin queue|--recent' 'devin queue *|--recent' 'devin queue|--interval' 'devin queue *|--interval' 'devin queue|--count' 'devin queue *|--count'
            return 0
        case 'devin sessions|--status' 'devin sessions *|--status' 'devin sessions|--since' 'devin sessions *|--since' 'devin sessions|--limit' 'devin sessions *|--limit'
            return 0
        case 'devin show|--interval' 'devin show *|--interval' 'devin show|--count' 'devin show *|--count'
            return 0
        case 'devin set-status|--bot-username' 'devin set-status *|--bot-username'
            return 0
        case 'popia requests list|--status' 'popia requests list *|--status' 'popia requests list|--kind' 'popia requests list *|--kind' 'popia requests list|--user' 'popia requests list *|--user' 'popia requests list|--limit' 'popia requests list *|--limit' 'popia requests list|--after' 'popia requests list *|--after'
            return 0
        case 'popia requests open|--kind' 'popia requests open *|--kind' 'popia requests open|--received' 'popia requests open *|--received' 'popia requests open|--note' 'popia requests open *|--note'
            return 0
        case 'popia requests close|--status' 'popia requests close *|--status'
            return 0
        case 'popia export|--out' 'popia export *|--out' 'popia export|--request' 'popia export *|--request'
            return 0
        case 'popia erase|--request' 'popia erase *|--request'
            return 0
        case 'popia consent|--source' 'popia consent *|--source'
            return 0
        case 'email templates set|--subject' 'email templates set *|--subject' 'email templates set|--html-file' 'email templates set *|--html-file' 'email templates set|--text-file' 'email templates set *|--text-file'
            return 0
        case 'email send|--user' 'email send *|--user' 'email send|--segment' 'email send *|--segment' 'email send|--template' 'email send *|--template' 'email send|--var' 'email send *|--var' 'email send|--campaign' 'email send *|--campaign' 'email send|--batch-size' 'email send *|--batch-size'
            return 0
        case 'email log|--user' 'email log *|--user' 'email log|--status' 'email log *|--status' 'email log|--template' 'email log *|--template' 'email log|--since' 'email log *|--since' 'email log|--limit' 'email log *|--limit' 'email log|--after' 'email log *|--after'
            return 0
        case 'email sync|--since' 'email sync *|--since'
            return 0
        case 'activity|--type' 'activity *|--type' 'activity|--user' 'activity *|--user' 'activity|--since' 'activity *|--since' 'activity|--limit' 'activity *|--limit' 'activity|--count' 'activity *|--count'
            return 0
        case 'flags list|--type' 'flags list *|--type' 'flags list|--env' 'flags list *|--env'
            return 0
        case 'flags get|--env' 'flags get *|--env'
            return 0
        case 'flags set|--description' 'flags set *|--description' 'flags set|--type' 'flags set *|--type'
            return 0
        case 'flags enable|--env' 'flags enable *|--env'
            return 0
        case 'flags disable|--env' 'flags disable *|--env'
            return 0
        case 'flags rollout|--stickiness' 'flags rollout *|--stickiness' 'flags rollout|--env' 'flags rollout *|--env'
            return 0
        case 'flags target|--users' 'flags target *|--users' 'flags target|--tiers' 'flags target *|--tiers' 'flags target|--constraint' 'flags target *|--constraint' 'flags target|--env' 'flags target *|--env'
            return 0
        case 'flags variants|--add' 'flags variants *|--add' 'flags variants|--remove' 'flags variants *|--remove' 'flags variants|--stickiness' 'flags variants *|--stickiness' 'flags variants|--env' 'flags variants *|--env'
            return 0
        case 'flags history|--limit' 'flags history *|--limit'
            return 0
        case 'flags eval|--user' 'flags eval *|--user' 'flags eval|--session' 'flags eval *|--session' 'flags eval|--address' 'flags eval *|--address' 'flags eval|--context' 'flags eval *|--context' 'flags eval|--state' 'flags eval *|--state' 'flags eval|--users-from' 'flags eval *|--users-from' 'flags eval|--env' 'flags eval *|--env'
            return 0
        case 'flags export|--format' 'flags export *|--format' 'flags export|--env' 'flags export *|--env' 'flags export|--out' 'flags export *|--out'
            return 0
        case 'flags import|--env' 'flags import *|--env'
            return 0
        case 'flags maintenance on|--message' 'flags maintenance on *|--message' 'flags maintenance on|--until' 'flags maintenance on *|--until'
            return 0
        case 'flags settings list|--category' 'flags settings list *|--category'
            return 0
        case 'flags settings set|--description' 'flags settings set *|--description' 'flags settings set|--category' 'flags settings set *|--category'
            return 0
        case 'analytics mrr|--from' 'analytics mrr *|--from' 'analytics mrr|--to' 'analytics mrr *|--to' 'analytics mrr|--interval' 'analytics mrr *|--interval'
            return 0
        case 'analytics revenue|--from' 'analytics revenue *|--from' 'analytics revenue|--to' 'analytics revenue *|--to' 'analytics revenue|--interval' 'analytics revenue *|--interval' 'analytics revenue|--by' 'analytics revenue *|--by'
            return 0
        case 'analytics churn|--from' 'analytics churn *|--from' 'analytics churn|--to' 'analytics churn *|--to' 'analytics churn|--interval' 'analytics churn *|--interval' 'analytics churn|--by' 'analytics churn *|--by'
            return 0
        case 'analytics users|--from' 'analytics users *|--from' 'analytics users|--to' 'analytics users *|--to' 'analytics users|--interval' 'analytics users *|--interval' 'analytics users|--by' 'analytics users *|--by'
            return 0
        case 'analytics retention|--from' 'analytics retention *|--from' 'analytics retention|--to' 'analytics retention *|--to'
            return 0
        case 'analytics agents|--from' 'analytics agents *|--from' 'analytics agents|--to' 'analytics agents *|--to' 'analytics agents|--interval' 'analytics agents *|--interval' 'analytics agents|--top' 'analytics agents *|--top'
            return 0
        case 'analytics usage|--from' 'analytics usage *|--from' 'analytics usage|--to' 'analytics usage *|--to' 'analytics usage|--interval' 'analytics usage *|--interval' 'analytics usage|--top' 'analytics usage *|--top'
            return 0
        case 'analytics funnel|--from' 'analytics funnel *|--from' 'analytics funnel|--to' 'analytics funnel *|--to'
            return 0
        case 'analytics report daily|--from' 'analytics report daily *|--from' 'analytics report daily|--to' 'analytics report daily *|--to' 'analytics report daily|-o' 'analytics report daily *|-o' 'analytics report daily|--output' 'analytics report daily *|--output' 'analytics report daily|--out' 'analytics report daily *|--out' 'analytics report daily|--email' 'analytics report daily *|--email'
            return 0
        case 'analytics report weekly|--from' 'analytics report weekly *|--from' 'analytics report weekly|--to' 'analytics report weekly *|--to' 'analytics report weekly|-o' 'analytics report weekly *|-o' 'analytics report weekly|--output' 'analytics report weekly *|--output' 'analytics report weekly|--out' 'analytics report weekly *|--out' 'analytics report weekly|--email' 'analytics report weekly *|--email'
            return 0
        case 'analytics report monthly|--from' 'analytics report monthly *|--from' 'analytics report monthly|--to' 'analytics report monthly *|--to' 'analytics report monthly|-o' 'analytics report monthly *|-o' 'analytics report monthly|--output' 'analytics report monthly *|--output' 'analytics report monthly|--out' 'analytics report monthly *|--out' 'analytics report monthly|--email' 'analytics report monthly *|--email'
            return 0
        case 'admins add|--role' 'admins add *|--role' 'admins add|--password-file' 'admins add *|--password-file'
            return 0
        case 'audit list|--actor' 'audit list *|--actor' 'audit list|--action' 'audit list *|--action' 'audit list|--entity' 'audit list *|--entity' 'audit list|--since' 'audit list *|--since' 'audit list|--until' 'audit list *|--until' 'audit list|--reason-contains' 'audit list *|--reason-contains' 'audit list|--limit' 'audit list *|--limit' 'audit list|--after' 'audit list *|--after'
            return 0
        case 'audit export|--actor' 'audit export *|--actor' 'audit export|--action' 'audit export *|--action' 'audit export|--entity' 'audit export *|--entity' 'audit export|--since' 'audit export *|--since' 'audit export|--until' 'audit export *|--until' 'audit export|--reason-contains' 'audit export *|--reason-contains'
            return 0
    end
    return 1
end

# The command path of the words before the cursor ("" is ctl itself).
function __ctl_path
    set -l words (commandline -opc)
    set -l cmd_path ''
    set -l skip 0
    for word in $words[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case '--'
                break
            case '--*=*'
            case '-*'
                __ctl_takes_value "$cmd_path" $word; and set skip 1
            case '*'
                if contains -- $word (__ctl_subcommands "$cmd_path")
                    set cmd_path (string trim -- "$cmd_path $word")
                end
        end
    end
    echo $cmd_path
end

# Succeeds when the command path is exactly $want.
function __ctl_is --argument-names want
    set -l current (__ctl_path)
    test "$current" = "$want"
end

# Succeeds when the command path is $top or below it.
function __ctl_within --argument-names top
    set -l current (__ctl_path)
    test "$current" = "$top"; or string match -q -- "$top *" "$current"
end

# Values from the database: ctl __complete KIND PREFIX (prints nothing on failure).
function __ctl_dynamic --argument-names kind
    set -l program (commandline -opc)[1]
    command $program __complete $kind (commandline -ct) 2>/dev/null
end

complete -c ctl -f

# Commands.
complete -c ctl -n '__ctl_is \'\'' -a 'version' -d 'Print the version'
complete -c ctl -n '__ctl_is \'\'' -a 'db' -d 'Schema migrations, demo data, the local database'
complete -c ctl -n '__ctl_is \'\'' -a 'users' -d 'Find, inspect and support users'
complete -c ctl -n '__ctl_is \'\'' -a 'payments' -d 'Payments, refunds, invoices, subscriptions, plans and coupons'
complete -c ctl -n '__ctl_is \'\'' -a 'agents' -d 'List, inspect, fix and redeploy agents'
complete -c ctl -n '__ctl_is \'\'' -a 'devin' -d 'Watch and steer agent deployments and their Devin sessions'
complete -c ctl -n '__ctl_is \'\'' -a 'popia' -d 'Privacy law (POPIA / GDPR): requests, export, erasure, consent, retention'
complete -c ctl -n '__ctl_is \'\'' -a 'email' -d 'E-mail templates, sending and the send log'
complete -c ctl -n '__ctl_is \'\'' -a 'alerts' -d 'Open alerts with severity (--check: exit 10 when any is open)'
complete -c ctl -n '__ctl_is \'\'' -a 'activity' -d 'Recent platform events in one feed (--follow: live)'
complete -c ctl -n '__ctl_is \'\'' -a 'flags' -d 'Feature flags, maintenance mode, operational switches and settings'
complete -c ctl -n '__ctl_is \'\'' -a 'analytics' -d 'Business metrics: MRR, revenue, churn, users, agents, usage'
complete -c ctl -n '__ctl_is \'\'' -a 'health' -d 'Check the database, schema, replica and providers (exit 10 when degraded, 6 when the database is unreachable)'
complete -c ctl -n '__ctl_is \'\'' -a 'admins' -d 'Operators (database login roles) and their roles'
complete -c ctl -n '__ctl_is \'\'' -a 'audit' -d 'The tamper-evident audit trail'
complete -c ctl -n '__ctl_is \'\'' -a 'completion' -d 'Print the shell completion script (bash, zsh, fish)'
complete -c ctl -n '__ctl_is \'\'' -a 'help' -d 'Help topics, and the help of any command'
complete -c ctl -n '__ctl_is \'db\'' -a 'migrate' -d 'Apply pending migrations (safe to run concurrently)'
complete -c ctl -n '__ctl_is \'db\'' -a 'status' -d 'Applied and pending migrations (exit 10 when not current)'
complete -c ctl -n '__ctl_is \'db\'' -a 'seed' -d 'Fill the database with deterministic demo data'
complete -c ctl -n '__ctl_is \'db\'' -a 'local' -d 'The private local PostgreSQL instance'
complete -c ctl -n '__ctl_is \'db local\'' -a 'up' -d 'Create, start and migrate the local instance (idempotent)'
complete -c ctl -n '__ctl_is \'db local\'' -a 'down' -d 'Stop the local instance'
complete -c ctl -n '__ctl_is \'db local\'' -a 'status' -d 'Where the local instance lives and whether it runs'
complete -c ctl -n '__ctl_is \'users\'' -a 'list' -d 'List users, newest first'
complete -c ctl -n '__ctl_is \'users\'' -a 'search' -d 'Find users by e-mail, name, company, phone, wallet or provider id'
complete -c ctl -n '__ctl_is \'users\'' -a 'show' -d 'Everything about one user'
complete -c ctl -n '__ctl_is \'users\'' -a 'export' -d 'Stream every matching user (csv unless -o json/ndjson/tsv)'
complete -c ctl -n '__ctl_is \'users\'' -a 'bulk' -d 'Apply suspend, ban, unban, activate, note, export or email to many users'
complete -c ctl -n '__ctl_is \'users\'' -a 'ban' -d 'Ban a user (revokes their impersonation tokens)'
complete -c ctl -n '__ctl_is \'users\'' -a 'unban' -d 'Lift a ban'
complete -c ctl -n '__ctl_is \'users\'' -a 'suspend' -d 'Suspend a user (revokes their impersonation tokens)'
complete -c ctl -n '__ctl_is \'users\'' -a 'activate' -d 'Make a suspended or banned user active again'
complete -c ctl -n '__ctl_is \'users\'' -a 'edit' -d 'Change a user\'s name, e-mail, company or phone'
complete -c ctl -n '__ctl_is \'users\'' -a 'delete' -d 'Delete a user (soft: status deleted; --hard: remove the row)'
complete -c ctl -n '__ctl_is \'users\'' -a 'note' -d 'Add an internal note (encrypted with CTL_NOTES_KEY)'
complete -c ctl -n '__ctl_is \'users\'' -a 'notes' -d 'A user\'s internal notes, decrypted when the key is set'
complete -c ctl -n '__ctl_is \'users\'' -a 'impersonate' -d 'Issue a short-lived token to act as a user (or --revoke one)'
complete -c ctl -n '__ctl_is \'users\'' -a 'impersonations' -d 'Impersonation tokens issued, newest first'
complete -c ctl -n '__ctl_is \'users\'' -a 'activity' -d 'A user\'s activity, newest first'
complete -c ctl -n '__ctl_is \'users\'' -a 'logins' -d 'A user\'s logins with IP, newest first'
complete -c ctl -n '__ctl_is \'users\'' -a 'reset-password' -d 'Send the password-reset e-mail (via email.* settings)'
complete -c ctl -n '__ctl_is \'users\'' -a 'credits' -d 'Add or remove free credits'
complete -c ctl -n '__ctl_is \'users\'' -a 'trial' -d 'Extend a user\'s trial'
complete -c ctl -n '__ctl_is \'users\'' -a 'plan' -d 'Move a user (and their live subscriptions) to another plan'
complete -c ctl -n '__ctl_is \'users\'' -a 'quota' -d 'Set a user\'s quotas'
complete -c ctl -n '__ctl_is \'payments\'' -a 'list' -d 'List payments, newest first'
complete -c ctl -n '__ctl_is \'payments\'' -a 'show' -d 'One payment with its user, subscription, agent, refunds and invoices'
complete -c ctl -n '__ctl_is \'payments\'' -a 'export' -d 'Stream every matching payment for accounting (csv unless -o json/ndjson/tsv)'
complete -c ctl -n '__ctl_is \'payments\'' -a 'refund' -d 'Refund a payment, in full or in part (--reason required)'
complete -c ctl -n '__ctl_is \'payments\'' -a 'manual' -d 'Record a payment received outside the providers (support case entry)'
complete -c ctl -n '__ctl_is \'payments\'' -a 'mark-paid' -d 'Mark a pending or failed payment as paid (--reason required)'
complete -c ctl -n '__ctl_is \'payments\'' -a 'retry' -d 'Collect a failed Stripe payment again (idempotent)'
complete -c ctl -n '__ctl_is \'payments\'' -a 'invoices' -d 'Invoices: gap-free numbers per year, PDF, e-mail'
complete -c ctl -n '__ctl_is \'payments\'' -a 'subscriptions' -d 'Subscriptions and their state machine'
complete -c ctl -n '__ctl_is \'payments\'' -a 'plans' -d 'Plans: price, interval, tier, features and quotas'
complete -c ctl -n '__ctl_is \'payments\'' -a 'coupons' -d 'Coupons: percent or amount off, duration, limits, expiry'
complete -c ctl -n '__ctl_is \'payments\'' -a 'reconcile' -d 'Compare the provider\'s payments with the database (exit 10 on differences)'
complete -c ctl -n '__ctl_is \'payments invoices\'' -a 'list' -d 'List invoices, newest first'
complete -c ctl -n '__ctl_is \'payments invoices\'' -a 'show' -d 'One invoice with its payment'
complete -c ctl -n '__ctl_is \'payments invoices\'' -a 'create' -d 'Invoice a payment (the next number of the year)'
complete -c ctl -n '__ctl_is \'payments invoices\'' -a 'pdf' -d 'Write the invoice as PDF'
complete -c ctl -n '__ctl_is \'payments invoices\'' -a 'send' -d 'E-mail the invoice PDF to the customer and set sent_at'
complete -c ctl -n '__ctl_is \'payments subscriptions\'' -a 'list' -d 'List subscriptions, newest first'
complete -c ctl -n '__ctl_is \'payments subscriptions\'' -a 'show' -d 'One subscription with its history and payments'
complete -c ctl -n '__ctl_is \'payments subscriptions\'' -a 'extend' -d 'Move the end of the current period (and a running trial) later'
complete -c ctl -n '__ctl_is \'payments subscriptions\'' -a 'cancel' -d 'Cancel now, or at the end of the current period'
complete -c ctl -n '__ctl_is \'payments subscriptions\'' -a 'pause' -d 'Pause billing and access'
complete -c ctl -n '__ctl_is \'payments subscriptions\'' -a 'resume' -d 'Resume a paused subscription'
complete -c ctl -n '__ctl_is \'payments subscriptions\'' -a 'change-plan' -d 'Move the subscription to another plan'
complete -c ctl -n '__ctl_is \'payments plans\'' -a 'list' -d 'List plans'
complete -c ctl -n '__ctl_is \'payments plans\'' -a 'create' -d 'Create a plan'
complete -c ctl -n '__ctl_is \'payments plans\'' -a 'edit' -d 'Change a plan\'s name, price, trial, limits, features or quotas'
complete -c ctl -n '__ctl_is \'payments plans\'' -a 'archive' -d 'Archive a plan: no new subscriptions; existing ones stay'
complete -c ctl -n '__ctl_is \'payments coupons\'' -a 'list' -d 'List usable coupons, newest first'
complete -c ctl -n '__ctl_is \'payments coupons\'' -a 'create' -d 'Create a coupon'
complete -c ctl -n '__ctl_is \'payments coupons\'' -a 'disable' -d 'Disable a coupon (subscriptions using it keep their discount)'
complete -c ctl -n '__ctl_is \'agents\'' -a 'list' -d 'List agents, newest first'
complete -c ctl -n '__ctl_is \'agents\'' -a 'show' -d 'Everything about one agent: owner, subscription, bot, deployments'
complete -c ctl -n '__ctl_is \'agents\'' -a 'edit' -d 'Change an agent\'s name, purpose or tier'
complete -c ctl -n '__ctl_is \'agents\'' -a 'verify' -d 'Mark an agent verified by hand (bypasses the Telegram check)'
complete -c ctl -n '__ctl_is \'agents\'' -a 'cancel' -d 'Cancel an agent\'s subscription now'
complete -c ctl -n '__ctl_is \'agents\'' -a 'delete' -d 'Delete an agent (status deleted; its subscription is cancelled)'
complete -c ctl -n '__ctl_is \'agents\'' -a 'logs' -d 'The Devin messages of the agent\'s latest deployment'
complete -c ctl -n '__ctl_is \'agents\'' -a 'redeploy' -d 'Start a new deployment attempt (a new Devin session)'
complete -c ctl -n '__ctl_is \'devin\'' -a 'queue' -d 'Pending, running, failed and recently completed deployments'
complete -c ctl -n '__ctl_is \'devin\'' -a 'sessions' -d 'Devin\'s sessions, newest first, with their deployments'
complete -c ctl -n '__ctl_is \'devin\'' -a 'show' -d 'A session\'s live status and parsed result (-o json: Devin\'s raw answer)'
complete -c ctl -n '__ctl_is \'devin\'' -a 'logs' -d 'A session\'s messages in order, with times and authors'
complete -c ctl -n '__ctl_is \'devin\'' -a 'test' -d 'Check the API key and that Devin answers; prints the latency'
complete -c ctl -n '__ctl_is \'devin\'' -a 'retry' -d 'Start a new attempt of a deployment (a new Devin session)'
complete -c ctl -n '__ctl_is \'devin\'' -a 'cancel' -d 'Terminate a deployment\'s Devin session and mark it cancelled'
complete -c ctl -n '__ctl_is \'devin\'' -a 'set-status' -d 'Record a deployment\'s end by hand, when polling missed it'
complete -c ctl -n '__ctl_is \'devin\'' -a 'sync' -d 'Refresh running deployments from Devin (for a cron job; idempotent)'
complete -c ctl -n '__ctl_is \'popia\'' -a 'requests' -d 'Data-subject requests and their legal due dates'
complete -c ctl -n '__ctl_is \'popia\'' -a 'export' -d 'Everything held about a person, as one JSON document'
complete -c ctl -n '__ctl_is \'popia\'' -a 'erase' -d 'Anonymise a person everywhere and prove it (financial records kept under a pseudonym)'
complete -c ctl -n '__ctl_is \'popia\'' -a 'consent' -d 'A person\'s consent history, or record a grant or withdrawal (never overwritten)'
complete -c ctl -n '__ctl_is \'popia\'' -a 'retention' -d 'How long personal data is kept, and the purge'
complete -c ctl -n '__ctl_is \'popia requests\'' -a 'list' -d 'Requests, most urgent first (due date)'
complete -c ctl -n '__ctl_is \'popia requests\'' -a 'open' -d 'Record a request received from a person (due in 30 days)'
complete -c ctl -n '__ctl_is \'popia requests\'' -a 'show' -d 'One request with its person, due date and resolution'
complete -c ctl -n '__ctl_is \'popia requests\'' -a 'close' -d 'Close a request as completed or rejected (--reason: the resolution)'
complete -c ctl -n '__ctl_is \'popia retention\'' -a 'status' -d 'Per data class: policy, oldest record, records past retention'
complete -c ctl -n '__ctl_is \'popia retention\'' -a 'run' -d 'Delete or anonymise what is past its retention period (for a daily cron job)'
complete -c ctl -n '__ctl_is \'email\'' -a 'templates' -d 'The e-mail templates ({{ user.name }} variables)'
complete -c ctl -n '__ctl_is \'email\'' -a 'send' -d 'Send a template to one user or a segment (as in users list)'
complete -c ctl -n '__ctl_is \'email\'' -a 'log' -d 'E-mails sent (and failed), newest first'
complete -c ctl -n '__ctl_is \'email\'' -a 'sync' -d 'Record bounces: ask Resend what became of recent sends (for cron)'
complete -c ctl -n '__ctl_is \'email templates\'' -a 'list' -d 'Every template with the variables it uses'
complete -c ctl -n '__ctl_is \'email templates\'' -a 'show' -d 'One template: subject, text and html'
complete -c ctl -n '__ctl_is \'email templates\'' -a 'set' -d 'Change (or add) a template; unknown variables are refused'
complete -c ctl -n '__ctl_is \'alerts\'' -a 'ack' -d 'Acknowledge an open alert (silences it; --reason required)'
complete -c ctl -n '__ctl_is \'flags\'' -a 'list' -d 'Flags with their state in an environment'
complete -c ctl -n '__ctl_is \'flags\'' -a 'get' -d 'A flag: state, strategies, variants, dependencies, last change'
complete -c ctl -n '__ctl_is \'flags\'' -a 'set' -d 'Create a flag (disabled) or change its description or type'
complete -c ctl -n '__ctl_is \'flags\'' -a 'enable' -d 'Turn a flag on in an environment'
complete -c ctl -n '__ctl_is \'flags\'' -a 'disable' -d 'Turn a flag off in an environment'
complete -c ctl -n '__ctl_is \'flags\'' -a 'rollout' -d 'Roll a flag out to a percentage of users (sticky)'
complete -c ctl -n '__ctl_is \'flags\'' -a 'target' -d 'Target users, tiers or any context with constraints'
complete -c ctl -n '__ctl_is \'flags\'' -a 'variants' -d 'Add, replace or remove a flag\'s variants'
complete -c ctl -n '__ctl_is \'flags\'' -a 'delete' -d 'Delete a flag in every environment (needs --reason)'
complete -c ctl -n '__ctl_is \'flags\'' -a 'history' -d 'A flag\'s changes, from the audit trail (newest first)'
complete -c ctl -n '__ctl_is \'flags\'' -a 'eval' -d 'Evaluate a flag for a user exactly as the Unleash SDKs do'
complete -c ctl -n '__ctl_is \'flags\'' -a 'export' -d 'The flags as an Unleash client-API document an SDK can load'
complete -c ctl -n '__ctl_is \'flags\'' -a 'import' -d 'Upsert flags from an Unleash client-API document (reports the changes)'
complete -c ctl -n '__ctl_is \'flags\'' -a 'maintenance' -d 'Maintenance mode: on, off, status (allowed for ci)'
complete -c ctl -n '__ctl_is \'flags\'' -a 'signups' -d 'Open or close sign-ups (the signups flag)'
complete -c ctl -n '__ctl_is \'flags\'' -a 'waitlist' -d 'Send sign-ups to a waitlist, or not (the waitlist flag)'
complete -c ctl -n '__ctl_is \'flags\'' -a 'settings' -d 'System settings: typed JSON values; secrets masked'
complete -c ctl -n '__ctl_is \'flags maintenance\'' -a 'on' -d 'Turn maintenance on (already on: exit 0)'
complete -c ctl -n '__ctl_is \'flags maintenance\'' -a 'off' -d 'Turn maintenance off (already off: exit 0)'
complete -c ctl -n '__ctl_is \'flags maintenance\'' -a 'status' -d 'Whether maintenance is on, and its message'
complete -c ctl -n '__ctl_is \'flags signups\'' -a 'on' -d 'Turn it on (already on: exit 0)'
complete -c ctl -n '__ctl_is \'flags signups\'' -a 'off' -d 'Turn it off (already off: exit 0)'
complete -c ctl -n '__ctl_is \'flags waitlist\'' -a 'on' -d 'Turn it on (already on: exit 0)'
complete -c ctl -n '__ctl_is \'flags waitlist\'' -a 'off' -d 'Turn it off (already off: exit 0)'
complete -c ctl -n '__ctl_is \'flags settings\'' -a 'list' -d 'Settings by category'
complete -c ctl -n '__ctl_is \'flags settings\'' -a 'get' -d 'One setting'
complete -c ctl -n '__ctl_is \'flags settings\'' -a 'set' -d 'Set a setting (VALUE is JSON; other text is a string)'
complete -c ctl -n '__ctl_is \'flags settings\'' -a 'unset' -d 'Remove a setting (already absent: exit 0)'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'overview' -d 'The dashboard: users, agents, MRR, payments, deployments'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'mrr' -d 'MRR per interval with its movements, ARR and ARPA'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'revenue' -d 'Cash received less refunds per interval'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'churn' -d 'Customer churn, gross and net MRR churn, NRR and LTV'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'users' -d 'Signups, DAU/WAU/MAU, activation and trial conversion'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'retention' -d 'Cohorts by signup month: share active in month 0..N'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'agents' -d 'Agents created, deployment success and time, failures, purposes'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'usage' -d 'Usage and cost, margin per user, top/bottom users, near quota'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'funnel' -d 'Signup → agent → deployed → paid for a signup cohort'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'refresh' -d 'Bring the daily analytics rollups up to today (for cron; incremental)'
complete -c ctl -n '__ctl_is \'analytics\'' -a 'report' -d 'A daily, weekly or monthly report (csv, json, md, html; file or e-mail)'
complete -c ctl -n '__ctl_is \'analytics report\'' -a 'daily' -d 'The last complete day (or --from/--to)'
complete -c ctl -n '__ctl_is \'analytics report\'' -a 'weekly' -d 'The last complete week (or --from/--to)'
complete -c ctl -n '__ctl_is \'analytics report\'' -a 'monthly' -d 'The last complete month (or --from/--to)'
complete -c ctl -n '__ctl_is \'admins\'' -a 'list' -d 'Operators and their roles'
complete -c ctl -n '__ctl_is \'admins\'' -a 'add' -d 'Create an operator (password from stdin or --password-file)'
complete -c ctl -n '__ctl_is \'admins\'' -a 'role' -d 'Move an operator to another role'
complete -c ctl -n '__ctl_is \'admins\'' -a 'remove' -d 'Remove an operator\'s login role'
complete -c ctl -n '__ctl_is \'admins\'' -a 'me' -d 'Who you are connected as, and your groups'
complete -c ctl -n '__ctl_is \'audit\'' -a 'list' -d 'Audit entries, newest first'
complete -c ctl -n '__ctl_is \'audit\'' -a 'show' -d 'One audit entry with its before/after values and hashes'
complete -c ctl -n '__ctl_is \'audit\'' -a 'export' -d 'Stream entries oldest first (owners only)'
complete -c ctl -n '__ctl_is \'audit\'' -a 'verify' -d 'Walk the hash chain (exit 10 naming the first broken entry)'

# Options.
complete -c ctl -s h -l help -d 'Print help and exit'
complete -c ctl -l version -d 'Display program version information and exit'
complete -c ctl -l db -x -d 'Database URL or conninfo (default: CTL_DATABASE_URL, profile, local)'
complete -c ctl -l profile -x -d 'Config profile'
complete -c ctl -s o -l output -x -a 'table json ndjson csv tsv' -d 'Output format'
complete -c ctl -l fields -x -d 'Columns to show, in order (a,b,c)'
complete -c ctl -l no-color -d 'No ANSI colour'
complete -c ctl -s y -l yes -d 'Do not ask for confirmation'
complete -c ctl -l dry-run -d 'Show what would change, change nothing'
complete -c ctl -l reason -x -d 'Why: recorded in the audit trail'
complete -c ctl -s q -l quiet -d 'Only data and errors'
complete -c ctl -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c ctl -l timeout -x -d 'Seconds before a database statement is cancelled (default 30; checks and exports: none)'
complete -c ctl -l replica-only -d 'Read-only work (analytics, exports) must read from replica_url: exit 6 when it is down, instead of falling back to the primary'
complete -c ctl -n '__ctl_within \'db seed\'' -l users -x -d 'Number of users'
complete -c ctl -n '__ctl_within \'db seed\'' -l seed -x -d 'Random seed (same seed, same day: same data)'
complete -c ctl -n '__ctl_within \'db seed\'' -l months -x -d 'Months of history'
complete -c ctl -n '__ctl_within \'db seed\'' -l reset -d 'Empty the platform tables first (destructive)'
complete -c ctl -n '__ctl_within \'users list\'' -l search -x -d 'Fragment of e-mail, name, company, phone, wallet or provider id'
complete -c ctl -n '__ctl_within \'users list\'' -l status -x -a 'active suspended banned deleted' -d 'Only this status'
complete -c ctl -n '__ctl_within \'users list\'' -l plan -x -a 'free matt pro enterprise' -d 'Only this plan'
complete -c ctl -n '__ctl_within \'users list\'' -l joined-after -x -d 'Signed up at or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users list\'' -l joined-before -x -d 'Signed up before (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users list\'' -l active-since -x -d 'Logged in at or after (date, time or 7d)'
complete -c ctl -n '__ctl_within \'users list\'' -l inactive-for -x -d 'No login for at least this long (30d)'
complete -c ctl -n '__ctl_within \'users list\'' -l min-agents -x -d 'At least this many agents'
complete -c ctl -n '__ctl_within \'users list\'' -l has-failed-payment -d 'Only users with a failed payment'
complete -c ctl -n '__ctl_within \'users list\'' -l segment -x -a 'high-value at-risk power inactive' -d 'high-value, at-risk, power or inactive (see DESCRIPTION)'
complete -c ctl -n '__ctl_within \'users list\'' -l sort -x -a 'created_at -created_at email -email name -name last_login_at -last_login_at id -id' -d 'Sort field, - for descending'
complete -c ctl -n '__ctl_within \'users list\'' -l limit -x -d 'Rows per page (0: all)'
complete -c ctl -n '__ctl_within \'users list\'' -l after -x -d 'Cursor of the next page (printed on stderr)'
complete -c ctl -n '__ctl_within \'users search\'' -l search -x -d 'Fragment of e-mail, name, company, phone, wallet or provider id'
complete -c ctl -n '__ctl_within \'users search\'' -l status -x -a 'active suspended banned deleted' -d 'Only this status'
complete -c ctl -n '__ctl_within \'users search\'' -l plan -x -a 'free matt pro enterprise' -d 'Only this plan'
complete -c ctl -n '__ctl_within \'users search\'' -l joined-after -x -d 'Signed up at or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users search\'' -l joined-before -x -d 'Signed up before (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users search\'' -l active-since -x -d 'Logged in at or after (date, time or 7d)'
complete -c ctl -n '__ctl_within \'users search\'' -l inactive-for -x -d 'No login for at least this long (30d)'
complete -c ctl -n '__ctl_within \'users search\'' -l min-agents -x -d 'At least this many agents'
complete -c ctl -n '__ctl_within \'users search\'' -l has-failed-payment -d 'Only users with a failed payment'
complete -c ctl -n '__ctl_within \'users search\'' -l segment -x -a 'high-value at-risk power inactive' -d 'high-value, at-risk, power or inactive (see DESCRIPTION)'
complete -c ctl -n '__ctl_within \'users search\'' -l limit -x -d 'Rows (0: all)'
complete -c ctl -n '__ctl_within \'users export\'' -l search -x -d 'Fragment of e-mail, name, company, phone, wallet or provider id'
complete -c ctl -n '__ctl_within \'users export\'' -l status -x -a 'active suspended banned deleted' -d 'Only this status'
complete -c ctl -n '__ctl_within \'users export\'' -l plan -x -a 'free matt pro enterprise' -d 'Only this plan'
complete -c ctl -n '__ctl_within \'users export\'' -l joined-after -x -d 'Signed up at or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users export\'' -l joined-before -x -d 'Signed up before (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users export\'' -l active-since -x -d 'Logged in at or after (date, time or 7d)'
complete -c ctl -n '__ctl_within \'users export\'' -l inactive-for -x -d 'No login for at least this long (30d)'
complete -c ctl -n '__ctl_within \'users export\'' -l min-agents -x -d 'At least this many agents'
complete -c ctl -n '__ctl_within \'users export\'' -l has-failed-payment -d 'Only users with a failed payment'
complete -c ctl -n '__ctl_within \'users export\'' -l segment -x -a 'high-value at-risk power inactive' -d 'high-value, at-risk, power or inactive (see DESCRIPTION)'
complete -c ctl -n '__ctl_within \'users export\'' -l out -r -F -d 'Write to this file (appears only when complete)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l ids-from -x -d 'File (or - for stdin) with one user per line'
complete -c ctl -n '__ctl_within \'users bulk\'' -l where -d 'Act on the users matching the filters instead'
complete -c ctl -n '__ctl_within \'users bulk\'' -l search -x -d 'Fragment of e-mail, name, company, phone, wallet or provider id'
complete -c ctl -n '__ctl_within \'users bulk\'' -l status -x -a 'active suspended banned deleted' -d 'Only this status'
complete -c ctl -n '__ctl_within \'users bulk\'' -l plan -x -a 'free matt pro enterprise' -d 'Only this plan'
complete -c ctl -n '__ctl_within \'users bulk\'' -l joined-after -x -d 'Signed up at or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l joined-before -x -d 'Signed up before (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l active-since -x -d 'Logged in at or after (date, time or 7d)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l inactive-for -x -d 'No login for at least this long (30d)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l min-agents -x -d 'At least this many agents'
complete -c ctl -n '__ctl_within \'users bulk\'' -l has-failed-payment -d 'Only users with a failed payment'
complete -c ctl -n '__ctl_within \'users bulk\'' -l segment -x -a 'high-value at-risk power inactive' -d 'high-value, at-risk, power or inactive (see DESCRIPTION)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l text -x -d 'The note (action note)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l out -r -F -d 'Write to this file (action export)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l batch-size -x -d 'Users per transaction'
complete -c ctl -n '__ctl_within \'users bulk\'' -l template -x -d 'E-mail template (action email)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l var -x -d 'NAME=VALUE for a template variable (action email, repeatable)'
complete -c ctl -n '__ctl_within \'users bulk\'' -l campaign -x -d 'Idempotency key prefix; users already sent to under it are skipped (action email)'
complete -c ctl -n '__ctl_within \'users edit\'' -l name -x -d 'New name ("" clears it)'
complete -c ctl -n '__ctl_within \'users edit\'' -l email -x -d 'New e-mail address (unique)'
complete -c ctl -n '__ctl_within \'users edit\'' -l company -x -d 'New company ("" clears it)'
complete -c ctl -n '__ctl_within \'users edit\'' -l phone -x -d 'New phone number ("" clears it)'
complete -c ctl -n '__ctl_within \'users delete\'' -l hard -d 'Remove the user and their data (only without payments)'
complete -c ctl -n '__ctl_within \'users impersonate\'' -l ttl -x -d 'Lifetime, at most 1h'
complete -c ctl -n '__ctl_within \'users impersonate\'' -l revoke -x -d 'Revoke the token with this id (jti) instead'
complete -c ctl -n '__ctl_within \'users impersonations\'' -l limit -x -d 'Rows (0: all)'
complete -c ctl -n '__ctl_within \'users activity\'' -l type -x -d 'Only this event type (login, agent_created, payment, ...)'
complete -c ctl -n '__ctl_within \'users activity\'' -l since -x -d 'At or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users activity\'' -l limit -x -d 'Rows'
complete -c ctl -n '__ctl_within \'users logins\'' -l limit -x -d 'Rows'
complete -c ctl -n '__ctl_within \'payments list\'' -l status -x -a 'pending succeeded failed refunded partially_refunded canceled' -d 'Only this status'
complete -c ctl -n '__ctl_within \'payments list\'' -l provider -x -a 'stripe nowpayments manual' -d 'Only this provider'
complete -c ctl -n '__ctl_within \'payments list\'' -l user -x -d 'Only this user\'s payments (id, e-mail, wallet or auth-provider id)'
complete -c ctl -n '__ctl_within \'payments list\'' -l from -x -d 'Created at or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'payments list\'' -l to -x -d 'Created before (date, time or 30d)'
complete -c ctl -n '__ctl_within \'payments list\'' -l min -x -d 'Amount at least (major units, e.g. 10.00)'
complete -c ctl -n '__ctl_within \'payments list\'' -l max -x -d 'Amount at most (major units)'
complete -c ctl -n '__ctl_within \'payments list\'' -l failed -d 'Only failed payments'
complete -c ctl -n '__ctl_within \'payments list\'' -l pending-over -x -d 'Only payments pending for longer than this (1h, 2d)'
complete -c ctl -n '__ctl_within \'payments list\'' -l limit -x -d 'Rows per page (0: all)'
complete -c ctl -n '__ctl_within \'payments list\'' -l after -x -d 'Cursor of the next page (printed on stderr)'
complete -c ctl -n '__ctl_within \'payments export\'' -l status -x -a 'pending succeeded failed refunded partially_refunded canceled' -d 'Only this status'
complete -c ctl -n '__ctl_within \'payments export\'' -l provider -x -a 'stripe nowpayments manual' -d 'Only this provider'
complete -c ctl -n '__ctl_within \'payments export\'' -l user -x -d 'Only this user\'s payments (id, e-mail, wallet or auth-provider id)'
complete -c ctl -n '__ctl_within \'payments export\'' -l from -x -d 'Created at or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'payments export\'' -l to -x -d 'Created before (date, time or 30d)'
complete -c ctl -n '__ctl_within \'payments export\'' -l min -x -d 'Amount at least (major units, e.g. 10.00)'
complete -c ctl -n '__ctl_within \'payments export\'' -l max -x -d 'Amount at most (major units)'
complete -c ctl -n '__ctl_within \'payments export\'' -l failed -d 'Only failed payments'
complete -c ctl -n '__ctl_within \'payments export\'' -l pending-over -x -d 'Only payments pending for longer than this (1h, 2d)'
complete -c ctl -n '__ctl_within \'payments export\'' -l out -r -F -d 'Write to this file (appears only when complete)'
complete -c ctl -n '__ctl_within \'payments refund\'' -l amount -x -d 'Refund only this much (major units, e.g. 10.00); default: what is left'
complete -c ctl -n '__ctl_within \'payments manual\'' -l user -x -d 'Who paid (id, e-mail, wallet or auth-provider id)'
complete -c ctl -n '__ctl_within \'payments manual\'' -l amount -x -d 'Amount in major units (49.00)'
complete -c ctl -n '__ctl_within \'payments manual\'' -l currency -x -d 'ISO currency (USD)'
complete -c ctl -n '__ctl_within \'payments manual\'' -l provider -x -a 'manual stripe nowpayments' -d 'Where the money came in'
complete -c ctl -n '__ctl_within \'payments manual\'' -l reference -x -d 'The bank\'s or provider\'s id of the payment'
complete -c ctl -n '__ctl_within \'payments manual\'' -l subscription -x -d 'The user\'s subscription it pays for'
complete -c ctl -n '__ctl_within \'payments manual\'' -l description -x -d 'What it was for'
complete -c ctl -n '__ctl_within \'payments invoices list\'' -l user -x -d 'Only this user\'s invoices'
complete -c ctl -n '__ctl_within \'payments invoices list\'' -l status -x -a 'draft open paid void' -d 'Only this status'
complete -c ctl -n '__ctl_within \'payments invoices list\'' -l year -x -d 'Only this year\'s numbers'
complete -c ctl -n '__ctl_within \'payments invoices list\'' -l limit -x -d 'Rows per page (0: all)'
complete -c ctl -n '__ctl_within \'payments invoices list\'' -l after -x -d 'Cursor of the next page (printed on stderr)'
complete -c ctl -n '__ctl_within \'payments invoices create\'' -l tax -x -d 'Tax included in the amount, in percent (15 or 15%)'
complete -c ctl -n '__ctl_within \'payments invoices create\'' -l due -x -d 'Due after issue, for a pending payment (14d)'
complete -c ctl -n '__ctl_within \'payments invoices pdf\'' -l out -r -F -d 'File to write (default NUMBER.pdf; - for stdout)'
complete -c ctl -n '__ctl_within \'payments invoices send\'' -l to -x -d 'Another address (default: the user\'s e-mail)'
complete -c ctl -n '__ctl_within \'payments invoices send\'' -l again -d 'Send even if it was sent before'
complete -c ctl -n '__ctl_within \'payments subscriptions list\'' -l user -x -d 'Only this user\'s subscriptions'
complete -c ctl -n '__ctl_within \'payments subscriptions list\'' -l status -x -a 'trialing active past_due paused canceled' -d 'Only this status'
complete -c ctl -n '__ctl_within \'payments subscriptions list\'' -l plan -x -d 'Only this plan (code)'
complete -c ctl -n '__ctl_within \'payments subscriptions list\'' -l limit -x -d 'Rows per page (0: all)'
complete -c ctl -n '__ctl_within \'payments subscriptions list\'' -l after -x -d 'Cursor of the next page (printed on stderr)'
complete -c ctl -n '__ctl_within \'payments subscriptions cancel\'' -l at-period-end -d 'Keep it until the period ends, then cancel'
complete -c ctl -n '__ctl_within \'payments plans list\'' -l all -d 'Include archived plans'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l code -x -d 'Unique code (lower-case, e.g. pro-monthly)'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l tier -x -a 'matt pro enterprise' -d 'Tier'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l interval -x -a 'month year' -d 'Billing interval'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l name -x -d 'Display name'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l price -x -d 'Price per interval in major units (19.00)'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l currency -x -d 'ISO currency (default USD)'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l trial-days -x -d 'Trial length in days'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l agent-limit -x -d 'Most agents on the plan'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l features -x -d 'Features as a JSON array'
complete -c ctl -n '__ctl_within \'payments plans create\'' -l quotas -x -d 'Quotas as a JSON object'
complete -c ctl -n '__ctl_within \'payments plans edit\'' -l name -x -d 'Display name'
complete -c ctl -n '__ctl_within \'payments plans edit\'' -l price -x -d 'Price per interval in major units (19.00)'
complete -c ctl -n '__ctl_within \'payments plans edit\'' -l currency -x -d 'ISO currency (default USD)'
complete -c ctl -n '__ctl_within \'payments plans edit\'' -l trial-days -x -d 'Trial length in days'
complete -c ctl -n '__ctl_within \'payments plans edit\'' -l agent-limit -x -d 'Most agents on the plan'
complete -c ctl -n '__ctl_within \'payments plans edit\'' -l features -x -d 'Features as a JSON array'
complete -c ctl -n '__ctl_within \'payments plans edit\'' -l quotas -x -d 'Quotas as a JSON object'
complete -c ctl -n '__ctl_within \'payments coupons list\'' -l all -d 'Include disabled and expired coupons'
complete -c ctl -n '__ctl_within \'payments coupons create\'' -l code -x -d 'The code customers enter'
complete -c ctl -n '__ctl_within \'payments coupons create\'' -l percent-off -x -d 'Percent off (1-100)'
complete -c ctl -n '__ctl_within \'payments coupons create\'' -l amount-off -x -d 'Amount off in major units (with --currency)'
complete -c ctl -n '__ctl_within \'payments coupons create\'' -l currency -x -d 'Currency of --amount-off'
complete -c ctl -n '__ctl_within \'payments coupons create\'' -l duration -x -a 'once repeating forever' -d 'How long it applies'
complete -c ctl -n '__ctl_within \'payments coupons create\'' -l duration-months -x -d 'Months, for --duration repeating'
complete -c ctl -n '__ctl_within \'payments coupons create\'' -l max-redemptions -x -d 'Most uses in all'
complete -c ctl -n '__ctl_within \'payments coupons create\'' -l expires -x -d 'Last moment it can be redeemed (date, time)'
complete -c ctl -n '__ctl_within \'payments reconcile\'' -l provider -x -a 'nowpayments stripe' -d 'Which provider'
complete -c ctl -n '__ctl_within \'payments reconcile\'' -l from -x -d 'Created at or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'payments reconcile\'' -l to -x -d 'Created before (date, time or now)'
complete -c ctl -n '__ctl_within \'payments reconcile\'' -l fix -d 'Import payments missing here (audited; never deletes)'
complete -c ctl -n '__ctl_within \'agents list\'' -l status -x -a 'pending deploying active failed cancelled deleted' -d 'Only this status'
complete -c ctl -n '__ctl_within \'agents list\'' -l tier -x -a 'matt pro enterprise' -d 'Only this tier'
complete -c ctl -n '__ctl_within \'agents list\'' -l owner -x -d 'Only this user\'s agents (id, e-mail, wallet or provider id)'
complete -c ctl -n '__ctl_within \'agents list\'' -l subscription -x -a 'active expiring expired' -d 'active, expiring (within 7 days or set to cancel) or expired'
complete -c ctl -n '__ctl_within \'agents list\'' -l search -x -d 'Fragment of the agent\'s name or the owner\'s e-mail'
complete -c ctl -n '__ctl_within \'agents list\'' -l limit -x -d 'Rows per page (0: all)'
complete -c ctl -n '__ctl_within \'agents list\'' -l after -x -d 'Cursor of the next page (printed on stderr)'
complete -c ctl -n '__ctl_within \'agents edit\'' -l name -x -d 'New name'
complete -c ctl -n '__ctl_within \'agents edit\'' -l purpose -x -d 'New purpose ("" clears it)'
complete -c ctl -n '__ctl_within \'agents edit\'' -l tier -x -a 'matt pro enterprise' -d 'New tier'
complete -c ctl -n '__ctl_within \'agents delete\'' -l refund -d 'Also refund the rest of its newest payment (as payments refund does)'
complete -c ctl -n '__ctl_within \'devin queue\'' -l limit -x -d 'Rows per part'
complete -c ctl -n '__ctl_within \'devin queue\'' -l recent -x -d 'Window of the failed and completed parts (24h, 7d)'
complete -c ctl -n '__ctl_within \'devin queue\'' -l watch -d 'Redraw every --interval seconds until interrupted'
complete -c ctl -n '__ctl_within \'devin queue\'' -l interval -x -d 'Seconds between redraws'
complete -c ctl -n '__ctl_within \'devin queue\'' -l count -x -d 'With --watch: stop after this many redraws'
complete -c ctl -n '__ctl_within \'devin sessions\'' -l status -x -d 'Only this status_enum (working, blocked, finished, expired, ...)'
complete -c ctl -n '__ctl_within \'devin sessions\'' -l since -x -d 'Created at or after (date, time or 7d)'
complete -c ctl -n '__ctl_within \'devin sessions\'' -l limit -x -d 'Rows'
complete -c ctl -n '__ctl_within \'devin show\'' -l watch -d 'Poll with backoff until the session is finished or expired'
complete -c ctl -n '__ctl_within \'devin show\'' -l interval -x -d 'First pause between polls, in seconds (doubles up to 30)'
complete -c ctl -n '__ctl_within \'devin show\'' -l count -x -d 'With --watch: stop after this many polls'
complete -c ctl -n '__ctl_within \'devin set-status\'' -l bot-username -x -d 'The bot\'s Telegram username (with succeeded)'
complete -c ctl -n '__ctl_within \'devin sync\'' -l all-running -d 'Every running deployment'
complete -c ctl -n '__ctl_within \'popia requests list\'' -l status -x -d 'open, in_progress, completed or rejected'
complete -c ctl -n '__ctl_within \'popia requests list\'' -l kind -x -d 'access, erasure, correction or objection'
complete -c ctl -n '__ctl_within \'popia requests list\'' -l user -x -d 'Only this person\'s requests'
complete -c ctl -n '__ctl_within \'popia requests list\'' -l overdue -d 'Only open requests past their due date'
complete -c ctl -n '__ctl_within \'popia requests list\'' -l limit -x -d 'Rows per page (0: all)'
complete -c ctl -n '__ctl_within \'popia requests list\'' -l after -x -d 'Cursor of the next page (printed on stderr)'
complete -c ctl -n '__ctl_within \'popia requests open\'' -l kind -x -d 'access, erasure, correction or objection'
complete -c ctl -n '__ctl_within \'popia requests open\'' -l received -x -d 'When it arrived (date or time; default now)'
complete -c ctl -n '__ctl_within \'popia requests open\'' -l note -x -d 'What the person asked'
complete -c ctl -n '__ctl_within \'popia requests close\'' -l status -x -d 'completed or rejected'
complete -c ctl -n '__ctl_within \'popia export\'' -l out -r -F -d 'Write to this file (appears only when complete)'
complete -c ctl -n '__ctl_within \'popia export\'' -l request -x -d 'The access request this answers (completed by the export)'
complete -c ctl -n '__ctl_within \'popia erase\'' -l request -x -d 'The erasure request this answers (completed by the erasure)'
complete -c ctl -n '__ctl_within \'popia consent\'' -l source -x -d 'Where the person said so, e.g. \'support call 2026-11-02\''
complete -c ctl -n '__ctl_within \'email templates set\'' -l subject -x -d 'Subject line (may use variables)'
complete -c ctl -n '__ctl_within \'email templates set\'' -l html-file -r -F -d 'File with the HTML body'
complete -c ctl -n '__ctl_within \'email templates set\'' -l text-file -r -F -d 'File with the plain-text body'
complete -c ctl -n '__ctl_within \'email send\'' -l user -x -d 'Id, e-mail, wallet or auth-provider id'
complete -c ctl -n '__ctl_within \'email send\'' -l segment -x -a 'high-value at-risk power inactive' -d 'high-value, at-risk, power or inactive'
complete -c ctl -n '__ctl_within \'email send\'' -l template -x -d 'E-mail template (ctl email templates list)'
complete -c ctl -n '__ctl_within \'email send\'' -l var -x -d 'NAME=VALUE for a template variable ctl does not fill (repeatable)'
complete -c ctl -n '__ctl_within \'email send\'' -l campaign -x -d 'Idempotency key prefix: users already sent to under it are skipped (default TEMPLATE-DATE)'
complete -c ctl -n '__ctl_within \'email send\'' -l batch-size -x -d 'Users per batch'
complete -c ctl -n '__ctl_within \'email log\'' -l user -x -d 'Id, e-mail, wallet or auth-provider id'
complete -c ctl -n '__ctl_within \'email log\'' -l status -x -a 'queued sent failed bounced' -d 'queued, sent, failed or bounced'
complete -c ctl -n '__ctl_within \'email log\'' -l template -x -d 'Only this template'
complete -c ctl -n '__ctl_within \'email log\'' -l since -x -d 'At or after (date, time or 7d)'
complete -c ctl -n '__ctl_within \'email log\'' -l limit -x -d 'Rows per page (0: all)'
complete -c ctl -n '__ctl_within \'email log\'' -l after -x -d 'Cursor of the next page (printed on stderr)'
complete -c ctl -n '__ctl_within \'email sync\'' -l since -x -d 'Sends at or after (date, time or 7d)'
complete -c ctl -n '__ctl_within \'alerts\'' -l check -d 'Exit 10 when any unacknowledged alert is open (for cron and monitoring)'
complete -c ctl -n '__ctl_within \'alerts\'' -l notify -d 'Send each open alert to the webhook / address in settings, once a day'
complete -c ctl -n '__ctl_within \'alerts\'' -l all -d 'Include acknowledged alerts'
complete -c ctl -n '__ctl_within \'activity\'' -s f -l follow -d 'Keep printing new events as they happen (ndjson when piped)'
complete -c ctl -n '__ctl_within \'activity\'' -l type -x -d 'signup, login, payment, deploy, agent, admin or other (repeatable, or a,b)'
complete -c ctl -n '__ctl_within \'activity\'' -l user -x -d 'Only this user\'s events (id, e-mail, wallet or auth-provider id)'
complete -c ctl -n '__ctl_within \'activity\'' -l since -x -d 'At or after (date, time or 1h; default 1h; with --follow: backlog to show)'
complete -c ctl -n '__ctl_within \'activity\'' -l limit -x -d 'Newest events to show (0: all)'
complete -c ctl -n '__ctl_within \'activity\'' -l count -x -d 'With --follow: stop after this many events'
complete -c ctl -n '__ctl_within \'flags list\'' -l type -x -a 'release experiment operational kill-switch permission' -d 'Only flags of this type'
complete -c ctl -n '__ctl_within \'flags list\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags get\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags set\'' -l description -x -d 'What the flag is for'
complete -c ctl -n '__ctl_within \'flags set\'' -l type -x -a 'release experiment operational kill-switch permission' -d 'release, experiment, operational, kill-switch, permission'
complete -c ctl -n '__ctl_within \'flags enable\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags disable\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags rollout\'' -l stickiness -x -d 'Context field that keeps a user in: default, userId, sessionId, ...'
complete -c ctl -n '__ctl_within \'flags rollout\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags target\'' -l users -x -d 'User ids (userWithId strategy)'
complete -c ctl -n '__ctl_within \'flags target\'' -l tiers -x -d 'Only these tiers (constraint tier IN ...)'
complete -c ctl -n '__ctl_within \'flags target\'' -l constraint -x -d 'CONTEXT [NOT] OPERATOR[/i] VALUES, e.g. \'tier IN pro,enterprise\''
complete -c ctl -n '__ctl_within \'flags target\'' -l clear -d 'Drop the existing constraints first'
complete -c ctl -n '__ctl_within \'flags target\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags variants\'' -l add -x -d 'NAME:WEIGHT[:PAYLOAD] (repeatable; replaces a variant of that name)'
complete -c ctl -n '__ctl_within \'flags variants\'' -l remove -x -d 'Variant name to remove (repeatable)'
complete -c ctl -n '__ctl_within \'flags variants\'' -l clear -d 'Remove all variants first'
complete -c ctl -n '__ctl_within \'flags variants\'' -l stickiness -x -d 'Stickiness of added variants'
complete -c ctl -n '__ctl_within \'flags variants\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags history\'' -l limit -x -d 'Rows (0: all)'
complete -c ctl -n '__ctl_within \'flags eval\'' -l user -x -d 'userId'
complete -c ctl -n '__ctl_within \'flags eval\'' -l session -x -d 'sessionId'
complete -c ctl -n '__ctl_within \'flags eval\'' -l address -x -d 'remoteAddress (IP)'
complete -c ctl -n '__ctl_within \'flags eval\'' -l context -x -d 'KEY=VALUE (repeatable): appName, currentTime, tier, ...'
complete -c ctl -n '__ctl_within \'flags eval\'' -l state -x -d 'Evaluate against this Unleash client-API document, not the database'
complete -c ctl -n '__ctl_within \'flags eval\'' -l users-from -x -d 'File of user ids, one a line (- for stdin)'
complete -c ctl -n '__ctl_within \'flags eval\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags export\'' -l format -x -a 'unleash json' -d 'unleash (the state document) or json (the features only)'
complete -c ctl -n '__ctl_within \'flags export\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags export\'' -l out -r -F -d 'Write to this file (atomically) instead of stdout'
complete -c ctl -n '__ctl_within \'flags import\'' -l env -x -d 'Environment (default: flags.environment of the profile, else production)'
complete -c ctl -n '__ctl_within \'flags maintenance on\'' -l message -x -d 'What users see'
complete -c ctl -n '__ctl_within \'flags maintenance on\'' -l until -x -d 'When it ends by itself: a time or a duration from now (2h)'
complete -c ctl -n '__ctl_within \'flags maintenance status\'' -l exit-code -d 'Exit 10 while maintenance is on'
complete -c ctl -n '__ctl_within \'flags settings list\'' -l category -x -a 'general pricing email integrations branding retention limits' -d 'general, pricing, email, integrations, branding, retention, limits'
complete -c ctl -n '__ctl_within \'flags settings list\'' -l reveal -d 'Show secret values (admins and owners only; others still see [secret])'
complete -c ctl -n '__ctl_within \'flags settings get\'' -l reveal -d 'Show a secret value (admins and owners only)'
complete -c ctl -n '__ctl_within \'flags settings set\'' -l secret -d 'Mark the value secret (masked everywhere)'
complete -c ctl -n '__ctl_within \'flags settings set\'' -l no-secret -d 'Mark the value not secret'
complete -c ctl -n '__ctl_within \'flags settings set\'' -l description -x -d 'What the setting does'
complete -c ctl -n '__ctl_within \'flags settings set\'' -l category -x -a 'general pricing email integrations branding retention limits' -d 'general, pricing, email, integrations, branding, retention, limits'
complete -c ctl -n '__ctl_within \'analytics overview\'' -l no-chart -d 'No sparklines on a terminal'
complete -c ctl -n '__ctl_within \'analytics mrr\'' -l from -x -d 'Start (date, time or 90d; default: 12 intervals back, 30 for days)'
complete -c ctl -n '__ctl_within \'analytics mrr\'' -l to -x -d 'End, excluded (date, time or duration; default: now)'
complete -c ctl -n '__ctl_within \'analytics mrr\'' -l interval -x -a 'day week month' -d 'Period length'
complete -c ctl -n '__ctl_within \'analytics mrr\'' -l no-chart -d 'No sparklines or bars on a terminal'
complete -c ctl -n '__ctl_within \'analytics revenue\'' -l from -x -d 'Start (date, time or 90d; default: 12 intervals back, 30 for days)'
complete -c ctl -n '__ctl_within \'analytics revenue\'' -l to -x -d 'End, excluded (date, time or duration; default: now)'
complete -c ctl -n '__ctl_within \'analytics revenue\'' -l interval -x -a 'day week month' -d 'Period length'
complete -c ctl -n '__ctl_within \'analytics revenue\'' -l no-chart -d 'No sparklines or bars on a terminal'
complete -c ctl -n '__ctl_within \'analytics revenue\'' -l by -x -a 'plan provider currency' -d 'Break down by plan, provider or currency'
complete -c ctl -n '__ctl_within \'analytics churn\'' -l from -x -d 'Start (date, time or 90d; default: 12 intervals back, 30 for days)'
complete -c ctl -n '__ctl_within \'analytics churn\'' -l to -x -d 'End, excluded (date, time or duration; default: now)'
complete -c ctl -n '__ctl_within \'analytics churn\'' -l interval -x -a 'day week month' -d 'Period length'
complete -c ctl -n '__ctl_within \'analytics churn\'' -l no-chart -d 'No sparklines or bars on a terminal'
complete -c ctl -n '__ctl_within \'analytics churn\'' -l by -x -a 'plan' -d 'plan: subscription churn per plan'
complete -c ctl -n '__ctl_within \'analytics users\'' -l from -x -d 'Start (date, time or 90d; default: 12 intervals back, 30 for days)'
complete -c ctl -n '__ctl_within \'analytics users\'' -l to -x -d 'End, excluded (date, time or duration; default: now)'
complete -c ctl -n '__ctl_within \'analytics users\'' -l interval -x -a 'day week month' -d 'Period length'
complete -c ctl -n '__ctl_within \'analytics users\'' -l no-chart -d 'No sparklines or bars on a terminal'
complete -c ctl -n '__ctl_within \'analytics users\'' -l by -x -a 'plan auth_provider' -d 'Segment signups by plan or auth_provider'
complete -c ctl -n '__ctl_within \'analytics retention\'' -l from -x -d 'Start (date, time or 90d; default: 12 intervals back, 30 for days)'
complete -c ctl -n '__ctl_within \'analytics retention\'' -l to -x -d 'End, excluded (date, time or duration; default: now)'
complete -c ctl -n '__ctl_within \'analytics retention\'' -l no-chart -d 'No sparklines or bars on a terminal'
complete -c ctl -n '__ctl_within \'analytics retention\'' -l revenue -d 'Net MRR retention by first-paid month instead'
complete -c ctl -n '__ctl_within \'analytics agents\'' -l from -x -d 'Start (date, time or 90d; default: 12 intervals back, 30 for days)'
complete -c ctl -n '__ctl_within \'analytics agents\'' -l to -x -d 'End, excluded (date, time or duration; default: now)'
complete -c ctl -n '__ctl_within \'analytics agents\'' -l interval -x -a 'day week month' -d 'Period length'
complete -c ctl -n '__ctl_within \'analytics agents\'' -l no-chart -d 'No sparklines or bars on a terminal'
complete -c ctl -n '__ctl_within \'analytics agents\'' -l top -x -d 'How many failure reasons and purposes'
complete -c ctl -n '__ctl_within \'analytics usage\'' -l from -x -d 'Start (date, time or 90d; default: 12 intervals back, 30 for days)'
complete -c ctl -n '__ctl_within \'analytics usage\'' -l to -x -d 'End, excluded (date, time or duration; default: now)'
complete -c ctl -n '__ctl_within \'analytics usage\'' -l interval -x -a 'day week month' -d 'Period length'
complete -c ctl -n '__ctl_within \'analytics usage\'' -l no-chart -d 'No sparklines or bars on a terminal'
complete -c ctl -n '__ctl_within \'analytics usage\'' -l top -x -d 'How many top and bottom users'
complete -c ctl -n '__ctl_within \'analytics funnel\'' -l from -x -d 'Start (date, time or 90d; default: 12 intervals back, 30 for days)'
complete -c ctl -n '__ctl_within \'analytics funnel\'' -l to -x -d 'End, excluded (date, time or duration; default: now)'
complete -c ctl -n '__ctl_within \'analytics funnel\'' -l no-chart -d 'No sparklines or bars on a terminal'
complete -c ctl -n '__ctl_within \'analytics report daily\'' -l from -x -d 'Start of the period (date, time or duration)'
complete -c ctl -n '__ctl_within \'analytics report daily\'' -l to -x -d 'End of the period, excluded'
complete -c ctl -n '__ctl_within \'analytics report daily\'' -s o -l output -x -a 'table json csv tsv md html' -d 'table, json, csv, tsv, md or html (e-mail: html by default)'
complete -c ctl -n '__ctl_within \'analytics report daily\'' -l out -r -F -d 'Write to FILE (complete or not at all) instead of stdout'
complete -c ctl -n '__ctl_within \'analytics report daily\'' -l email -x -d 'Send to this address through the e-mail provider'
complete -c ctl -n '__ctl_within \'analytics report weekly\'' -l from -x -d 'Start of the period (date, time or duration)'
complete -c ctl -n '__ctl_within \'analytics report weekly\'' -l to -x -d 'End of the period, excluded'
complete -c ctl -n '__ctl_within \'analytics report weekly\'' -s o -l output -x -a 'table json csv tsv md html' -d 'table, json, csv, tsv, md or html (e-mail: html by default)'
complete -c ctl -n '__ctl_within \'analytics report weekly\'' -l out -r -F -d 'Write to FILE (complete or not at all) instead of stdout'
complete -c ctl -n '__ctl_within \'analytics report weekly\'' -l email -x -d 'Send to this address through the e-mail provider'
complete -c ctl -n '__ctl_within \'analytics report monthly\'' -l from -x -d 'Start of the period (date, time or duration)'
complete -c ctl -n '__ctl_within \'analytics report monthly\'' -l to -x -d 'End of the period, excluded'
complete -c ctl -n '__ctl_within \'analytics report monthly\'' -s o -l output -x -a 'table json csv tsv md html' -d 'table, json, csv, tsv, md or html (e-mail: html by default)'
complete -c ctl -n '__ctl_within \'analytics report monthly\'' -l out -r -F -d 'Write to FILE (complete or not at all) instead of stdout'
complete -c ctl -n '__ctl_within \'analytics report monthly\'' -l email -x -d 'Send to this address through the e-mail provider'
complete -c ctl -n '__ctl_within \'admins add\'' -l role -x -a 'viewer support billing admin owner ci' -d 'Group: viewer, support, billing, admin, owner, ci'
complete -c ctl -n '__ctl_within \'admins add\'' -l password-file -r -F -d 'File whose first line is the password'
complete -c ctl -n '__ctl_within \'audit list\'' -l actor -x -d 'Database role that made the change'
complete -c ctl -n '__ctl_within \'audit list\'' -l action -x -d 'insert, update, delete, role.add, role.change, role.remove, ...'
complete -c ctl -n '__ctl_within \'audit list\'' -l entity -x -d 'TYPE or TYPE:ID, e.g. users:42'
complete -c ctl -n '__ctl_within \'audit list\'' -l since -x -d 'At or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'audit list\'' -l until -x -d 'Before (date, time or 30d)'
complete -c ctl -n '__ctl_within \'audit list\'' -l reason-contains -x -d 'Fragment of the --reason given'
complete -c ctl -n '__ctl_within \'audit list\'' -l limit -x -d 'Rows per page (0: all)'
complete -c ctl -n '__ctl_within \'audit list\'' -l after -x -d 'Cursor of the next page (printed on stderr)'
complete -c ctl -n '__ctl_within \'audit export\'' -l actor -x -d 'Database role that made the change'
complete -c ctl -n '__ctl_within \'audit export\'' -l action -x -d 'insert, update, delete, role.add, role.change, role.remove, ...'
complete -c ctl -n '__ctl_within \'audit export\'' -l entity -x -d 'TYPE or TYPE:ID, e.g. users:42'
complete -c ctl -n '__ctl_within \'audit export\'' -l since -x -d 'At or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'audit export\'' -l until -x -d 'Before (date, time or 30d)'
complete -c ctl -n '__ctl_within \'audit export\'' -l reason-contains -x -d 'Fragment of the --reason given'

# Arguments.
complete -c ctl -n '__ctl_is \'users bulk\'' -a 'suspend ban unban activate note export email' -d 'suspend, ban, unban, activate, note, export or email'
complete -c ctl -n '__ctl_is \'users credits\'' -a 'add remove' -d 'add or remove'
complete -c ctl -n '__ctl_is \'users trial\'' -a 'extend' -d 'extend'
complete -c ctl -n '__ctl_is \'users plan\'' -a 'set' -d 'set'
complete -c ctl -n '__ctl_is \'users plan\'' -a 'free matt pro enterprise' -d 'free, matt, pro or enterprise'
complete -c ctl -n '__ctl_is \'users quota\'' -a 'set' -d 'set'
complete -c ctl -n '__ctl_is \'devin set-status\'' -a 'succeeded failed' -d 'succeeded or failed'
complete -c ctl -n '__ctl_is \'popia consent\'' -a 'grant withdraw' -d 'grant or withdraw (none: show the history)'
complete -c ctl -n '__ctl_is \'admins role\'' -a 'viewer support billing admin owner ci' -d 'viewer, support, billing, admin, owner, ci'
complete -c ctl -n '__ctl_is \'completion\'' -a 'bash zsh fish' -d 'The shell'
complete -c ctl -n '__ctl_is \'help\'' -a 'exit-codes formatting environment config version db users payments agents devin popia email alerts activity flags analytics health admins audit completion help' -d 'A help topic, or a command (users list)'
