import os
from openai import OpenAI
from anthropic import Anthropic

client = OpenAI()
claude = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
local = OpenAI(base_url="http://localhost:8000/v1", api_key="not-needed")
openai_key = os.getenv("OPENAI_API_KEY")
