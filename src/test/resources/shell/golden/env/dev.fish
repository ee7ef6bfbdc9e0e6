if set -q -g AWS_ACCESS_KEY_ID
    set -e -g AWS_ACCESS_KEY_ID
end
if set -q -g AWS_SECRET_ACCESS_KEY
    set -e -g AWS_SECRET_ACCESS_KEY
end
if set -q -g AWS_SESSION_TOKEN
    set -e -g AWS_SESSION_TOKEN
end
if set -q -g AWS_SECURITY_TOKEN
    set -e -g AWS_SECURITY_TOKEN
end
if set -q -g AWS_CREDENTIAL_EXPIRATION
    set -e -g AWS_CREDENTIAL_EXPIRATION
end
if set -q -g AWS_CREDENTIALS_EXPIRATION
    set -e -g AWS_CREDENTIALS_EXPIRATION
end
if set -q -g AWS_SESSION_EXPIRATION
    set -e -g AWS_SESSION_EXPIRATION
end
if set -q -g AWS_PROFILE
    set -e -g AWS_PROFILE
end
if set -q -g AWS_DEFAULT_PROFILE
    set -e -g AWS_DEFAULT_PROFILE
end
if set -q -g AWS_REGION
    set -e -g AWS_REGION
end
if set -q -g AWS_DEFAULT_REGION
    set -e -g AWS_DEFAULT_REGION
end
if set -q -g SSOKIT_PROFILE
    set -e -g SSOKIT_PROFILE
end
if set -q -g SSOKIT_ACCOUNT_ID
    set -e -g SSOKIT_ACCOUNT_ID
end
if set -q -g SSOKIT_ACCOUNT_NAME
    set -e -g SSOKIT_ACCOUNT_NAME
end
if set -q -g SSOKIT_ROLE_NAME
    set -e -g SSOKIT_ROLE_NAME
end
if set -q -g SSOKIT_START_URL
    set -e -g SSOKIT_START_URL
end
if set -q -g SSOKIT_SSO_REGION
    set -e -g SSOKIT_SSO_REGION
end
if set -q -g SSOKIT_SSO_SESSION
    set -e -g SSOKIT_SSO_SESSION
end
if set -q -g SSOKIT_REGION
    set -e -g SSOKIT_REGION
end
set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLEDEV000001'
set -gx AWS_SECRET_ACCESS_KEY 'devSecret/+=abcdefghijklmnopqrstuvwxyz0123'
set -gx AWS_SESSION_TOKEN 'IQoJb3JpZ2luX2VjEDevToken+/='
set -gx AWS_CREDENTIAL_EXPIRATION '2099-01-02T03:04:05Z'
set -gx AWS_REGION 'eu-central-1'
set -gx AWS_DEFAULT_REGION 'eu-central-1'
set -gx AWS_PROFILE 'dev'
set -gx SSOKIT_PROFILE 'dev'
set -gx SSOKIT_ACCOUNT_ID '111111111111'
set -gx SSOKIT_ACCOUNT_NAME 'Development'
set -gx SSOKIT_ROLE_NAME 'Developer'
set -gx SSOKIT_START_URL 'https://sandbox.awsapps.com/start'
set -gx SSOKIT_SSO_REGION 'us-east-1'
set -gx SSOKIT_REGION 'eu-central-1'
