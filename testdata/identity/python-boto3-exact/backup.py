"""Upload the nightly database dump."""
import os

import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id=os.environ["BACKUP_AWS_KEY_ID"],
    aws_secret_access_key=os.environ["BACKUP_AWS_SECRET"],
)

with open("dump.sql.gz", "rb") as f:
    s3.put_object(Bucket="backups", Key="nightly/dump.sql.gz", Body=f)
