import os

import boto3

session = boto3.session.Session(
    aws_access_key_id=os.getenv("REPORTING_AWS_KEY_ID"),
    aws_secret_access_key=os.getenv("REPORTING_AWS_SECRET"),
)
s3 = session.client("s3")
for page in s3.get_paginator("list_objects_v2").paginate(Bucket="reports"):
    for obj in page.get("Contents", []):
        s3.get_object(Bucket="reports", Key=obj["Key"])
