// Not Google, or not literal.
const { google } = require("googleapis");

let scopes = ["https://www.googleapis.com/auth/drive"];
scopes = [];

function make(extra) {
  const LOCAL = ["https://www.googleapis.com/auth/drive"];
  new google.auth.GoogleAuth({ scopes: LOCAL });
  new google.auth.GoogleAuth({ scopes });
  new google.auth.GoogleAuth({ scopes: [extra, `https://www.googleapis.com/auth/${extra}`] });
  // new google.auth.GoogleAuth({ scopes: ["https://www.googleapis.com/auth/drive"] });
}

class GoogleAuth {}
new GoogleAuth({ scopes: ["https://www.googleapis.com/auth/drive"] });
google.options({ auth: null });
const drive = other.drive({ version: "v3" });
drive.files.list({});
const d2 = google.drive({ version: "v3" });
d2.files();
