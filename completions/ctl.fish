# fish completion for ctl.
# Generated from ctl's command tree by scripts/gen-docs.sh (or: ctl completion fish); do not edit.
# Install: copy it to ~/.config/fish/completions/ctl.fish or to
# /usr/share/fish/vendor_completions.d/ctl.fish.

# The commands below a command path ("" is ctl itself), one per line.
function __ctl_subcommands --argument-names cmd_path
    switch "$cmd_path"
        case ''
            printf '%s\n' version db users health admins audit flags completion help
        case 'db'
            printf '%s\n' migrate status seed local
        case 'db local'
            printf '%s\n' up down status
        case 'users'
            printf '%s\n' list search show export bulk ban unban suspend activate edit delete note notes impersonate impersonations activity logins reset-password credits trial plan quota
        case 'admins'
            printf '%s\n' list add role remove me
        case 'audit'
            printf '%s\n' list show export verify
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
        case 'users bulk|--ids-from' 'users bulk *|--ids-from' 'users bulk|--search' 'users bulk *|--search' 'users bulk|--status' 'users bulk *|--status' 'users bulk|--plan' 'users bulk *|--plan' 'users bulk|--joined-after' 'users bulk *|--joined-after' 'users bulk|--joined-before' 'users bulk *|--joined-before' 'users bulk|--active-since' 'users bulk *|--active-since' 'users bulk|--inactive-for' 'users bulk *|--inactive-for' 'users bulk|--min-agents' 'users bulk *|--min-agents' 'users bulk|--segment' 'users bulk *|--segment' 'users bulk|--text' 'users bulk *|--text' 'users bulk|--out' 'users bulk *|--out' 'users bulk|--batch-size' 'users bulk *|--batch-size'
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
        case 'admins add|--role' 'admins add *|--role' 'admins add|--password-file' 'admins add *|--password-file'
            return 0
        case 'audit list|--actor' 'audit list *|--actor' 'audit list|--action' 'audit list *|--action' 'audit list|--entity' 'audit list *|--entity' 'audit list|--since' 'audit list *|--since' 'audit list|--until' 'audit list *|--until' 'audit list|--reason-contains' 'audit list *|--reason-contains' 'audit list|--limit' 'audit list *|--limit' 'audit list|--after' 'audit list *|--after'
            return 0
        case 'audit export|--actor' 'audit export *|--actor' 'audit export|--action' 'audit export *|--action' 'audit export|--entity' 'audit export *|--entity' 'audit export|--since' 'audit export *|--since' 'audit export|--until' 'audit export *|--until' 'audit export|--reason-contains' 'audit export *|--reason-contains'
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
complete -c ctl -n '__ctl_is \'\'' -a 'health' -d 'Check the database and the schema (exit 10 on problems)'
complete -c ctl -n '__ctl_is \'\'' -a 'admins' -d 'Operators (database login roles) and their roles'
complete -c ctl -n '__ctl_is \'\'' -a 'audit' -d 'The tamper-evident audit trail'
complete -c ctl -n '__ctl_is \'\'' -a 'flags' -d 'Feature flags, maintenance mode, operational switches and settings'
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
complete -c ctl -n '__ctl_is \'users\'' -a 'bulk' -d 'Apply suspend, ban, unban, activate, note or export to many users'
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
complete -c ctl -n '__ctl_is \'admins\'' -a 'list' -d 'Operators and their roles'
complete -c ctl -n '__ctl_is \'admins\'' -a 'add' -d 'Create an operator (password from stdin or --password-file)'
complete -c ctl -n '__ctl_is \'admins\'' -a 'role' -d 'Move an operator to another role'
complete -c ctl -n '__ctl_is \'admins\'' -a 'remove' -d 'Remove an operator\'s login role'
complete -c ctl -n '__ctl_is \'admins\'' -a 'me' -d 'Who you are connected as, and your groups'
complete -c ctl -n '__ctl_is \'audit\'' -a 'list' -d 'Audit entries, newest first'
complete -c ctl -n '__ctl_is \'audit\'' -a 'show' -d 'One audit entry with its before/after values and hashes'
complete -c ctl -n '__ctl_is \'audit\'' -a 'export' -d 'Stream entries oldest first (owners only)'
complete -c ctl -n '__ctl_is \'audit\'' -a 'verify' -d 'Walk the hash chain (exit 10 naming the first broken entry)'
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
complete -c ctl -n '__ctl_within \'db seed\'' -l users -x -d 'Number of users'
complete -c ctl -n '__ctl_within \'db seed\'' -l seed -x -d 'Random seed (same seed, same day: same data)'
complete -c ctl -n '__ctl_within \'db seed\'' -l months -x -d 'Months of history'
complete -c ctl -n '__ctl_within \'db seed\'' -l reset -d 'Empty the platform tables first (destructive)'
complete -c ctl -n '__ctl_within \'users list\'' -l search -x -d 'Fragment of e-mail, name or company'
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
complete -c ctl -n '__ctl_within \'users search\'' -l search -x -d 'Fragment of e-mail, name or company'
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
complete -c ctl -n '__ctl_within \'users export\'' -l search -x -d 'Fragment of e-mail, name or company'
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
complete -c ctl -n '__ctl_within \'users bulk\'' -l search -x -d 'Fragment of e-mail, name or company'
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

# Arguments.
complete -c ctl -n '__ctl_is \'users bulk\'' -a 'suspend ban unban activate note export' -d 'suspend, ban, unban, activate, note or export'
complete -c ctl -n '__ctl_is \'users credits\'' -a 'add remove' -d 'add or remove'
complete -c ctl -n '__ctl_is \'users trial\'' -a 'extend' -d 'extend'
complete -c ctl -n '__ctl_is \'users plan\'' -a 'set' -d 'set'
complete -c ctl -n '__ctl_is \'users plan\'' -a 'free matt pro enterprise' -d 'free, matt, pro or enterprise'
complete -c ctl -n '__ctl_is \'users quota\'' -a 'set' -d 'set'
complete -c ctl -n '__ctl_is \'admins role\'' -a 'viewer support billing admin owner ci' -d 'viewer, support, billing, admin, owner, ci'
complete -c ctl -n '__ctl_is \'completion\'' -a 'bash zsh fish' -d 'The shell'
complete -c ctl -n '__ctl_is \'help\'' -a 'exit-codes formatting environment config version db users health admins audit flags completion help' -d 'A help topic, or a command (users list)'
