#!/bin/sh
# Upload the built site; the aws CLI reads AWS_ACCESS_KEY_ID itself.
set -e
test -n "$AWS_ACCESS_KEY_ID"
aws s3 cp build/index.html s3://www-example/index.html
