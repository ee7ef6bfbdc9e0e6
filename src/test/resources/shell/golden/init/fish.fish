# ssokit shell integration for fish (3.1 or newer), from ssokit 0.1.0.
#
# Load it from ~/.config/fish/config.fish:
#   ssokit shell init fish | source
# or, so that no Java starts when a shell starts, cache it in a file (regenerate it after
# upgrading ssokit) and source that:
#   ssokit shell init fish > ~/.config/fish/conf.d/ssokit.fish
#
# It defines `ssokit`, a function that changes this shell for `ssokit use ...` and
# `ssokit clear` and runs the ssokit program for everything else; `ssokit_prompt`; and helpers named __ssokit_*. Sourcing it starts nothing.
# Variables are set with `set -gx`: global to this fish session, exported to its commands.

function ssokit --description 'AWS IAM Identity Center from the shell (see: ssokit --help)'
    switch "$argv[1]"
        case use
            __ssokit_use $argv[2..-1]
        case clear
            __ssokit_clear $argv[2..-1]
        case '*'
            command ssokit $argv
    end
end

function __ssokit_use_help
    printf '%s\n' \
        'usage: ssokit use PROFILE                 set AWS_PROFILE (the profile must exist), drop exported credentials' \
        '       ssokit use --env PROFILE [OPTION...]  export the profile\'s credentials (see: ssokit env --help)' \
        '       ssokit use --account-id ID --role-name NAME [OPTION...]  export a role\'s credentials' \
        '       ssokit use -                        go back to the previous profile' \
        '       ssokit use                          choose a profile from a list' \
        '       ssokit clear                        remove everything use and env set'
end

function __ssokit_use
    switch "$argv[1]"
        case -h --help
            __ssokit_use_help
        case -
            if test (count $argv) -ne 1
                printf 'ssokit: use - takes no other argument\n' >&2
                return 2
            end
            __ssokit_back
        case --
            if test (count $argv) -ne 2
                printf 'ssokit: use -- takes one profile name\n' >&2
                return 2
            end
            __ssokit_switch profile $argv[2]
        case --env
            if test (count $argv) -lt 2
                printf 'ssokit: use --env needs a profile name\n' >&2
                return 2
            end
            __ssokit_switch env --profile $argv[2..-1]
        case '-*'
            __ssokit_switch env $argv
        case '*'
            if test (count $argv) -eq 0
                __ssokit_pick
            else if test (count $argv) -ne 1; or test -z "$argv[1]"
                printf 'ssokit: use takes one profile name (ssokit use --help)\n' >&2
                return 2
            else
                __ssokit_switch profile $argv[1]
            end
    end
end

function __ssokit_clear
    if test (count $argv) -ne 0
        printf 'ssokit: clear takes no arguments\n' >&2
        return 2
    end
    __ssokit_switch clear
end

# Applies a state (profile NAME | env ARGS... | clear) and, when that worked, remembers the
# state it replaced for `ssokit use -`.
function __ssokit_switch
    if not set -q __ssokit_cur
        if test -n "$AWS_PROFILE"
            set -g __ssokit_cur profile $AWS_PROFILE
        else
            set -g __ssokit_cur clear
        end
    end
    __ssokit_apply $argv; or return
    set -g __ssokit_prev $__ssokit_cur
    set -g __ssokit_cur $argv
end

function __ssokit_back
    if not set -q __ssokit_prev
        printf 'ssokit: no previous profile to go back to\n' >&2
        return 1
    end
    __ssokit_switch $__ssokit_prev
end

function __ssokit_apply
    switch $argv[1]
        case profile
            if not __ssokit_profile_exists $argv[2]
                command ssokit __check-profile -- $argv[2]; or return
            end
            __ssokit_drop
            set -gx AWS_PROFILE $argv[2]
        case env
            # the output is captured first: on an error it is empty and nothing is sourced
            set -l code (command ssokit env --shell fish $argv[2..-1]); or return
            string join \n -- $code | source
        case clear
            __ssokit_drop
            set -q -g AWS_PROFILE; and set -e -g AWS_PROFILE
    end
    return 0
