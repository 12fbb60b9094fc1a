# Scopes that are not literal, and calls that only look like Google's.
from google.oauth2 import service_account
from googleapiclient.discovery import build

READ = "https://www.googleapis.com/auth/drive.readonly"
TWICE = ["https://www.googleapis.com/auth/drive"]
TWICE = ["https://www.googleapis.com/auth/gmail.send"]


def make(path, scopes):
    local = ["https://www.googleapis.com/auth/drive"]
    service_account.Credentials.from_service_account_file(path, scopes=scopes)
    service_account.Credentials.from_service_account_file(path, scopes=local)
    service_account.Credentials.from_service_account_file(path, scopes=[READ, PREFIX + "drive"])
    service_account.Credentials.from_service_account_file(path, scopes=TWICE)
    # service_account.Credentials.from_service_account_file("a.json", scopes=["x"])


class Other:
    def from_service_account_file(self, path, scopes):
        return path


Other().from_service_account_file("b.json", scopes=["https://www.googleapis.com/auth/drive"])
drive = build(api_name, "v3")
drive.files().list().execute()
svc = build("drive", "v3")
svc.close()
svc.files()
other = Other()
other.from_service_account_file("c.json", scopes=["https://www.googleapis.com/auth/drive"])
