# Sourced by the interactive bash that bash-drive.zsh runs in a pseudo-terminal: the script under
# test, and ^X bound to record the line readline holds.
source "$__T_SCRIPT"
# no history file: bash would write it into the test's HOME while it exits after zpty -d, racing
# the deletion of the temporary directory
unset HISTFILE
bind 'set bell-style none'
__t_record() { printf 'B:%s\n' "$READLINE_LINE" >>"$__T_OUT"; }
bind -x '"\C-x": __t_record'
PS1='<P>'