end

# Removes exported credentials, identity variables, AWS_DEFAULT_PROFILE, and the region while
# it is still the one ssokit exported (SSOKIT_REGION): a region you set yourself stays.
function __ssokit_drop
    for v in 'AWS_REGION' 'AWS_DEFAULT_REGION'
        if set -q SSOKIT_REGION; and set -q $v; and test "$$v" = "$SSOKIT_REGION"
            set -e -g $v
        end
    end
    for v in 'AWS_ACCESS_KEY_ID' 'AWS_SECRET_ACCESS_KEY' 'AWS_SESSION_TOKEN' 'AWS_SECURITY_TOKEN' 'AWS_CREDENTIAL_EXPIRATION' 'AWS_CREDENTIALS_EXPIRATION' 'AWS_SESSION_EXPIRATION' 'AWS_DEFAULT_PROFILE' 'SSOKIT_PROFILE' 'SSOKIT_ACCOUNT_ID' 'SSOKIT_ACCOUNT_NAME' 'SSOKIT_ROLE_NAME' 'SSOKIT_START_URL' 'SSOKIT_SSO_REGION' 'SSOKIT_SSO_SESSION' 'SSOKIT_REGION'
        set -q -g $v; and set -e -g $v
    end
    return 0
end

# 0: the profile is in the config or credentials file; 1: it is not, or the files are beyond
# this quick scan (then ssokit itself decides, with botocore's exact rules).
function __ssokit_profile_exists
    set -l cfg $HOME/.aws/config
    set -q AWS_CONFIG_FILE; and test -n "$AWS_CONFIG_FILE"; and set cfg $AWS_CONFIG_FILE
    set -l cred $HOME/.aws/credentials
    set -q AWS_SHARED_CREDENTIALS_FILE; and test -n "$AWS_SHARED_CREDENTIALS_FILE"; and set cred $AWS_SHARED_CREDENTIALS_FILE
    set -l files
    for f in $cfg $cred
        if test "$f" = "~"
            set f $HOME
        else if string match -q -- '~/*' $f
            set f $HOME/(string sub -s 3 -- $f)
        else if not string match -q -- '/*' $f
            set f ./$f
        end
        test -f "$f"; or set f /dev/null
        set -a files $f
    end
    __SSOKIT_WANT=$argv[1] command awk '# Does the profile named by ENVIRON["__SSOKIT_WANT"] exist? Reads the config file(s) after the
