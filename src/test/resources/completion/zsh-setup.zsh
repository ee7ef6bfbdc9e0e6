# Sourced by the interactive zsh that zsh-drive.zsh runs in a pseudo-terminal: compinit, the script
# under test, a compadd that also records each match, and a widget (^T) that completes every case
# in turn and records the line after TAB.
PS1='' PROMPT='' RPROMPT=''
unsetopt auto_menu
autoload -Uz compinit && compinit -u -d "$__T_DUMP"
source "$__T_SCRIPT"
compadd() {
  if [[ ${(j: :)@} == *(-O|-A|-D)* ]]; then
    builtin compadd "$@"
    return
  fi
  local -a __t_matches
  builtin compadd -O __t_matches "$@"
  (( $#__t_matches )) && print -rl -- ${(@)__t_matches/#/M:} >> "$__T_OUT"
  builtin compadd "$@"
}
__t_cases=("${(@f)$(<$__T_CASES)}")
integer __t_i=0
__t_next() {
  (( __t_i++ ))
  print -r -- "C:$__t_cases[__t_i]" >> "$__T_OUT"
  BUFFER=$__t_cases[__t_i]
  CURSOR=$#BUFFER
  zle complete-word
  print -r -- "B:$BUFFER" >> "$__T_OUT"
  if (( __t_i < $#__t_cases )); then
    zle -U $'\x14'
  else
    print -r -- END >> "$__T_OUT"
  fi
}
zle -N __t_next
bindkey '^T' __t_next
