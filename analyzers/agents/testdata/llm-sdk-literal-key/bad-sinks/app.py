import os
import openai
from anthropic import Anthropic
from openai import OpenAI
from agents import set_default_openai_key

os.environ["OPENAI_API_KEY"] = "{{fake:generic}}"
openai.api_key = "{{fake:generic:2}}"
client = OpenAI(
    base_url=os.getenv("OPENAI_BASE_URL"),
    api_key="{{fake:generic:3}}",
)
claude = Anthropic(api_key='{{fake:anthropic}}')
set_default_openai_key("{{fake:openai}}")
