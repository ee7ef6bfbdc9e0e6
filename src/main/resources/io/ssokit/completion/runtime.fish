# A file awk can read for variable $argv[1] (default $argv[2]): ~ expanded as the AWS CLI does,
# /dev/null when missing, never an operand awk would take for an assignment or for stdin.
function __ssokit_path --argument-names value default
    set -l f $value
    test -n "$f"; or set f $default
    switch $f
        case '~'
            set f $HOME
        case '~/*'
            set f $HOME/(string sub -s 3 -- $f)
    end
    test -f "$f" -a -r "$f"; or set f /dev/null
    string match -q -- '/*' $f; or set f ./$f
    echo $f
end

function __ssokit_index
    __ssokit_path "$SSOKIT_CANDIDATE_INDEX" $HOME/.aws/sso/ssokit-candidates.tsv
end

function __ssokit_profiles
    __ssokit_awk p k=c (__ssokit_path "$AWS_CONFIG_FILE" $HOME/.aws/config) \
        k=k (__ssokit_path "$AWS_SHARED_CREDENTIALS_FILE" $HOME/.aws/credentials) 2>/dev/null
end

function __ssokit_sessions
    __ssokit_awk s k=c (__ssokit_path "$AWS_CONFIG_FILE" $HOME/.aws/config) 2>/dev/null
end

function __ssokit_urls
    __ssokit_awk u k=c (__ssokit_path "$AWS_CONFIG_FILE" $HOME/.aws/config) k=i (__ssokit_index) 2>/dev/null
end

# Account ids, each with its name as the description; those of the instance on the line, if any.
function __ssokit_accounts
    __ssokit_state
    set -lx SSOKIT_COMPLETE_URL $__ssokit_url
    __ssokit_awk a k=i (__ssokit_index) 2>/dev/null
end

# Role names: only those of the account on the line when there is one.
function __ssokit_roles
    __ssokit_state
    set -lx SSOKIT_COMPLETE_ACCOUNT $__ssokit_acct
    set -lx SSOKIT_COMPLETE_URL $__ssokit_url
    __ssokit_awk r k=i (__ssokit_index) 2>/dev/null
end

function __ssokit_remember --argument-names kind value
    switch $kind
        case account
            set -g __ssokit_acct $value
        case url
            set -g __ssokit_url $value
    end
end

# Where the line stands: the command (__ssokit_id), how many positional words it has
# (__ssokit_npos), whether an option value is due (__ssokit_expect), where a command to run starts
# (__ssokit_child), and the account and start URL typed. Computed once per line: fish evaluates a
# condition for every registered completion.
function __ssokit_state
    set -l line (commandline -pc)
    if set -q __ssokit_line; and test "$line" = "$__ssokit_line"
        return 0
    end
    set -g __ssokit_line "$line"
    set -l tokens (commandline -opc)
    set -l id ssokit
    set -l npos 0
    set -l expect
    set -l dd 0
    set -l i 1
    set -g __ssokit_acct
    set -g __ssokit_url
    set -g __ssokit_child 0
    for t in $tokens[2..-1]
        set i (math $i + 1)
        if test -n "$expect"
            __ssokit_remember $expect $t
            set expect
        else if test $dd -eq 0; and string match -q -- '-?*' $t
            if test "$t" = --
                set dd 1
            else if string match -q -- '--*=*' $t
                set -l kv (string split -m 1 = -- $t)
                __ssokit_value $id $kv[1]; and __ssokit_remember $__ssokit_r $kv[2]
            else if __ssokit_value $id $t
                set expect $__ssokit_r
            end
        else if test $npos -eq 0; and __ssokit_sub $id $t
            set id $__ssokit_r
        else if __ssokit_positional $id $npos
            if test $__ssokit_r = command
                set -g __ssokit_child $i
                break
            end
            set npos (math $npos + 1)
        else
            # a word this command does not take (a mistyped subcommand): no condition matches
            set id -
            break
        end
    end
    set -g __ssokit_id $id
    set -g __ssokit_npos $npos
    set -g __ssokit_expect $expect
end

# The condition of every completion: the line is in command $argv[1] and, when $argv[2] is given,
# the word being completed is its positional word number $argv[2] (from 0; "N+" for N or later).
function __ssokit_at --argument-names id pos
    __ssokit_state
    test "$__ssokit_id" = "$id" -a "$__ssokit_child" -eq 0; or return 1
    test -n "$pos"; or return 0
    test -z "$__ssokit_expect"; or return 1
    if string match -q -- '*+' $pos
        test $__ssokit_npos -ge (string replace -- + '' $pos)
    else
        test $__ssokit_npos -eq $pos
    end
end

# After the command that run-as or exec runs: complete that command's own arguments.
function __ssokit_in_child
    __ssokit_state
    test "$__ssokit_child" -gt 0
end

function __ssokit_child_complete
    set -l tokens (commandline -opc)
    __fish_complete_subcommand --commandline $tokens[$__ssokit_child..-1] (commandline -ct)
end
