import boto3

# s3 = boto3.client("s3")
# s3.put_object(Bucket="b")
doc = """
s3 = boto3.client("s3")
s3.delete_object(Bucket="b", Key="k")
"""
print("s3.put_object(Bucket='b')")


class FakeStore:
    def put_object(self, **kw):
        pass


store = FakeStore()
store.put_object(Bucket="b")
s3.put_object(Bucket="unbound name")
client = make_client("s3")
client.put_object(Bucket="b")
