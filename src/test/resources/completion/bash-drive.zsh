# zsh -f bash-drive.zsh: runs an interactive bash (readline, no rc files) in a pseudo-terminal
# (zsh/zpty) and, for each line of $__T_CASES, types it, presses TAB, records the line readline
# then holds (^X), and clears it (^A ^K). Readline is already in raw mode when the prompt shows, so
# the keys are typed only after it. Prints the record ($__T_OUT) when done.
zmodload zsh/zpty || exit 3
: ${__T_OUT:?} ${__T_CASES:?} ${__T_SCRIPT:?} ${__T_SETUP:?}
rm -f -- "$__T_OUT"
: >"$__T_OUT"
zpty b bash --noprofile --norc -i
zpty -w b "source ${(q)__T_SETUP}"
zpty -r b screen '*<P>*'
integer n=0 waited
local -a lines recorded
local chunk
for line in "${(@f)$(<$__T_CASES)}"; do
  (( n++ ))
  print -r -- "C:$line" >> "$__T_OUT"
  zpty -w -n b "$line"$'\t\x18\x01\x0b'
  waited=0
  while (( waited++ < 500 )); do
    # keep reading what bash writes to the terminal, or it blocks once the terminal's buffer is full
    while zpty -r -t b chunk; do :; done
    lines=("${(@f)$(<$__T_OUT)}")
    recorded=(${(M)lines:#B:*})
    (( $#recorded >= n )) && break
    sleep 0.01
  done
done
zpty -d b
cat -- "$__T_OUT"
