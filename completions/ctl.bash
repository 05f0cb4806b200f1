# bash completion for ctl                                      -*- shell-script -*-
# Generated from ctl's command tree by scripts/gen-docs.sh (or: ctl completion bash); do not edit.
# Install: source it from ~/.bashrc, or copy it to
# /usr/share/bash-completion/completions/ctl.

# The commands below a command path ("" is ctl itself).
_ctl_subcommands() {
    case $1 in
        '') _ctl_words='version db users health admins audit flags completion help' ;;
        'db') _ctl_words='migrate status seed local' ;;
        'db local') _ctl_words='up down status' ;;
        'users') _ctl_words='list search show export bulk ban unban suspend activate edit delete note notes impersonate impersonations activity logins reset-password credits trial plan quota' ;;
        'admins') _ctl_words='list add role remove me' ;;
        'audit') _ctl_words='list show export verify' ;;
        'flags') _ctl_words='list get set enable disable rollout target variants delete history eval export import maintenance signups waitlist settings' ;;
        'flags maintenance') _ctl_words='on off status' ;;
        'flags signups') _ctl_words='on off' ;;
        'flags waitlist') _ctl_words='on off' ;;
        'flags settings') _ctl_words='list get set unset' ;;
        *) _ctl_words='' ;;
    esac
}

# The options accepted at a command path: its own and those of the commands above it.
_ctl_options() {
    _ctl_words='-h --help'
    _ctl_words+=' --version --db --profile -o --output --fields --no-color -y --yes --dry-run --reason -q --quiet -v --verbose --timeout'
    case $1 in 'db seed'|'db seed '*) _ctl_words+=' --users --seed --months --reset' ;; esac
    case $1 in 'users list'|'users list '*) _ctl_words+=' --search --status --plan --joined-after --joined-before --active-since --inactive-for --min-agents --has-failed-payment --segment --sort --limit --after' ;; esac
    case $1 in 'users search'|'users search '*) _ctl_words+=' --search --status --plan --joined-after --joined-before --active-since --inactive-for --min-agents --has-failed-payment --segment --limit' ;; esac
    case $1 in 'users export'|'users export '*) _ctl_words+=' --search --status --plan --joined-after --joined-before --active-since --inactive-for --min-agents --has-failed-payment --segment --out' ;; esac
    case $1 in 'users bulk'|'users bulk '*) _ctl_words+=' --ids-from --where --search --status --plan --joined-after --joined-before --active-since --inactive-for --min-agents --has-failed-payment --segment --text --out --batch-size' ;; esac
    case $1 in 'users edit'|'users edit '*) _ctl_words+=' --name --email --company --phone' ;; esac
    case $1 in 'users delete'|'users delete '*) _ctl_words+=' --hard' ;; esac
    case $1 in 'users impersonate'|'users impersonate '*) _ctl_words+=' --ttl --revoke' ;; esac
    case $1 in 'users impersonations'|'users impersonations '*) _ctl_words+=' --limit' ;; esac
    case $1 in 'users activity'|'users activity '*) _ctl_words+=' --type --since --limit' ;; esac
    case $1 in 'users logins'|'users logins '*) _ctl_words+=' --limit' ;; esac
    case $1 in 'admins add'|'admins add '*) _ctl_words+=' --role --password-file' ;; esac
    case $1 in 'audit list'|'audit list '*) _ctl_words+=' --actor --action --entity --since --until --reason-contains --limit --after' ;; esac
    case $1 in 'audit export'|'audit export '*) _ctl_words+=' --actor --action --entity --since --until --reason-contains' ;; esac
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
}

