# ssokit shell integration for PowerShell (7 and Windows PowerShell 5.1), from ssokit 0.1.0.
#
# Load it from your profile ($PROFILE):
#   Invoke-Expression (& ssokit shell init powershell --cmd awsp | Out-String)
# or, so that no Java starts when PowerShell starts, cache it in a file (regenerate it after
# upgrading ssokit) and dot-source that:
#   ssokit shell init powershell --cmd awsp | Out-File -Encoding utf8 ~/.ssokit-init.ps1
#   . ~/.ssokit-init.ps1
#
# It defines `ssokit`, a function that changes this session for `ssokit use ...` and
# `ssokit clear` and runs the ssokit program for everything else; `ssokit_prompt`;
# `awsp` (= ssokit use); and helpers named __ssokit_*. Loading it starts nothing.
# Before PowerShell 7.3, arguments holding a double quote or an empty string do not reach
# native programs intact; profile names are checked here first, so only such names are affected.

function global:__ssokit_exe {
    $found = Get-Command -Name ssokit -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $found) {
        throw 'ssokit: the ssokit program is not on PATH'
    }
    $found.Source
}

function global:ssokit {
    if ($args.Count -gt 0 -and $args[0] -ceq 'use') {
        $rest = @($args | Select-Object -Skip 1)
        __ssokit_use @rest
    } elseif ($args.Count -gt 0 -and $args[0] -ceq 'clear') {
        $rest = @($args | Select-Object -Skip 1)
        __ssokit_clear @rest
    } else {
        & (__ssokit_exe) @args
    }
}

function global:awsp {
    __ssokit_use @args
}

# TAB after awsp completes what 'ssokit use' takes: the line is parsed again with
# 'ssokit use' in place of 'awsp' and handed to ssokit's completer.
Register-ArgumentCompleter -Native -CommandName awsp -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $end = $commandAst.CommandElements[0].Extent.EndOffset
    $rest = $commandAst.Extent.Text.Substring($end - $commandAst.Extent.StartOffset)
    $line = 'ssokit use' + $rest
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($line, [ref]$null, [ref]$null)
    $cmd = $ast.Find({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true)
    __ssokit_complete $wordToComplete $cmd ($cursorPosition - $end + 10)
}

function global:__ssokit_use {
    $first = if ($args.Count -gt 0) { [string]$args[0] } else { $null }
    if ($null -eq $first) {
        __ssokit_pick
    } elseif ($first -ceq '-h' -or $first -ceq '--help') {
        'usage: ssokit use PROFILE                 set AWS_PROFILE (the profile must exist), drop exported credentials'
        '       ssokit use --env PROFILE [OPTION...]  export the profile''s credentials (see: ssokit env --help)'
        '       ssokit use --account-id ID --role-name NAME [OPTION...]  export a role''s credentials'
        '       ssokit use -                        go back to the previous profile'
        '       ssokit use                          choose a profile from a list'
        '       ssokit clear                        remove everything use and env set'
    } elseif ($first -ceq '-') {
        if ($args.Count -ne 1) {
            [Console]::Error.WriteLine('ssokit: use - takes no other argument')
            return
        }
        __ssokit_back
    } elseif ($first -ceq '--') {
        if ($args.Count -ne 2) {
            [Console]::Error.WriteLine('ssokit: use -- takes one profile name')
            return
        }
        __ssokit_switch @('profile', [string]$args[1])
    } elseif ($first -ceq '--env') {
        if ($args.Count -lt 2) {
            [Console]::Error.WriteLine('ssokit: use --env needs a profile name')
            return
        }
        __ssokit_switch (@('env', '--profile') + @($args | Select-Object -Skip 1))
    } elseif ($first.StartsWith('-')) {
        __ssokit_switch (@('env') + @($args))
    } elseif ($args.Count -ne 1 -or $first -eq '') {
        [Console]::Error.WriteLine('ssokit: use takes one profile name (ssokit use --help)')
    } else {
        __ssokit_switch @('profile', $first)
    }
}

function global:__ssokit_clear {
    if ($args.Count -ne 0) {
        [Console]::Error.WriteLine('ssokit: clear takes no arguments')
        return
    }
    __ssokit_switch @('clear')
}

# Applies a state (profile NAME | env ARGS... | clear) and, when that worked, remembers the
# state it replaced for `ssokit use -`.
function global:__ssokit_switch([string[]]$State) {
    if ($null -eq $global:__ssokit_cur) {
        $global:__ssokit_cur = if ($env:AWS_PROFILE) { @('profile', $env:AWS_PROFILE) } else { @('clear') }
    }
    if (__ssokit_apply $State) {
        $global:__ssokit_prev = $global:__ssokit_cur
        $global:__ssokit_cur = $State
    }
}

function global:__ssokit_back {
    if ($null -eq $global:__ssokit_prev) {
        [Console]::Error.WriteLine('ssokit: no previous profile to go back to')
        return
    }
    __ssokit_switch $global:__ssokit_prev
}

# $true when the state was applied. Native output is captured, never left in the pipeline.
function global:__ssokit_apply([string[]]$State) {
    if ($State[0] -ceq 'profile') {
        $name = $State[1]
        if (-not (__ssokit_profile_exists $name)) {
            $null = & (__ssokit_exe) __check-profile "--name=$name"
            if ($LASTEXITCODE -ne 0) {
                return $false
            }
        }
        __ssokit_drop
        $env:AWS_PROFILE = $name
    } elseif ($State[0] -ceq 'env') {
        $rest = @($State | Select-Object -Skip 1)
        $code = & (__ssokit_exe) env --shell powershell @rest
        if ($LASTEXITCODE -ne 0) {
            return $false
        }
        if ($code) {
            Invoke-Expression (@($code) -join "`n")
        }
    } else {
        __ssokit_drop
        Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue
    }
    return $true
}

