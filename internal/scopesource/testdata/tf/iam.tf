resource "aws_iam_user" "deployer" {
  name = "deployer"
}

data "aws_iam_policy_document" "upload" {
  statement {
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["arn:aws:s3:::releases/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "deployer_upload" {
  name   = "upload"
  user   = aws_iam_user.deployer.name
  policy = data.aws_iam_policy_document.upload.json
}

resource "aws_iam_policy" "queue" {
  name = "queue"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:SendMessage"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_user_policy_attachment" "deployer_queue" {
  user       = "deployer"
  policy_arn = aws_iam_policy.queue.arn
}

resource "aws_iam_user_policy_attachment" "deployer_admin" {
  user       = aws_iam_user.deployer.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user_policy" "other" {
  user   = "someone-else"
  policy = <<EOF
{
  "Statement": [
    {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}
  ]
}
EOF
}
