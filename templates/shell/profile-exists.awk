# Does the profile named by ENVIRON["__SSOKIT_WANT"] exist? Reads the config file(s) after the
# operand kind=config and the credentials file after kind=credentials; exits 0 when it finds the
# profile, 1 when it is sure there is none, 2 when a header is beyond this reader (ssokit decides).
# Headers as botocore reads them: [default], [profile default], [profile NAME] with NAME bare or
# in one pair of quotes; credentials-file sections are names verbatim. No single quotes and no
# doubled backslashes here: the text is embedded in shell single quotes for bash, zsh and fish.
BEGIN { want = ENVIRON["__SSOKIT_WANT"] ""; verdict = 1 }
FNR == 1 { sub(/^\357\273\277/, "") }
{ line = $0; sub(/\r$/, "", line) }
line ~ /^[ \t]+\[/ { verdict = 2; next }
line !~ /^\[/ { next }
{
    h = substr(line, 2); close_at = 0
    for (i = length(h); i > 0; i--) if (substr(h, i, 1) == "]") { close_at = i; break }
    if (close_at == 0) next
    h = substr(h, 1, close_at - 1) ""
    if (kind == "credentials") { if (h != "DEFAULT" && h == want) { verdict = 0; exit } ; next }
    if (h == "default") name = "default"
    else if (substr(h, 1, 7) == "profile") {
        rest = substr(h, 8)
        if (rest !~ /^[ \t]/) { if (rest != "" && substr(rest, 1, 1) == "s") verdict = 2; next }
        sub(/^[ \t]+/, "", rest); sub(/[ \t]+$/, "", rest)
        if (rest ~ /^\047[^\047]*\047$/ || rest ~ /^"[^"\\]*"$/) name = substr(rest, 2, length(rest) - 2)
        else if (rest ~ /^[^ \t\047"\\]+$/) name = rest
        else { verdict = 2; next }
    } else next
    if (name "" == want) { verdict = 0; exit }
}
END { exit verdict }