# Removes exported credentials, identity variables, AWS_DEFAULT_PROFILE, and the region while
# it is still the one ssokit exported (SSOKIT_REGION): a region you set yourself stays.
function global:__ssokit_drop {
    $regionVars = @(
        'AWS_REGION'
        'AWS_DEFAULT_REGION'
    )
    foreach ($v in $regionVars) {
        $value = [Environment]::GetEnvironmentVariable($v)
        if ($env:SSOKIT_REGION -and $value -ceq $env:SSOKIT_REGION) {
            Remove-Item "Env:$v" -ErrorAction SilentlyContinue
        }
    }
    $dropVars = @(
        'AWS_ACCESS_KEY_ID'
        'AWS_SECRET_ACCESS_KEY'
        'AWS_SESSION_TOKEN'
        'AWS_SECURITY_TOKEN'
        'AWS_CREDENTIAL_EXPIRATION'
        'AWS_CREDENTIALS_EXPIRATION'
        'AWS_SESSION_EXPIRATION'
        'AWS_DEFAULT_PROFILE'
        'SSOKIT_PROFILE'
        'SSOKIT_ACCOUNT_ID'
        'SSOKIT_ACCOUNT_NAME'
        'SSOKIT_ROLE_NAME'
        'SSOKIT_START_URL'
        'SSOKIT_SSO_REGION'
        'SSOKIT_SSO_SESSION'
        'SSOKIT_REGION'
    )
    foreach ($v in $dropVars) {
        Remove-Item "Env:$v" -ErrorAction SilentlyContinue
    }
}

# $true when the profile is plainly in the config or credentials file; otherwise ssokit decides,
# with botocore's exact rules.
function global:__ssokit_profile_exists([string]$Name) {
    $files = @(
        @('config', $(if ($env:AWS_CONFIG_FILE) { $env:AWS_CONFIG_FILE } else { Join-Path $HOME '.aws/config' })),
        @('credentials', $(if ($env:AWS_SHARED_CREDENTIALS_FILE) { $env:AWS_SHARED_CREDENTIALS_FILE } else { Join-Path $HOME '.aws/credentials' }))
    )
    foreach ($f in $files) {
        $path = $f[1]
        if ($path -eq '~') {
            $path = $HOME
        } elseif ($path.StartsWith('~/') -or $path.StartsWith('~\')) {
            $path = Join-Path $HOME $path.Substring(2)
        }
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
            continue
        }
        foreach ($line in (Get-Content -LiteralPath $path -Encoding UTF8)) {
            if ($line -notmatch '^\[(.*)\]') {
                continue
            }
            $h = $Matches[1]
            if ($f[0] -ceq 'credentials') {
                if ($h -cne 'DEFAULT' -and $h -ceq $Name) {
                    return $true
                }
                continue
            }
            if ($h -ceq 'default' -and $Name -ceq 'default') {
                return $true
            }
            if ($h -cmatch '^profile[ \t]+(?:''([^'']*)''|"([^"\\]*)"|([^ \t''"\\]+))[ \t]*$') {
                $found = $Matches[1] + $Matches[2] + $Matches[3]
                if ($found -ceq $Name) {
                    return $true
                }
            }
        }
    }
    return $false
}

function global:__ssokit_pick {
    $choice = & (__ssokit_exe) __pick-profile
    if ($LASTEXITCODE -ne 0 -or -not $choice) {
        return
    }
    __ssokit_switch @('profile', [string](@($choice)[0]))
}

# Returns the active profile, or ACCOUNT/ROLE for exported credentials, and the minutes left
# before AWS_CREDENTIAL_EXPIRATION: "dev", "dev (42m)", "Development/Developer (expired)".
# Empty when neither is set. Use it in your prompt function:
#   function prompt { "$(ssokit_prompt) PS $($executionContext.SessionState.Path.CurrentLocation)> " }
function global:ssokit_prompt {
    $name = $null
    if ($env:AWS_ACCESS_KEY_ID -and $env:SSOKIT_ACCOUNT_ID) {
        if ($env:SSOKIT_PROFILE) {
            $name = $env:SSOKIT_PROFILE
        } elseif ($env:SSOKIT_ACCOUNT_NAME) {
            $name = "$($env:SSOKIT_ACCOUNT_NAME)/$($env:SSOKIT_ROLE_NAME)"
        } else {
            $name = "$($env:SSOKIT_ACCOUNT_ID)/$($env:SSOKIT_ROLE_NAME)"
        }
    } elseif ($env:AWS_PROFILE) {
        $name = $env:AWS_PROFILE
    } else {
        return ''
    }
    if ($env:AWS_ACCESS_KEY_ID -and $env:AWS_CREDENTIAL_EXPIRATION) {
        $expires = [DateTimeOffset]::MinValue
        $styles = [Globalization.DateTimeStyles]::AssumeUniversal
        if ([DateTimeOffset]::TryParse($env:AWS_CREDENTIAL_EXPIRATION, [Globalization.CultureInfo]::InvariantCulture, $styles, [ref]$expires)) {
            $left = [Math]::Floor(($expires - [DateTimeOffset]::UtcNow).TotalMinutes)
            if ($left -gt 0) {
                $name = "$name ($($left)m)"
            } else {
                $name = "$name (expired)"
            }
        }
    }
    $name
}

# <completions/powershell>