# Succeeds when option $2 takes a value at command path $1.
_ctl_takes_value() {
    case "$1|$2" in
        *'|--db'|*'|--profile'|*'|-o'|*'|--output'|*'|--fields'|*'|--reason'|*'|--timeout') return 0 ;;
        'db seed|--users'|'db seed '*'|--users'|'db seed|--seed'|'db seed '*'|--seed'|'db seed|--months'|'db seed '*'|--months') return 0 ;;
        'users list|--search'|'users list '*'|--search'|'users list|--status'|'users list '*'|--status'|'users list|--plan'|'users list '*'|--plan'|'users list|--joined-after'|'users list '*'|--joined-after'|'users list|--joined-before'|'users list '*'|--joined-before'|'users list|--active-since'|'users list '*'|--active-since'|'users list|--inactive-for'|'users list '*'|--inactive-for'|'users list|--min-agents'|'users list '*'|--min-agents'|'users list|--segment'|'users list '*'|--segment'|'users list|--sort'|'users list '*'|--sort'|'users list|--limit'|'users list '*'|--limit'|'users list|--after'|'users list '*'|--after') return 0 ;;
        'users search|--search'|'users search '*'|--search'|'users search|--status'|'users search '*'|--status'|'users search|--plan'|'users search '*'|--plan'|'users search|--joined-after'|'users search '*'|--joined-after'|'users search|--joined-before'|'users search '*'|--joined-before'|'users search|--active-since'|'users search '*'|--active-since'|'users search|--inactive-for'|'users search '*'|--inactive-for'|'users search|--min-agents'|'users search '*'|--min-agents'|'users search|--segment'|'users search '*'|--segment'|'users search|--limit'|'users search '*'|--limit') return 0 ;;
        'users export|--search'|'users export '*'|--search'|'users export|--status'|'users export '*'|--status'|'users export|--plan'|'users export '*'|--plan'|'users export|--joined-after'|'users export '*'|--joined-after'|'users export|--joined-before'|'users export '*'|--joined-before'|'users export|--active-since'|'users export '*'|--active-since'|'users export|--inactive-for'|'users export '*'|--inactive-for'|'users export|--min-agents'|'users export '*'|--min-agents'|'users export|--segment'|'users export '*'|--segment'|'users export|--out'|'users export '*'|--out') return 0 ;;
        'users bulk|--ids-from'|'users bulk '*'|--ids-from'|'users bulk|--search'|'users bulk '*'|--search'|'users bulk|--status'|'users bulk '*'|--status'|'users bulk|--plan'|'users bulk '*'|--plan'|'users bulk|--joined-after'|'users bulk '*'|--joined-after'|'users bulk|--joined-before'|'users bulk '*'|--joined-before'|'users bulk|--active-since'|'users bulk '*'|--active-since'|'users bulk|--inactive-for'|'users bulk '*'|--inactive-for'|'users bulk|--min-agents'|'users bulk '*'|--min-agents'|'users bulk|--segment'|'users bulk '*'|--segment'|'users bulk|--text'|'users bulk '*'|--text'|'users bulk|--out'|'users bulk '*'|--out'|'users bulk|--batch-size'|'users bulk '*'|--batch-size') return 0 ;;
        'users edit|--name'|'users edit '*'|--name'|'users edit|--email'|'users edit '*'|--email'|'users edit|--company'|'users edit '*'|--company'|'users edit|--phone'|'users edit '*'|--phone') return 0 ;;
        'users impersonate|--ttl'|'users impersonate '*'|--ttl'|'users impersonate|--revoke'|'users impersonate '*'|--revoke') return 0 ;;
        'users impersonations|--limit'|'users impersonations '*'|--limit') return 0 ;;
        'users activity|--type'|'users activity '*'|--type'|'users activity|--since'|'users activity '*'|--since'|'users activity|--limit'|'users activity '*'|--limit') return 0 ;;
        'users logins|--limit'|'users logins '*'|--limit') return 0 ;;
        'admins add|--role'|'admins add '*'|--role'|'admins add|--password-file'|'admins add '*'|--password-file') return 0 ;;
        'audit list|--actor'|'audit list '*'|--actor'|'audit list|--action'|'audit list '*'|--action'|'audit list|--entity'|'audit list '*'|--entity'|'audit list|--since'|'audit list '*'|--since'|'audit list|--until'|'audit list '*'|--until'|'audit list|--reason-contains'|'audit list '*'|--reason-contains'|'audit list|--limit'|'audit list '*'|--limit'|'audit list|--after'|'audit list '*'|--after') return 0 ;;
        'audit export|--actor'|'audit export '*'|--actor'|'audit export|--action'|'audit export '*'|--action'|'audit export|--entity'|'audit export '*'|--entity'|'audit export|--since'|'audit export '*'|--since'|'audit export|--until'|'audit export '*'|--until'|'audit export|--reason-contains'|'audit export '*'|--reason-contains') return 0 ;;
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
    esac
    return 1
}

# The values of option $2 (or of positional "#N") at command path $1, for the prefix $3:
# words in _ctl_words, or _ctl_files=1 for file names.
_ctl_values() {
    _ctl_words=''
    _ctl_files=''
    case "$1|$2" in
        'help|#'*) _ctl_words='exit-codes formatting environment config version db users health admins audit flags completion help' ;;
        'completion|#1') _ctl_words='bash zsh fish' ;;
        'flags settings set|--category'|'flags settings set '*'|--category') _ctl_words='general pricing email integrations branding retention limits' ;;
        'flags settings list|--category'|'flags settings list '*'|--category') _ctl_words='general pricing email integrations branding retention limits' ;;
        'flags export|--format'|'flags export '*'|--format') _ctl_words='unleash json' ;;
        'flags export|--out'|'flags export '*'|--out') _ctl_files=1 ;;
        'flags set|--type'|'flags set '*'|--type') _ctl_words='release experiment operational kill-switch permission' ;;
        'flags list|--type'|'flags list '*'|--type') _ctl_words='release experiment operational kill-switch permission' ;;
        'admins role|#2') _ctl_words='viewer support billing admin owner ci' ;;
        'admins add|--role'|'admins add '*'|--role') _ctl_words='viewer support billing admin owner ci' ;;
        'admins add|--password-file'|'admins add '*'|--password-file') _ctl_files=1 ;;
        'users quota|#2') _ctl_words='set' ;;
        'users plan|#2') _ctl_words='set' ;;
        'users plan|#3') _ctl_words='free matt pro enterprise' ;;
        'users trial|#2') _ctl_words='extend' ;;
        'users credits|#2') _ctl_words='add remove' ;;
        'users bulk|#1') _ctl_words='suspend ban unban activate note export' ;;
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
