resource "aws_iam_user" "deployer" {
  name = "deployer"
}

resource "aws_iam_access_key" "deployer" {
  user = aws_iam_user.deployer.name
}

data "aws_iam_policy_document" "deploy" {
  statement {
    actions   = ["s3:PutObject", "s3:DeleteObject", "cloudfront:CreateInvalidation"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "deploy" {
  user   = aws_iam_user.deployer.name
  policy = data.aws_iam_policy_document.deploy.json
}
