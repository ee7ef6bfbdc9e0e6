# A file to read for environment value $value (default $default): ~ expanded against $HOME as the
# AWS CLI does, relative paths against the current location; $null when there is no such file.
function __ssokit_path([string]$value, [string]$default) {
    $f = if ($value) { $value } else { $default }
    if ($f -eq '~') { $f = $HOME }
    elseif ($f.StartsWith('~/') -or $f.StartsWith('~\')) { $f = Join-Path $HOME $f.Substring(2) }
    if (-not [System.IO.Path]::IsPathRooted($f)) { $f = Join-Path $PWD.ProviderPath $f }
    if ([System.IO.File]::Exists($f)) { return $f }
    return $null
}

function __ssokit_lines([string]$path) {
    if (-not $path) { return }
    try { [System.IO.File]::ReadAllLines($path) } catch { }
}

# botocore reads a header like shlex.split and takes a name only from exactly two words.
function __ssokit_word2([string]$s) {
    $words = [System.Collections.Generic.List[string]]::new()
    $w = [System.Text.StringBuilder]::new()
    $inWord = $false
    $q = [char]0
    for ($i = 0; $i -lt $s.Length; $i++) {
        $c = $s[$i]
        if ($q -eq [char]39) {
            if ($c -eq [char]39) { $q = [char]0 } else { [void]$w.Append($c) }
            continue
        }
        if ($q -eq [char]34) {
            if ($c -eq [char]34) { $q = [char]0; continue }
            if ($c -eq [char]92) {
                if ($i + 1 -ge $s.Length) { return $null }
                $i++
                $d = $s[$i]
                if ($d -ne [char]34 -and $d -ne [char]92) { [void]$w.Append($c) }
                [void]$w.Append($d)
                continue
            }
            [void]$w.Append($c)
            continue
        }
        if ($c -eq [char]32 -or $c -eq [char]9 -or $c -eq [char]13 -or $c -eq [char]10) {
            if ($inWord) { $words.Add($w.ToString()); [void]$w.Clear(); $inWord = $false }
            continue
        }
        $inWord = $true
        if ($c -eq [char]39 -or $c -eq [char]34) { $q = $c; continue }
        if ($c -eq [char]92) {
            if ($i + 1 -ge $s.Length) { return $null }
            $i++
            [void]$w.Append($s[$i])
            continue
        }
        [void]$w.Append($c)
    }
    if ($q -ne [char]0) { return $null }
    if ($inWord) { $words.Add($w.ToString()) }
    if ($words.Count -eq 2) { return $words[1] }
    return $null
}

# The section headers of an INI file: the text between '[' and the last ']' of the line.
function __ssokit_headers([string]$path) {
    foreach ($line in (__ssokit_lines $path)) {
        $t = $line.TrimStart([char]32, [char]9).TrimEnd([char]13)
        if (-not $t.StartsWith('[')) { continue }
        $e = $t.LastIndexOf(']')
        if ($e -gt 1) { $t.Substring(1, $e - 1) }
    }
}

function __ssokit_config { __ssokit_path $env:AWS_CONFIG_FILE (Join-Path $HOME '.aws/config') }

function __ssokit_profiles {
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
    foreach ($h in (__ssokit_headers (__ssokit_config))) {
        $n = $null
        if ($h -ceq 'default') { $n = $h }
        elseif ($h.StartsWith('profile', [System.StringComparison]::Ordinal)) { $n = __ssokit_word2 $h }
        if ($n -and $seen.Add($n)) { $n }
    }
    $credentials = __ssokit_path $env:AWS_SHARED_CREDENTIALS_FILE (Join-Path $HOME '.aws/credentials')
    foreach ($h in (__ssokit_headers $credentials)) {
        if ($h -cne 'DEFAULT' -and $seen.Add($h)) { $h }
    }
}

function __ssokit_sessions {
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
    foreach ($h in (__ssokit_headers (__ssokit_config))) {
        if ($h.StartsWith('sso-session', [System.StringComparison]::Ordinal)) {
            $n = __ssokit_word2 $h
            if ($n -and $seen.Add($n)) { $n }
        }
    }
}

# The rows of ssokit's candidate index: start URL, region, account id, account name, roles...
function __ssokit_rows {
    $p = __ssokit_path $env:SSOKIT_CANDIDATE_INDEX (Join-Path $HOME '.aws/sso/ssokit-candidates.tsv')
    foreach ($line in (__ssokit_lines $p)) {
        if ($line.StartsWith('#')) { continue }
        $f = $line.Split([char]9)
        if ($f.Length -ge 4) { , $f }
    }
}

function __ssokit_urls {
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
    foreach ($line in (__ssokit_lines (__ssokit_config))) {
        if ($line -cmatch '^[ \t]*sso_start_url[ \t]*[=:][ \t]*(.*?)[ \t\r]*$') {
            if ($Matches[1] -and $seen.Add($Matches[1])) { $Matches[1] }
        }
    }
    foreach ($f in (__ssokit_rows)) { if ($f[0] -and $seen.Add($f[0])) { $f[0] } }
}

# Rows of the instance whose start URL is $url when the index has it, else every row.
function __ssokit_instance_rows([string]$url) {
    $rows = @(__ssokit_rows)
    if ($url -and @($rows | Where-Object { $_[0] -ceq $url }).Count -gt 0) {
        $rows = @($rows | Where-Object { $_[0] -ceq $url })
    }
    foreach ($r in $rows) { , $r }
}

# Account ids, each with its name, as "id`tname".
function __ssokit_accounts([string]$url) {
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
    foreach ($f in (__ssokit_instance_rows $url)) {
        if ($seen.Add($f[2])) { $f[2] + "`t" + $f[3] }
    }
}

# Role names: only those of account $account (an id or a name) when one is given.
function __ssokit_roles([string]$account, [string]$url) {
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
    foreach ($f in (__ssokit_instance_rows $url)) {
        if ($account -and $f[2] -cne $account -and $f[3] -cne $account) { continue }
        for ($i = 4; $i -lt $f.Length; $i++) { if ($f[$i] -and $seen.Add($f[$i])) { $f[$i] } }
    }
}

# $s as one PowerShell word: as it is when nothing in it is special, else single-quoted with every
# kind of single quote doubled.
function __ssokit_quote([string]$s) {
    if ($s -and $s -notmatch '[\s''"`$(){}\[\];,|&<>@#\u2018-\u201B]' -and -not $s.StartsWith('-')) { return $s }
    return "'" + ($s -replace '[\u0027\u2018-\u201B]', '$0$0') + "'"
}

function __ssokit_result([string]$text, [string]$lead, [string]$description, [string]$type) {
    $tip = if ($description) { $description } else { $text }
    # option names are plain words; values are quoted when PowerShell would read them otherwise
    $completion = if ($type -eq 'ParameterName') { $text } else { $lead + (__ssokit_quote $text) }
    [System.Management.Automation.CompletionResult]::new($completion, $text, $type, $tip)
}

# Completion results for a value of kind $kind starting with $prefix; $lead (--option=) is kept.
function __ssokit_value_results([string]$kind, [string]$prefix, [string]$lead, [string]$account, [string]$url) {
    $values = switch -CaseSensitive -Exact ($kind) {
        'profile' { __ssokit_profiles }
        'session' { __ssokit_sessions }
        'url' { __ssokit_urls }
        'account' { __ssokit_accounts $url }
        'role' { __ssokit_roles $account $url }
        'region' { __ssokit_regions }
        default { if ($kind.StartsWith('fixed')) { __ssokit_fixed $kind } }
    }
    foreach ($v in @($values)) {
        $text, $description = $v.Split([char[]]@([char]9), 2)
        if ($text.StartsWith($prefix, [System.StringComparison]::Ordinal)) {
            __ssokit_result $text $lead $description 'ParameterValue'
        }
    }
}

function __ssokit_complete([string]$wordToComplete, $commandAst, [int]$cursorPosition) {
    $words = @(foreach ($e in $commandAst.CommandElements) {
            if ($e.Extent.EndOffset -lt $cursorPosition) {
                if ($e -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $e.Value } else { $e.Extent.Text }
            }
        })
    $cur = $wordToComplete
    # a word being typed inside quotes: compare what is inside them
    if ($cur.StartsWith("'") -or $cur.StartsWith('"')) { $cur = $cur.Substring(1).TrimEnd([char]39, [char]34) }
    $id = 'ssokit'; $expect = $null; $npos = 0; $dd = $false; $account = ''; $url = ''
    for ($i = 1; $i -lt $words.Count; $i++) {
        $w = [string]$words[$i]
        if ($expect) {
            if ($expect -eq 'account') { $account = $w } elseif ($expect -eq 'url') { $url = $w }
            $expect = $null
        } elseif (-not $dd -and $w.Length -gt 1 -and $w.StartsWith('-')) {
            if ($w -eq '--') { $dd = $true }
            elseif ($w.StartsWith('--') -and $w.Contains('=')) {
                $name, $value = $w.Split([char[]]@([char]61), 2)
                $kind = __ssokit_value $id $name
                if ($kind -eq 'account') { $account = $value } elseif ($kind -eq 'url') { $url = $value }
            } else { $expect = __ssokit_value $id $w }
        } elseif ($npos -eq 0 -and ($sub = __ssokit_sub $id $w)) {
            $id = $sub
        } else {
            $kind = __ssokit_positional $id $npos
            # the command run-as or exec runs: its arguments are its own business; a word this
            # command does not take (a mistyped subcommand): nothing sensible to offer
            if (-not $kind -or $kind -eq 'command') { return }
            $npos++
        }
    }
    if ($expect) {
        __ssokit_value_results $expect $cur '' $account $url
        return
    }
    if (-not $dd -and $cur.StartsWith('-')) {
        if ($cur.StartsWith('--') -and $cur.Contains('=')) {
            $name, $value = $cur.Split([char[]]@([char]61), 2)
            $kind = __ssokit_value $id $name
            if ($kind) { __ssokit_value_results $kind $value ($name + '=') $account $url }
            return
        }
        $options = @(__ssokit_options $id)
        for ($i = 0; $i -lt $options.Count; $i += 2) {
            if ($options[$i].StartsWith($cur, [System.StringComparison]::Ordinal)) {
                __ssokit_result $options[$i] '' $options[$i + 1] 'ParameterName'
            }
        }
        return
    }
    if ($npos -eq 0) {
        $commands = @(__ssokit_commands $id)
        for ($i = 0; $i -lt $commands.Count; $i += 2) {
            if ($commands[$i].StartsWith($cur, [System.StringComparison]::Ordinal)) {
                __ssokit_result $commands[$i] '' $commands[$i + 1] 'ParameterValue'
            }
        }
    }
    $kind = __ssokit_positional $id $npos
    if ($kind) { __ssokit_value_results $kind $cur '' $account $url }
}

Register-ArgumentCompleter -Native -CommandName ssokit -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    __ssokit_complete $wordToComplete $commandAst $cursorPosition
}
