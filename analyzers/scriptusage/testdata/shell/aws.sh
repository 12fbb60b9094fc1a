aws s3 cp ./dist s3://bucket/app --recursive
aws s3 cp s3://bucket/config.json .
aws s3 sync ./site s3://bucket/site --delete
aws s3 ls
aws s3 ls s3://bucket/
aws s3 rm s3://bucket/tmp --recursive
aws --region eu-west-1 s3api put-object --bucket b --key k --body f
aws sts get-caller-identity --query Account --output text
aws ecr get-login-password | docker login --username AWS --password-stdin registry
aws cloudformation wait stack-create-complete --stack-name s
if aws dynamodb list-tables; then sudo aws s3 mb s3://new; fi
VERSION=$(aws ssm get-parameter --name /app/version --query Parameter.Value --output text)
echo "$AWS_SECRET_ACCESS_KEY" > /dev/null
cat <<EOF > creds
token=$NPM_TOKEN
aws s3 rm s3://in-heredoc-body
EOF
cat <<'EOF'
$NOT_EXPANDED_TOKEN
EOF
echo '$SINGLE_QUOTED_TOKEN' $HOME $PATH ${#API_TOKEN}
aws configure set region eu-west-1
