import pathlib
import sys

import boto3

# boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the job's environment.
s3 = boto3.client("s3")
for path in pathlib.Path(sys.argv[1]).iterdir():
    s3.upload_file(str(path), "releases", path.name)
    s3.put_object(Bucket="releases", Key="latest", Body=path.name.encode())
