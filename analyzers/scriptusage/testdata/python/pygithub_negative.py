# Same method names on objects that are not PyGithub objects.
import os

from github import Github


class Store:
    def get_repo(self, name):
        return name


store = Store()
repo = store.get_repo("octo/hello")
repo.create_issue(title="not PyGithub")
repo.get_contents("README.md")

g = Github()
# g.get_repo("octo/hello").create_issue(title="commented out")
"""g.get_repo("octo/hello")"""
g.get_repo("o/r").unknown_method().merge()
issue = g.get_repo("o/r").get_issue(1)
issue.merge()  # issues have no merge
for x, y in pairs(g):
    x.create_issue()
