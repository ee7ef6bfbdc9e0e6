Remove-Item Env:AWS_ACCESS_KEY_ID -ErrorAction SilentlyContinue
Remove-Item Env:AWS_SECRET_ACCESS_KEY -ErrorAction SilentlyContinue
Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue
Remove-Item Env:AWS_SECURITY_TOKEN -ErrorAction SilentlyContinue
Remove-Item Env:AWS_CREDENTIAL_EXPIRATION -ErrorAction SilentlyContinue
Remove-Item Env:AWS_CREDENTIALS_EXPIRATION -ErrorAction SilentlyContinue
Remove-Item Env:AWS_SESSION_EXPIRATION -ErrorAction SilentlyContinue
Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue
Remove-Item Env:AWS_DEFAULT_PROFILE -ErrorAction SilentlyContinue
Remove-Item Env:AWS_REGION -ErrorAction SilentlyContinue
Remove-Item Env:AWS_DEFAULT_REGION -ErrorAction SilentlyContinue
Remove-Item Env:SSOKIT_PROFILE -ErrorAction SilentlyContinue
Remove-Item Env:SSOKIT_ACCOUNT_ID -ErrorAction SilentlyContinue
Remove-Item Env:SSOKIT_ACCOUNT_NAME -ErrorAction SilentlyContinue
Remove-Item Env:SSOKIT_ROLE_NAME -ErrorAction SilentlyContinue
Remove-Item Env:SSOKIT_START_URL -ErrorAction SilentlyContinue
Remove-Item Env:SSOKIT_SSO_REGION -ErrorAction SilentlyContinue
Remove-Item Env:SSOKIT_SSO_SESSION -ErrorAction SilentlyContinue
Remove-Item Env:SSOKIT_REGION -ErrorAction SilentlyContinue
$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLEHOSTILE01'
$Env:AWS_SECRET_ACCESS_KEY = 'hostileSecret/+=abcdefghijklmnopqrstu'
$Env:AWS_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEHostileToken+/='
$Env:AWS_CREDENTIAL_EXPIRATION = '2099-01-02T03:04:05Z'
$Env:AWS_PROFILE = ('dev''s $(touch pwned) `id` ; & | * ? ~ -n # % ! ' + [char]0x00E9 + ' ' + [char]0xD83D + [char]0xDE00)
$Env:SSOKIT_PROFILE = ('dev''s $(touch pwned) `id` ; & | * ? ~ -n # % ! ' + [char]0x00E9 + ' ' + [char]0xD83D + [char]0xDE00)
$Env:SSOKIT_ACCOUNT_ID = '222222222222'
$Env:SSOKIT_ACCOUNT_NAME = ('Prod "EU" $HOME ''x'' \ ' + [char]0x2018 + [char]0x2019)
$Env:SSOKIT_ROLE_NAME = 'ReadOnly'
$Env:SSOKIT_START_URL = 'https://sandbox.awsapps.com/start'
$Env:SSOKIT_SSO_REGION = 'us-east-1'
$Env:SSOKIT_SSO_SESSION = 'corp'
