package sweep

import (
	"html/template"
	"io"
	"time"

	"github.com/nhilint/nhilint/internal/finding"
)

// summaryPage is summary.html: one self-contained page (no script, no
// external style or font), escaped by html/template. Findings never hold a
// secret value, only its redacted preview.
var summaryPage = template.Must(template.New("summary").Funcs(template.FuncMap{
	"date":      func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"location":  location,
	"place":     placeString,
	"preview":   preview,
	"provider":  providerOf,
	"many":      func(k Key) bool { return len(k.Repositories) > 1 },
	"longlived": func(l finding.Lifetime) bool { return l == finding.LifetimeLongLived },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>nhilint sweep</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:78em;padding:0 1em;color:#1f2328}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right}code{font-size:.92em;word-break:break-all}
.tiles{display:flex;flex-wrap:wrap;gap:.8em}.tile{border:1px solid #d0d7de;border-radius:6px;padding:.6em 1em;min-width:9em}
.tile b{display:block;font-size:1.5em}.error{color:#cf222e}.warning{color:#9a6700}.note{color:#57606a}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(22em,1fr));gap:1.5em}
</style>
</head>
<body>
<h1>nhilint sweep</h1>
<div class="tiles">
<div class="tile"><b>{{.Repositories}}</b>repositories</div>
<div class="tile"><b>{{.Scanned}}</b>scanned</div>
<div class="tile"><b>{{.Failed}}</b>failed</div>
<div class="tile"><b>{{.Findings}}</b>findings</div>
<div class="tile"><b>{{.Keys}}</b>distinct keys</div>
<div class="tile"><b>{{.LongLived}}</b>long-lived keys</div>
<div class="tile"><b>{{.Reused}}</b>keys reused across repositories</div>
<div class="tile"><b>{{.Suppressed}}</b>suppressed</div>
</div>
<div class="grid">
{{with .ByLevel}}<section><h2>By severity</h2><table><tr><th>Level</th><th>Findings</th></tr>{{range .}}<tr><td class="{{.Name}}">{{.Name}}</td><td class="n">{{.N}}</td></tr>{{end}}</table></section>{{end}}
{{with .ByCategory}}<section><h2>By NHI category</h2><table><tr><th>OWASP NHI Top 10</th><th>Findings</th></tr>{{range .}}<tr><td>{{.Name}}</td><td class="n">{{.N}}</td></tr>{{end}}</table></section>{{end}}
{{with .ByProvider}}<section><h2>By provider</h2><table><tr><th>Provider</th><th>Findings</th></tr>{{range .}}<tr><td>{{.Name}}</td><td class="n">{{.N}}</td></tr>{{end}}</table></section>{{end}}
{{with .TopRepos}}<section><h2>Repositories with most findings</h2><table><tr><th>Repository</th><th>Findings</th></tr>{{range .}}<tr><td>{{.Name}}</td><td class="n">{{.N}}</td></tr>{{end}}</table></section>{{end}}
</div>
{{with .Oldest}}<h2>Oldest leaks</h2>
<table><tr><th>Committed</th><th>Repository</th><th>Location</th><th>Rule</th><th>Key</th></tr>
{{range .}}<tr><td>{{date .Location.Date}}</td><td>{{.Repo}}</td><td><code>{{location .}}</code></td><td>{{.RuleID}}</td><td><code>{{preview .}}</code></td></tr>
{{end}}</table>{{end}}
{{with .KeyList}}<h2>Keys</h2>
<p>Each credential once, wherever it was found. A key in several repositories (NHI9, reuse) is revoked once.</p>
<table><tr><th>Key</th><th>Provider</th><th>Lifetime</th><th>Repositories</th><th>Places</th><th>Revoke</th></tr>
{{range .}}<tr><td><code>{{.Preview}}</code><br>{{.Type}}</td><td>{{.Provider}}</td><td>{{if longlived .Lifetime}}<b>long-lived</b>{{else}}{{.Lifetime}}{{end}}</td><td>{{if many .}}<b>{{len .Repositories}}</b>{{else}}1{{end}}</td>
<td>{{range .Places}}{{.Repo}}: <code>{{place .}}</code><br>{{end}}</td><td>{{.Remediation.Revoke}}</td></tr>
{{end}}</table>{{end}}
{{with .Failures}}<h2>Repositories not scanned</h2>
<table><tr><th>Repository</th><th>Error</th></tr>{{range .}}<tr><td>{{.Repo}}</td><td>{{.Error}}</td></tr>{{end}}</table>{{end}}
{{with .Rows}}<h2>Findings</h2>
<table><tr><th>Repository</th><th>Location</th><th>Level</th><th>Rule</th><th>Message</th><th>Remediation</th></tr>
{{range .}}<tr><td>{{.Repo}}</td><td><code>{{location .}}</code></td><td class="{{.Level}}">{{.Level}}</td><td>{{.RuleID}}<br>{{provider .Finding}}</td><td>{{.Message}}</td>
<td>{{with .Remediation.Revoke}}<b>Revoke:</b> {{.}}<br>{{end}}{{with .Remediation.Rotate}}<b>Rotate:</b> {{.}}<br>{{end}}{{with .Remediation.Replace}}<b>Replace:</b> {{.}}{{end}}</td></tr>
{{end}}</table>{{end}}
</body>
</html>
`))

func (s *Summary) writeHTML(w io.Writer) error { return summaryPage.Execute(w, s) }