# operand kind=config and the credentials file after kind=credentials; exits 0 when it finds the
# profile, 1 when it is sure there is none, 2 when a header is beyond this reader (ssokit decides).
# Headers as botocore reads them: [default], [profile default], [profile NAME] with NAME bare or
# in one pair of quotes; credentials-file sections are names verbatim. No single quotes and no
# doubled backslashes here: the text is embedded in shell single quotes for bash, zsh and fish.
BEGIN { want = ENVIRON["__SSOKIT_WANT"] ""; verdict = 1 }
FNR == 1 { sub(/^\\357\\273\\277/, "") }
{ line = $0; sub(/\\r$/, "", line) }
line ~ /^[ \\t]+\\[/ { verdict = 2; next }
line !~ /^\\[/ { next }
{
    h = substr(line, 2); close_at = 0
    for (i = length(h); i > 0; i--) if (substr(h, i, 1) == "]") { close_at = i; break }
    if (close_at == 0) next
    h = substr(h, 1, close_at - 1) ""
    if (kind == "credentials") { if (h != "DEFAULT" && h == want) { verdict = 0; exit } ; next }
    if (h == "default") name = "default"
    else if (substr(h, 1, 7) == "profile") {
        rest = substr(h, 8)
        if (rest !~ /^[ \\t]/) { if (rest != "" && substr(rest, 1, 1) == "s") verdict = 2; next }
        sub(/^[ \\t]+/, "", rest); sub(/[ \\t]+$/, "", rest)
        if (rest ~ /^\\047[^\\047]*\\047$/ || rest ~ /^"[^"\\\\]*"$/) name = substr(rest, 2, length(rest) - 2)
        else if (rest ~ /^[^ \\t\\047"\\\\]+$/) name = rest
        else { verdict = 2; next }
    } else next
    if (name "" == want) { verdict = 0; exit }
}
END { exit verdict }
' kind=config $files[1] kind=credentials $files[2] 2>/dev/null
end

function __ssokit_pick
    set -l choice (command ssokit __pick-profile); or return
    test -n "$choice"; or return 0
    __ssokit_switch profile $choice
end

# Prints the active profile, or ACCOUNT/ROLE for exported credentials, and the minutes left
# before AWS_CREDENTIAL_EXPIRATION: "dev", "dev (42m)", "Development/Developer (expired)".
# Nothing when neither is set. Use it in fish_prompt:  echo -n (ssokit_prompt)' '
function ssokit_prompt --description 'the active AWS profile and the minutes its credentials have left'
    set -l name
    if test -n "$AWS_ACCESS_KEY_ID"; and test -n "$SSOKIT_ACCOUNT_ID"
        if test -n "$SSOKIT_PROFILE"
            set name $SSOKIT_PROFILE
        else if test -n "$SSOKIT_ACCOUNT_NAME"
            set name "$SSOKIT_ACCOUNT_NAME/$SSOKIT_ROLE_NAME"
        else
            set name "$SSOKIT_ACCOUNT_ID/$SSOKIT_ROLE_NAME"
        end
    else if test -n "$AWS_PROFILE"
        set name $AWS_PROFILE
    else
        return 0
    end
    set -l left
    if test -n "$AWS_ACCESS_KEY_ID"; and set left (__ssokit_minutes_left)
        if test $left -gt 0
            set name "$name ("$left"m)"
        else
            set name "$name (expired)"
        end
    end
    printf '%s' $name
end

# Whole minutes until AWS_CREDENTIAL_EXPIRATION (YYYY-MM-DDTHH:MM:SS then Z, +00:00 or nothing:
# UTC), by arithmetic; fails when the variable is absent or in another form.
function __ssokit_minutes_left
    set -l e "$AWS_CREDENTIAL_EXPIRATION"
    string match -qr '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}([Zz]|\+00:00)?$' -- $e; or return 1
    # string sub, not math on "08": leading zeros are stripped by string trim
    set -l y (string trim -l -c 0 -- (string sub -s 1 -l 4 -- $e))
    set -l m (string trim -l -c 0 -- (string sub -s 6 -l 2 -- $e))
    set -l d (string trim -l -c 0 -- (string sub -s 9 -l 2 -- $e))
    set -l hh (string trim -l -c 0 -- (string sub -s 12 -l 2 -- $e))
    set -l mm (string trim -l -c 0 -- (string sub -s 15 -l 2 -- $e))
    set -l ss (string trim -l -c 0 -- (string sub -s 18 -l 2 -- $e))
    for v in y m d hh mm ss
        test -n "$$v"; or set $v 0
    end
    test $m -le 2; and set y (math $y - 1)
    # days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil)
    set -l era (math "floor($y / 400)")
    set -l yoe (math "$y - $era * 400")
    set -l mp (math "($m + 9) % 12")
    set -l doy (math "floor((153 * $mp + 2) / 5) + $d - 1")
    set -l doe (math "$yoe * 365 + floor($yoe / 4) - floor($yoe / 100) + $doy")
    set -l days (math "$era * 146097 + $doe - 719468")
    set -l now (command date +%s); or return 1
    math "floor(($days * 86400 + $hh * 3600 + $mm * 60 + $ss - $now) / 60)"
end

# <completions/fish>
