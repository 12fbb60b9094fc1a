import { google } from "googleapis";
import { GoogleAuth, JWT } from "google-auth-library";
import { authenticate } from "@google-cloud/local-auth";
import { sheets as sheetsApi } from "@googleapis/sheets";

const SCOPES = ["https://www.googleapis.com/auth/drive.readonly"];

const auth = new google.auth.GoogleAuth({
  keyFile: "keys/ci-sa.json",
  scopes: ["https://www.googleapis.com/auth/drive.readonly", "https://www.googleapis.com/auth/spreadsheets"],
});
const jwt = new google.auth.JWT({ email: process.env.SA_EMAIL, key: process.env.SA_PRIVATE_KEY, scopes: SCOPES });
const lib = new GoogleAuth({ keyFilename: process.env.KEY_PATH, scopes: "https://www.googleapis.com/auth/cloud-platform" });
const direct = new JWT({ keyFile: "sa.json", scopes: SCOPES });

async function main() {
  const client = await authenticate({ scopes: SCOPES, keyfilePath: "credentials.json" });
  const url = oauth2Client.generateAuthUrl({ access_type: "offline", scope: ["https://www.googleapis.com/auth/gmail.send"] });
  const drive = google.drive({ version: "v3", auth });
  await drive.files.list({ pageSize: 10 });
  const res = await drive.files.get({ fileId: "x" });
  const sheets = sheetsApi({ version: "v4", auth: jwt });
  await sheets.spreadsheets.values.get({ spreadsheetId: "s", range: "A1" });
  await google.gmail({ version: "v1", auth }).users.messages.send({ userId: "me" });
}
