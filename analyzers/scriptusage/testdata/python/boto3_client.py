import boto3
from boto3.session import Session as AWSSession

s3 = boto3.client("s3")
s3.put_object(Bucket="b", Key="k", Body=b"x")
s3.list_objects_v2(Bucket="b")
paginator = s3.get_paginator("list_objects_v2")
s3.upload_file("a.txt", "b", "a.txt")
url = s3.generate_presigned_url("get_object", Params={})
waiter = s3.get_waiter("bucket_exists")

session = boto3.Session(profile_name="ci")
sqs = session.client("sqs", region_name="eu-west-1")
sqs.send_message(QueueUrl="q", MessageBody="m")
other = AWSSession().client("sns")
other.publish(TopicArn="t", Message="m")


class Store:
    def __init__(self):
        self.ddb = boto3.client("dynamodb")

    def save(self, item):
        self.ddb.put_item(TableName="t", Item=item)


with boto3.client("sts") as sts:
    sts.get_caller_identity()

boto3.client("kms").decrypt(CiphertextBlob=b"")
