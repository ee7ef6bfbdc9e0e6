Remove-Item Env:AWS_ACCESS_KEY_ID -ErrorAction SilentlyContinue
Remove-Item Env:AWS_SECRET_ACCESS_KEY -ErrorAction SilentlyContinue
Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue
$Env:AWS_PROFILE = ('dev''s "prod" $(touch pwned) `id` ; & | * ? [a] {b,c} ~ -n # \ \'' % ! ' + [char]0x00E9 + ' ' + [char]0x00FC + ' ' + [char]0xD83D + [char]0xDE00 + ' ' + [char]0x2018 + [char]0x2019 + [char]0x201A + [char]0x201B)
$Env:SSOKIT_MULTILINE = ('line1' + [char]0x000A + 'line2' + [char]0x000D + [char]0x000A + 'line3' + [char]0x0009 + '$HOME' + [char]0x000A)
$Env:SSOKIT_EMPTY = ''
$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLEEXAMPLE01'
$Env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
$Env:SSOKIT_DASH = '-e'
Remove-Item Env:SSOKIT_NEVER_SET -ErrorAction SilentlyContinue
