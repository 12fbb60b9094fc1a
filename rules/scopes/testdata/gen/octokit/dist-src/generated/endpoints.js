const Endpoints = {
  issues: {
    create: ["POST /repos/{owner}/{repo}/issues"]
  },
  repos: {
    getContent: [
      "GET /repos/{owner}/{repo}/contents/{path}"
    ],
    getOld: [
      "GET /repos/{owner}/{repo}/old",
      {},
      { renamed: ["repos", "getContent"] }
    ]
  }
};
