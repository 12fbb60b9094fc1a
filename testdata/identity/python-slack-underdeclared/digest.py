import os

from slack_sdk import WebClient

client = WebClient(token=os.environ["DIGEST_SLACK_TOKEN"])
history = client.conversations_history(channel="C0123456", limit=50)
client.chat_postMessage(channel="C0999999", text="weekly digest")
# client.admin_users_remove(user_id="U1")  -- commented out: not a call
