import os
import openai
from openai import OpenAI
from anthropic import Anthropic

openai.api_key = os.environ["OPENAI_API_KEY"]
client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))
local = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
vllm = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
lm = OpenAI(api_key="lm-studio")
claude = Anthropic()
os.environ["OPENAI_API_KEY"] = "sk-..."
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
