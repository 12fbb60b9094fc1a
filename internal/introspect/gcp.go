package introspect

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

// GCPServiceAccountJSON reads a Google credentials file (or its base64, as
// GOOGLE_CREDENTIALS variables often hold it). For "service_account" keys it
// reports client_email, private_key_id, project_id and the key's algorithm
// and size; such keys never expire. "authorized_user" files hold a refresh
// token that also lives until revoked. "external_account" (workload identity
// federation) files hold no secret at all. Other JSON is not applicable.
func GCPServiceAccountJSON(s string) (*Facts, error) {
	if len(s) > MaxInputSize {
		return nil, errTooLarge
	}
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "{") {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || !strings.HasPrefix(strings.TrimSpace(string(b)), "{") {
			return nil, errNotApplicable
		}
		s = string(b)
	}
	m, err := decodeObject([]byte(s))
	if err != nil {
		return nil, errNotApplicable
	}
	typ, _ := stringValue(m["type"])
	f := &Facts{}
	f.setAttr("project-id", claimString(m, "project_id"))
	switch typ {
	case "service_account":
		email := claimString(m, "client_email")
		keyID := claimString(m, "private_key_id")
		if email == "" && keyID == "" {
			return nil, decodeError("gcp-service-account", "no client_email or private_key_id")
		}
		f.Kind = "gcp-service-account"
		f.NeverExpires = true
		f.Subject = email
		f.setAttr("client-email", email)
		f.setAttr("private-key-id", keyID)
		f.setAttr("client-id", claimString(m, "client_id"))
		f.setAttr("universe-domain", claimString(m, "universe_domain"))
		if pk, _ := stringValue(m["private_key"]); pk != "" {
			if kf, err := PEMPrivateKey(pk); err == nil {
				for _, k := range []string{"key-type", "key-bits", "encrypted"} {
					f.setAttr(k, kf.Attributes[k])
				}
			}
		}
		f.classify()
		who := email
		if who == "" {
			who = "an unnamed service account"
		}
		f.Reason = fmt.Sprintf("GCP service-account key for %s with no expiry; it stays valid until the key is deleted.", who)
	case "authorized_user":
		f.Kind = "gcp-authorized-user"
		f.NeverExpires = true
		f.setAttr("client-id", claimString(m, "client_id"))
		f.setAttr("quota-project-id", claimString(m, "quota_project_id"))
		f.classify()
		f.Reason = "Google user credentials (gcloud application-default login) holding a refresh token with no expiry."
	case "external_account":
		f.Kind = "gcp-external-account"
		f.NotSecret = true
		f.Lifetime = finding.LifetimeShortLived
		f.Audience = claimString(m, "audience")
		if u := claimString(m, "service_account_impersonation_url"); u != "" {
			f.setAttr("impersonation-url", u)
		}
		f.Reason = "Workload identity federation config: it holds no key and exchanges an external token for short-lived credentials."
	default:
		return nil, errNotApplicable
	}
	return f.finish(), nil
}
