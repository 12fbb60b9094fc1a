import requests


class Chat:
    pass


client = Chat()
client.chat.completions.create(model="m")  # not an OpenAI client
slack = object()
slack.chat_postMessage(channel="#ci")  # not a WebClient
requests.get("https://example.com/api/chat.postMessage")
requests.get(url)
# requests.post("https://api.github.com/user/repos")
"""requests.post("https://api.github.com/user/repos")"""
