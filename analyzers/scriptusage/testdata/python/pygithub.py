import os

from github import Auth, Github

g = Github(auth=Auth.Token(os.environ["RELEASE_BOT_PAT"]))


def publish(path, body):
    repo = g.get_repo("octo/hello")
    repo.get_contents(path, ref="main")
    repo.create_file(path, "add", body)
    repo.update_file(path, "edit", body, sha="abc")
    repo.delete_file(path, "drop", sha="abc")
    repo.create_git_release("v1", "v1", "notes")
    repo.get_branch("main")
    repo.create_hook("web", {"url": "https://example.com"})
    issue = repo.create_issue(title="report")
    issue.create_comment("done")
    pr = repo.create_pull(title="x", body="y", head="topic", base="main")
    pr.merge()
    for open_pr in repo.get_pulls(state="open"):
        open_pr.create_issue_comment("ping")
    for old in repo.get_issues(state="closed"):
        old.edit(state="open")


class Sync:
    def __init__(self):
        self.gh = Github(auth=Auth.Token(os.environ["SYNC_TOKEN"]))
        self.org = self.gh.get_organization("octo")

    def run(self):
        for r in self.org.get_repos():
            r.get_branches()
        self.org.create_repo("new-repo")
        me = self.gh.get_user()
        me.create_repo("mine")
        self.gh.get_user("someone")


g.get_repo("octo/hello").get_pull(7).merge()
