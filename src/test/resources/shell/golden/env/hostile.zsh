unset AWS_ACCESS_KEY_ID
unset AWS_SECRET_ACCESS_KEY
unset AWS_SESSION_TOKEN
unset AWS_SECURITY_TOKEN
unset AWS_CREDENTIAL_EXPIRATION
unset AWS_CREDENTIALS_EXPIRATION
unset AWS_SESSION_EXPIRATION
unset AWS_PROFILE
unset AWS_DEFAULT_PROFILE
unset AWS_REGION
unset AWS_DEFAULT_REGION
unset SSOKIT_PROFILE
unset SSOKIT_ACCOUNT_ID
unset SSOKIT_ACCOUNT_NAME
unset SSOKIT_ROLE_NAME
unset SSOKIT_START_URL
unset SSOKIT_SSO_REGION
unset SSOKIT_SSO_SESSION
unset SSOKIT_REGION
export AWS_ACCESS_KEY_ID='ASIAEXAMPLEHOSTILE01'
export AWS_SECRET_ACCESS_KEY='hostileSecret/+=abcdefghijklmnopqrstu'
export AWS_SESSION_TOKEN='IQoJb3JpZ2luX2VjEHostileToken+/='
export AWS_CREDENTIAL_EXPIRATION='2099-01-02T03:04:05Z'
export AWS_PROFILE='dev'\''s $(touch pwned) `id` ; & | * ? ~ -n # % ! é 😀'
export SSOKIT_PROFILE='dev'\''s $(touch pwned) `id` ; & | * ? ~ -n # % ! é 😀'
export SSOKIT_ACCOUNT_ID='222222222222'
export SSOKIT_ACCOUNT_NAME='Prod "EU" $HOME '\''x'\'' \ ‘’'
export SSOKIT_ROLE_NAME='ReadOnly'
export SSOKIT_START_URL='https://sandbox.awsapps.com/start'
export SSOKIT_SSO_REGION='us-east-1'
export SSOKIT_SSO_SESSION='corp'
