import os

import anthropic
import httpx
import requests
from github import Auth, Github
from openai import OpenAI
from slack_sdk import WebClient

slack = WebClient(token=os.environ["NOTIFY_TOKEN"])
slack.chat_postMessage(channel="#ci", text="done")
slack.conversations_history(channel="C1")
slack.api_call("reactions.add", params={})
slack.files_upload_v2(file="a.txt")

client = OpenAI()
client.chat.completions.create(model="m", messages=[])
client.embeddings.create(model="m", input="x")

claude = anthropic.Anthropic(api_key=os.environ["CLAUDE_KEY"])
claude.messages.create(model="m", max_tokens=1, messages=[])

gh = Github(auth=Auth.Token(os.environ["RELEASE_BOT_PAT"]))
gh.get_repo("o/r").create_issue(title="x")

requests.get("https://api.github.com/repos/octo/hello/issues?state=open")
requests.post("https://slack.com/api/chat.postMessage", json={})
httpx.request("DELETE", "https://api.github.com/repos/octo/hello/git/refs/heads/old")
requests.get(f"https://api.github.com/repos/{owner}/{repo}")
s = requests.Session()
s.post("https://api.openai.com/v1/embeddings", json={})
requests.post("https://api.anthropic.com/v1/messages", json={})
