import os

import boto3

session = boto3.Session(
    aws_access_key_id=os.environ["DEPLOYER_AWS_KEY_ID"],
    aws_secret_access_key=os.environ["DEPLOYER_AWS_SECRET"],
)
s3 = session.client("s3")
s3.put_object(Bucket="www", Key="index.html", Body=b"<h1>hi</h1>")
cloudfront = session.client("cloudfront")
cloudfront.create_invalidation(DistributionId="E123", InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/*"]}, "CallerReference": "x"})
sqs = session.client("sqs")
sqs.send_message(QueueUrl="https://sqs.example/q", MessageBody="deployed")
