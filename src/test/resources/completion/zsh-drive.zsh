# zsh -f zsh-drive.zsh: runs an interactive zsh in a pseudo-terminal (zsh/zpty), sources
# zsh-setup.zsh there and presses ^T once; the cases run inside zle, one after the other, so no key
# ever arrives while the terminal is still in cooked mode. Prints the record ($__T_OUT) when done.
zmodload zsh/zpty || exit 3
: ${__T_OUT:?} ${__T_CASES:?} ${__T_SCRIPT:?} ${__T_DUMP:?} ${__T_SETUP:?}
rm -f -- "$__T_OUT"
zpty t zsh -f -i
zpty -w t "source ${(q)__T_SETUP}"
zpty -w -n t $'\x14'
integer waited=0
while (( waited++ < 400 )); do
  [[ -f $__T_OUT && $(<$__T_OUT) == *$'\n'END ]] && break
  sleep 0.05
done
zpty -r -t t screen
zpty -d t
if [[ ! -f $__T_OUT || $(<$__T_OUT) != *$'\n'END ]]; then
  print -r -- "timed out; the terminal showed: ${(q+)screen}" >&2
  exit 1
fi
cat -- "$__T_OUT"
