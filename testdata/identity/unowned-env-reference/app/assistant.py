import os

import stripe
from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]
region = os.environ.get("APP_REGION", "eu")  # not a credential

reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
