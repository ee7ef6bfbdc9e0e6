# Completion candidates for ssokit, for every shell that has awk (POSIX awk: mawk, gawk, BSD awk).
# Mode m: p = profile names (operands: k=c CONFIG k=k CREDENTIALS), s = sso-session names
# (k=c CONFIG), u = start URLs (k=c CONFIG k=i INDEX), a = account ids and names, r = role names
# (k=i INDEX). Filters come from the environment, never from -v (which would expand backslashes):
# SSOKIT_COMPLETE_PREFIX, SSOKIT_COMPLETE_ACCOUNT (id or name), SSOKIT_COMPLETE_URL.
# SSOKIT_COMPLETE_QUOTE quotes what is printed for bash, so that bash need not loop over 2,000
# names: a backslash before each special character (\), or for the inside of '...' (') or "..." (").
function word2(s,    n, i, c, d, q, w, inw, out, len, ws) {
    # botocore splits a header like shlex.split and takes a name only from exactly two words;
    # without quotes or backslashes that is a split on blanks (awk's default), much faster
    if (s !~ /['"\\]/) { n = split(s, ws, " "); return n == 2 ? ws[2] : "\n" }
    n = 0; w = ""; inw = 0; q = ""; out = ""; len = length(s)
    for (i = 1; i <= len; i++) {
        c = substr(s, i, 1)
        if (q == "'") { if (c == "'") q = ""; else w = w c; continue }
        if (q == "\"") {
            if (c == "\"") { q = ""; continue }
            if (c == "\\") {
                if (i == len) return "\n"
                i++; d = substr(s, i, 1)
                if (d != "\"" && d != "\\") w = w c
                w = w d; continue
            }
            w = w c; continue
        }
        if (c == " " || c == "\t" || c == "\r" || c == "\n") {
            if (inw) { n++; if (n == 2) out = w; w = ""; inw = 0 }
            continue
        }
        inw = 1
        if (c == "'" || c == "\"") { q = c; continue }
        if (c == "\\") { if (i == len) return "\n"; i++; w = w substr(s, i, 1); continue }
        w = w c
    }
    if (q != "") return "\n"
    if (inw) { n++; if (n == 2) out = w }
    return n == 2 ? out : "\n"
}
function quote(v,    out, i, c) {
    if (Q == "" || v !~ /[] \t!"#$&'()*;<>?[\\^`{|}~]/) return v
    out = ""
    for (i = 1; i <= length(v); i++) {
        c = substr(v, i, 1)
        if (Q == SQ) out = out (c == SQ ? SQ "\\" SQ SQ : c)
        else if (Q == "\"") out = out (c ~ /[\\"$`]/ ? "\\" : "") c
        else out = out (c ~ /[] \t!"#$&'()*;<>?[\\^`{|}~]/ ? "\\" : "") c
    }
    return out
}
function emit(v) {
    if (v != "" && v != "\n" && !(v in seen) && substr(v, 1, length(P)) == P) { seen[v] = 1; print quote(v) }
}
BEGIN {
    P = ENVIRON["SSOKIT_COMPLETE_PREFIX"]; A = ENVIRON["SSOKIT_COMPLETE_ACCOUNT"]; U = ENVIRON["SSOKIT_COMPLETE_URL"]
    Q = ENVIRON["SSOKIT_COMPLETE_QUOTE"]; SQ = sprintf("%c", 39)
}
function ini(s,    h, e, rest, j, v) {
    if (m == "u") {
        if (s ~ /^[ \t]*sso_start_url[ \t]*[=:]/) {
            v = s; sub(/^[ \t]*sso_start_url[ \t]*[=:][ \t]*/, "", v); sub(/[ \t]+$/, "", v); emit(v)
        }
        return
    }
    if (s !~ /^[ \t]*\[/) return
    h = s; sub(/^[ \t]*\[/, "", h)
    # configparser: the header is everything up to the last ']' on the line
    e = 0; rest = h
    while ((j = index(rest, "]")) > 0) { e += j; rest = substr(rest, j + 1) }
    if (e == 0) return
    h = substr(h, 1, e - 1)
    if (k == "k") { if (m == "p" && h != "DEFAULT") emit(h); return }
    if (m == "p" && h == "default") emit(h)
    else if (m == "p" && substr(h, 1, 7) == "profile") emit(word2(h))
    else if (m == "s" && substr(h, 1, 11) == "sso-session") emit(word2(h))
}
FNR == 1 { sub(/^\357\273\277/, "") }
k == "i" {
    sub(/\r$/, "")
    if (substr($0, 1, 1) == "#") next
    nf = split($0, f, "\t")
    if (nf < 4) next
    if (m == "u") { emit(f[1]); next }
    rows++; url[rows] = f[1]; id[rows] = f[3]; nm[rows] = f[4]; rl[rows] = ""
    for (j = 5; j <= nf; j++) rl[rows] = rl[rows] (j > 5 ? "\t" : "") f[j]
    if (f[1] == U) urlKnown = 1
    next
}
# the AWS files: only lines that can matter are looked at (a fast regex first: 2,000 profiles
# are 14,000 lines); they end with LF, CRLF or a lone CR, as Python reads them
(k == "c" || k == "k") && (m == "u" ? /sso_start_url/ : /\[/) {
    if (index($0, "\r") == 0) ini($0)
    else { n = split($0, L, "\r"); for (x = 1; x <= n; x++) ini(L[x]) }
}
END {
    if (m != "a" && m != "r") exit
    for (i = 1; i <= rows; i++) {
        if (urlKnown && url[i] != U) continue
        if (m == "a") {
            if (!(id[i] in seen) && substr(id[i], 1, length(P)) == P) { seen[id[i]] = 1; print quote(id[i]) "\t" nm[i] }
            continue
        }
        if (A != "" && id[i] != A && nm[i] != A) continue
        n = split(rl[i], rs, "\t")
        for (j = 1; j <= n; j++) emit(rs[j])
    }
}
