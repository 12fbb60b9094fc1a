import os
from os import environ, getenv

token = os.environ["GITHUB_TOKEN"]
key = os.environ.get("OPENAI_API_KEY")
region = os.getenv("AWS_REGION", "us-east-1")
db = os.environ["DATABASE_URL"]
bot = environ["SLACK_BOT_TOKEN"]
stripe = getenv("STRIPE_SECRET_KEY")
os.environ["AWS_PROFILE"] = "ci"  # a write, not a read
# os.environ["COMMENTED_TOKEN"]
text = "os.environ['IN_STRING_TOKEN']"
fmt = f"{os.environ['IN_FSTRING_TOKEN']}"
name = "DYNAMIC_TOKEN"
dyn = os.environ[name]
café = os.getenv("UNICODE_COLUMN_TOKEN")
