from anthropic import Anthropic

client = Anthropic(api_key="sk-ant-api03-OuHSny0DrNxNmJA4luSa8AIJoxOqIOKz-90IsT_upEhb5d8tHObYvJMr44nQh9PpuAaJtyE-2S-0LaX1tGTVDzhaD0kyxAA")

def summarise(text: str) -> str:
    reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=300,
                                   messages=[{"role": "user", "content": text}])
    return reply.content[0].text
