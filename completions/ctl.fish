# fish completion for ctl.
# Generated from ctl's command tree by scripts/gen-docs.sh (or: ctl completion fish); do not edit.
# Install: copy it to ~/.config/fish/completions/ctl.fish or to
# /usr/share/fish/vendor_completions.d/ctl.fish.

# The commands below a command path ("" is ctl itself), one per line.
function __ctl_subcommands --argument-names cmd_path
    switch "$cmd_path"
        case ''
            printf '%s\n' version db users health admins audit completion help
        case 'db'
            printf '%s\n' migrate status seed local
        case 'db local'
            printf '%s\n' up down status
        case 'users'
            printf '%s\n' list show
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
        case 'users list|--search' 'users list *|--search' 'users list|--status' 'users list *|--status' 'users list|--plan' 'users list *|--plan' 'users list|--joined-after' 'users list *|--joined-after' 'users list|--joined-before' 'users list *|--joined-before' 'users list|--sort' 'users list *|--sort' 'users list|--limit' 'users list *|--limit' 'users list|--after' 'users list *|--after'
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
complete -c ctl -n '__ctl_is \'\'' -a 'health' -d 'Check the database and the schema (exit 10 on problems)'
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
complete -c ctl -n '__ctl_is \'users\'' -a 'show' -d 'Everything about one user'
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
complete -c ctl -l timeout -x -d 'Seconds before a database statement is cancelled'
complete -c ctl -n '__ctl_within \'db seed\'' -l users -x -d 'Number of users'
complete -c ctl -n '__ctl_within \'db seed\'' -l seed -x -d 'Random seed (same seed, same day: same data)'
complete -c ctl -n '__ctl_within \'db seed\'' -l months -x -d 'Months of history'
complete -c ctl -n '__ctl_within \'db seed\'' -l reset -d 'Empty the platform tables first (destructive)'
complete -c ctl -n '__ctl_within \'users list\'' -l search -x -d 'Fragment of e-mail, name or company'
complete -c ctl -n '__ctl_within \'users list\'' -l status -x -a 'active suspended banned deleted' -d 'Only this status'
complete -c ctl -n '__ctl_within \'users list\'' -l plan -x -a 'free matt pro enterprise' -d 'Only this plan'
complete -c ctl -n '__ctl_within \'users list\'' -l joined-after -x -d 'Signed up at or after (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users list\'' -l joined-before -x -d 'Signed up before (date, time or 30d)'
complete -c ctl -n '__ctl_within \'users list\'' -l sort -x -a 'created_at -created_at email -email name -name last_login_at -last_login_at id -id' -d 'Sort field, - for descending'
complete -c ctl -n '__ctl_within \'users list\'' -l limit -x -d 'Rows per page (0: all)'
complete -c ctl -n '__ctl_within \'users list\'' -l after -x -d 'Cursor of the next page (printed on stderr)'
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
complete -c ctl -n '__ctl_is \'admins role\'' -a 'viewer support billing admin owner ci' -d 'viewer, support, billing, admin, owner, ci'
complete -c ctl -n '__ctl_is \'completion\'' -a 'bash zsh fish' -d 'The shell'
complete -c ctl -n '__ctl_is \'help\'' -a 'exit-codes formatting environment config version db users health admins audit completion help' -d 'A help topic, or a command (users list)'
