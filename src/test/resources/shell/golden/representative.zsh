unset AWS_ACCESS_KEY_ID
unset AWS_SECRET_ACCESS_KEY
unset AWS_SESSION_TOKEN
export AWS_PROFILE='dev'\''s "prod" $(touch pwned) `id` ; & | * ? [a] {b,c} ~ -n # \ \'\'' % ! é ü 😀 ‘’‚‛'
export SSOKIT_MULTILINE='line1
line2
line3	$HOME
'
export SSOKIT_EMPTY=''
export AWS_ACCESS_KEY_ID='ASIAEXAMPLEEXAMPLE01'
export AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
export SSOKIT_DASH='-e'
unset SSOKIT_NEVER_SET
