if set -q -g AWS_ACCESS_KEY_ID
    set -e -g AWS_ACCESS_KEY_ID
end
if set -q -g AWS_SECRET_ACCESS_KEY
    set -e -g AWS_SECRET_ACCESS_KEY
end
if set -q -g AWS_SESSION_TOKEN
    set -e -g AWS_SESSION_TOKEN
end
set -gx AWS_PROFILE 'dev\'s "prod" $(touch pwned) `id` ; & | * ? [a] {b,c} ~ -n # \\ \\\' % ! é ü 😀 ‘’‚‛'
set -gx SSOKIT_MULTILINE 'line1
line2
line3	$HOME
'
set -gx SSOKIT_EMPTY ''
set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLEEXAMPLE01'
set -gx AWS_SECRET_ACCESS_KEY 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
set -gx SSOKIT_DASH '-e'
if set -q -g SSOKIT_NEVER_SET
    set -e -g SSOKIT_NEVER_SET
end
