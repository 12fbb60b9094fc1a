import os

import google.auth
from google.oauth2 import service_account
from google.oauth2.credentials import Credentials
from google_auth_oauthlib.flow import InstalledAppFlow
from googleapiclient.discovery import build

SCOPES = [
    "https://www.googleapis.com/auth/drive.readonly",
    "https://www.googleapis.com/auth/spreadsheets",
]

creds = service_account.Credentials.from_service_account_file(
    "keys/ci-sa.json", scopes=["https://www.googleapis.com/auth/drive.readonly"]
)
info_creds = service_account.Credentials.from_service_account_info(
    info, scopes=("https://www.googleapis.com/auth/gmail.send",)
)
user_creds = Credentials.from_authorized_user_file("token.json", SCOPES)
flow = InstalledAppFlow.from_client_secrets_file("credentials.json", scopes=SCOPES)
adc, project = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
scoped = creds.with_scopes(["https://www.googleapis.com/auth/drive.file"])
env_creds = service_account.Credentials.from_service_account_file(os.environ["SA_KEY_PATH"])

drive = build("drive", "v3", credentials=creds)
drive.files().list(pageSize=10, fields="files(id)").execute()
drive.files().get(fileId="x").execute()
sheets = build("sheets", "v4", credentials=user_creds)
sheets.spreadsheets().values().get(spreadsheetId="s", range="A1").execute()
sheets.spreadsheets().values().update(spreadsheetId="s", range="A1", body={}).execute()
with build("gmail", "v1", credentials=info_creds) as gmail:
    gmail.users().messages().send(userId="me", body={}).execute()
request = drive.files().list()
while request is not None:
    request = drive.files().list_next(request, None)
